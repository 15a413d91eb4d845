import { createInterface } from "node:readline/promises";
import type { Readable, Writable } from "node:stream";
import { displayText } from "@weft/core";
import { LossError } from "../errors/loss-error.js";
import type { HumanFeedbackAnswer, HumanFeedbackRequest, HumanPrompt } from "./human-feedback-loss.js";

const inputEnded = (what: string) => new LossError("input_ended", `the input ended before ${what} was given`);

/** Options of {@link consolePrompt}. */
export interface ConsolePromptOptions {
  /** Default: `process.stdin`. */
  readonly input?: Readable;
  /** Default: `process.stdout`. */
  readonly output?: Writable;
}

/**
 * A {@link HumanPrompt} on a terminal (what `weft` uses for human feedback): prints the output (and target,
 * context, criteria and scale), asks for a score until it is a level of the rubric (when there is one), then
 * reads improvements one per line until an empty line. Questions are asked one at a time, in call order.
 * When the input ends, the improvements read so far are the answer; a score still owed fails the request with
 * a `LossError` with reason `input_ended` (it is never asked again and again).
 */
export function consolePrompt(options: ConsolePromptOptions = {}): HumanPrompt {
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stdout;
  const lines = createInterface({ input, terminal: false })[Symbol.asyncIterator]();
  const say = (text: string) => output.write(`${text}\n`);
  let ended = false;
  /** The next answer, or `undefined` once the input has ended. */
  const read = async (question: string): Promise<string | undefined> => {
    output.write(question);
    const next = ended ? { done: true as const } : await lines.next();
    if (next.done) {
      ended = true;
      return undefined;
    }
    return String(next.value).trim();
  };
  let queue: Promise<unknown> = Promise.resolve();
  const ask = async (request: HumanFeedbackRequest): Promise<HumanFeedbackAnswer> => {
    say(`\nOutput:\n${displayText(request.output)}`);
    if (request.target !== undefined) say(`Target:\n${displayText(request.target)}`);
    if (request.context !== undefined) say(`Context:\n${displayText(request.context)}`);
    if (request.criteria) say(`Criteria: ${request.criteria}`);
    let score: number | undefined;
    if (request.rubric) {
      for (const level of request.rubric) say(`  ${level.score} - ${level.label}: ${level.description}`);
      const allowed = request.rubric.map((level) => level.score);
      for (;;) {
        const answer = await read(`Score (${allowed.join("/")}): `);
        if (answer === undefined) throw inputEnded("a score");
        const value = Number(answer);
        if (answer !== "" && allowed.includes(value)) {
          score = value;
          break;
        }
        say(`Please answer one of ${allowed.join(", ")}.`);
      }
    }
    say("Improvements, one per line (empty line to finish):");
    const improvements: string[] = [];
    for (;;) {
      const line = await read("> ");
      if (line === undefined || line === "") break; // the end of the input ends the list too
      improvements.push(line);
    }
    return score === undefined ? { improvements } : { improvements, score };
  };
  return (request) => {
    const answer = queue.then(() => ask(request));
    queue = answer.catch(() => undefined);
    return answer;
  };
}
