import { describe, expect, it, vi } from "vitest";
import { EventBus, type WeftEvent } from "./event-bus.js";

type Started = WeftEvent<"started"> & { readonly nodeId: string };
type Finished = WeftEvent<"finished"> & { readonly ok: boolean };

describe("EventBus", () => {
  it("delivers typed events to their subscribers and to onAny", () => {
    const bus = new EventBus<Started | Finished>();
    const started: string[] = [];
    const all: string[] = [];
    bus.on("started", (e) => started.push(e.nodeId));
    const off = bus.onAny((e) => all.push(e.type));
    bus.emit({ type: "started", time: 1, nodeId: "n1" });
    bus.emit({ type: "finished", time: 2, ok: true });
    off();
    bus.emit({ type: "finished", time: 3, ok: false });
    expect(started).toEqual(["n1"]);
    expect(all).toEqual(["started", "finished"]);
  });

  it("keeps delivering when a listener throws", () => {
    const onListenerError = vi.fn();
    const bus = new EventBus<Started>({ onListenerError });
    const seen: string[] = [];
    bus.on("started", () => {
      throw new Error("bad listener");
    });
    bus.on("started", (e) => seen.push(e.nodeId));
    bus.emit({ type: "started", time: 0, nodeId: "x" });
    expect(seen).toEqual(["x"]);
    expect(onListenerError).toHaveBeenCalledOnce();
  });

  it("reports whether anybody listens", () => {
    const bus = new EventBus<Started>();
    expect(bus.hasListeners("started")).toBe(false);
    const off = bus.on("started", () => {});
    expect(bus.hasListeners("started")).toBe(true);
    off();
    expect(bus.hasListeners("started")).toBe(false);
  });
});
