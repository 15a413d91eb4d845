import type { Module } from "@weft/core";
import type { ResourceManager } from "@weft/resources";
import { backward } from "../backward/backward.js";
import { Feedback } from "../feedback/feedback.js";
import type { Optimizer } from "../optimizers/optimizer.js";
import { recordRun } from "../tape/record-run.js";

/** Runs `module` in training mode on `input` and propagates `feedback` (routing) into `optimizer`. */
export async function feedInto(
  optimizer: Optimizer,
  module: Module,
  manager: ResourceManager,
  input: string,
  feedback: readonly string[],
): Promise<void> {
  const out = await recordRun(module.train(), input as never, { resources: manager });
  const value = Feedback.from(new Feedback(feedback, { score: 0 }), { tapeIds: [out.tapeId] });
  await backward(value, { optimizer });
}
