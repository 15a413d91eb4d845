import { EventBus, ManualClock, type WeftEvent } from "@weft/core";

type Tick = WeftEvent<"tick">;
const clock = new ManualClock();
const bus = new EventBus<Tick>();
bus.on("tick", (e) => console.log(`tick at ${e.time} ms`));
void clock.sleep(500).then(() => bus.emit({ type: "tick", time: clock.now() }));
await clock.advance(1_000);
