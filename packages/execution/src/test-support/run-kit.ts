import { ManualClock } from "@weft/core";
import type { GenerateRequest, LanguageModel } from "@weft/provider";
import { ResourceManager } from "@weft/resources";

/** The last user message of a request (the node's prompt, or a re-ask). */
export function promptOf(request: GenerateRequest): string {
  const last = [...request.messages].reverse().find((message) => message.role === "user");
  return last?.content ?? "";
}

/** A manager over one model per alias, on a manual clock, with $1 per million input and $2 per million output tokens. */
export function managerFor(
  models: Readonly<Record<string, LanguageModel>>,
  options: { maxConcurrent?: number; clock?: ManualClock } = {},
) {
  const clock = options.clock ?? new ManualClock();
  const aliases: Record<
    string,
    { model: LanguageModel; pricing: { inputPerMTok: number; outputPerMTok: number }; maxConcurrent?: number }
  > = {};
  for (const [alias, model] of Object.entries(models)) {
    aliases[alias] = {
      model,
      pricing: { inputPerMTok: 1, outputPerMTok: 2 },
      ...(options.maxConcurrent === undefined ? {} : { maxConcurrent: options.maxConcurrent }),
    };
  }
  const manager = new ResourceManager({ aliases }, { clock });
  return { manager, clock };
}

/** Runs the clock until `promise` settles, firing timers one at a time. */
export async function driveClock<T>(clock: ManualClock, promise: Promise<T>): Promise<T> {
  let settled = false;
  const watched = promise.finally(() => {
    settled = true;
  });
  watched.catch(() => {});
  for (let guard = 0; !settled && guard < 100_000; guard++) {
    await new Promise((resolve) => setImmediate(resolve));
    if (settled) break;
    if (clock.pending > 0) await clock.runAll(1);
  }
  return watched;
}
