// EventBus overhead: the runtime emits an event per state change, so emitting must stay close to a bare
// eventemitter3 emit. Prints the per-emit cost of both (best of several runs) and their ratio.
import { EventBus, type WeftEvent } from "@weft/core";
import { EventEmitter } from "eventemitter3";
import { bestOf, report } from "./lib/measure.js";

type Tick = WeftEvent<"tick"> & { readonly n: number };
const emits = 1_000_000;
let sink = 0;

const raw = new EventEmitter();
raw.on("tick", (e: Tick) => {
  sink += e.n;
});
const bus = new EventBus<Tick>();
bus.on("tick", (e) => {
  sink += e.n;
});
const quiet = new EventBus<Tick>();

const rawMs = await bestOf(7, () => {
  for (let i = 0; i < emits; i++) raw.emit("tick", { type: "tick", time: i, n: 1 });
});
const busMs = await bestOf(7, () => {
  for (let i = 0; i < emits; i++) bus.emit({ type: "tick", time: i, n: 1 });
});
const quietMs = await bestOf(7, () => {
  for (let i = 0; i < emits; i++) quiet.emit({ type: "tick", time: i, n: 1 });
});

report({
  raw_ns_per_emit: Math.round((rawMs * 1e6) / emits),
  bus_ns_per_emit: Math.round((busMs * 1e6) / emits),
  no_listener_ns_per_emit: Math.round((quietMs * 1e6) / emits),
  ratio: Number((busMs / rawMs).toFixed(2)),
  checksum: sink > 0,
});
