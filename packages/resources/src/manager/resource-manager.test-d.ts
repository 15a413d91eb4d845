import { EventBus, type WeftEvent } from "@weft/core";
import { describe, expectTypeOf, it } from "vitest";
import type { ResourceEvent } from "../events/resource-events.js";
import { type CallResult, ResourceManager } from "./resource-manager.js";

type RunStarted = WeftEvent<"run.started"> & { readonly runId: string };

describe("ResourceManager types", () => {
  it("forwards to a bus that also carries other packages' events", () => {
    const bus = new EventBus<ResourceEvent | RunStarted>();
    const manager = new ResourceManager({ aliases: {} }, { events: bus });
    expectTypeOf(manager.generate).returns.toEqualTypeOf<Promise<CallResult>>();
  });

  it("narrows events by their literal type", () => {
    const bus = new EventBus<ResourceEvent>();
    bus.on("call.started", (event) => {
      expectTypeOf(event.slot).toEqualTypeOf<number>();
      expectTypeOf(event.context?.nodeId).toEqualTypeOf<string | undefined>();
    });
    bus.on("budget.exceeded", (event) => {
      expectTypeOf(event.limit).toEqualTypeOf<"usd" | "tokens" | "calls" | "deadline">();
    });
  });
});
