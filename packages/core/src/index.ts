export type { Clock } from "./clock/clock.js";
export { abortReason, systemClock } from "./clock/clock.js";
export { ManualClock } from "./clock/manual-clock.js";
export type { EventBusOptions, EventContext, WeftEvent } from "./events/event-bus.js";
export { EventBus } from "./events/event-bus.js";
