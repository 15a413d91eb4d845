import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

// Exposes V8's collector without a command-line flag (benchmarks run through tsx).
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

/** Runs a full garbage collection, so that the next measurement starts from the same heap. */
export function collectGarbage(): void {
  gc();
}
