import { randomUUID } from "node:crypto";
import type { ForwardRecord } from "./forward-record.js";

/** Unreleased tapes the registry holds before it evicts the least recently used one. */
export const DEFAULT_TAPE_CAPACITY = 1_024;

const live = new Map<string, ForwardRecord>();
// Ids evicted lately, so a late backward() can say why its tape is gone (bounded like the registry).
const evicted = new Set<string>();
let capacity = DEFAULT_TAPE_CAPACITY;

function evictBeyond(limit: number): void {
  for (const id of live.keys()) {
    if (live.size <= limit) break;
    live.delete(id);
    evicted.add(id);
  }
  for (const id of evicted) {
    if (evicted.size <= capacity) break;
    evicted.delete(id);
  }
}

/**
 * Registers the forward record of one run and returns its new tape id (32 hex digits). Runs in training mode
 * do this themselves; call it only for a record you built yourself. Who releases a tape: a backward pass
 * (unless told to retain it), `releaseTape`, or, for tapes nobody propagates through, the registry itself:
 * past {@link tapeCapacity} unreleased tapes the least recently registered or read one is evicted, so memory
 * stays bounded however many training runs are never backpropagated.
 */
export function registerTape(record: ForwardRecord): string {
  const id = randomUUID().replaceAll("-", "");
  live.set(id, record);
  evictBeyond(capacity);
  return id;
}

/** The record of a registered tape (marking it recently used); `undefined` once released or evicted. */
export function findTape(tapeId: string): ForwardRecord | undefined {
  const record = live.get(tapeId);
  if (record) {
    live.delete(tapeId);
    live.set(tapeId, record);
  }
  return record;
}

/** Forgets a tape (idempotent). Backward passes release the tapes they walked unless told to retain them. */
export function releaseTape(tapeId: string): void {
  live.delete(tapeId);
  evicted.delete(tapeId);
}

/** Tape ids still registered, least recently used first (to check that training releases what it records). */
export function liveTapeIds(): string[] {
  return [...live.keys()];
}

/** Whether `tapeId` was dropped by the capacity bound (and not released since), among the latest evictions. */
export function wasTapeEvicted(tapeId: string): boolean {
  return evicted.has(tapeId);
}

/** Most unreleased tapes held at once. Default: {@link DEFAULT_TAPE_CAPACITY} (1,024). */
export function tapeCapacity(): number {
  return capacity;
}

/**
 * Sets the most unreleased tapes held at once (evicting the least recently used ones beyond it) and returns
 * the previous capacity. Raise it for a backward pass over more outputs than the default 1,024 at once.
 */
export function setTapeCapacity(limit: number): number {
  if (!(Number.isInteger(limit) && limit >= 1))
    throw new RangeError(`tape capacity must be an integer >= 1, got ${limit}`);
  const previous = capacity;
  capacity = limit;
  evictBeyond(limit);
  return previous;
}
