import {
  type ForwardRecord,
  findTape,
  registerTape,
  releaseTape,
  tapeCapacity,
  wasTapeEvicted,
} from "@weft/execution";
import { BackwardError } from "../errors/backward-error.js";

/**
 * The record of a tape id (execution's tape registry, where runs in training mode register their tapes);
 * BackwardError(`unknown_tape`) when it was released, evicted past the registry's capacity, or never recorded.
 */
export function getRecord(tapeId: string): ForwardRecord {
  const record = findTape(tapeId);
  if (record) return record;
  const why = wasTapeEvicted(tapeId)
    ? `it was evicted: more than ${tapeCapacity()} tapes were left unreleased (release unused tapes with ` +
      "releaseTape(), or raise the bound with setTapeCapacity())"
    : "it was released by an earlier backward() (pass retainGraph to keep it) or never recorded";
  throw new BackwardError("unknown_tape", `Unknown tape id "${tapeId}": ${why}`);
}

/**
 * Registers a forward record and returns its tape id.
 * @deprecated Runs in training mode register their tapes themselves; use `registerTape` from `@weft/execution`.
 */
export const registerRecord: (record: ForwardRecord) => string = registerTape;

/**
 * Forgets a tape (idempotent).
 * @deprecated Use `releaseTape` (re-exported here from `@weft/execution`).
 */
export const releaseRecord: (tapeId: string) => void = releaseTape;
