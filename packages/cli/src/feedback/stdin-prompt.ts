import { PassThrough, type Readable, Writable } from "node:stream";
import { consolePrompt, type HumanPrompt } from "@weft/optimization";
import type { OutputStream } from "../cli-io.js";

/** A human prompt on the CLI's input and output, and when it has asked for more than the input holds. */
export interface StdinPrompt {
  readonly prompt: HumanPrompt;
  /** Resolves when the prompt waits for a line and the input has ended with none left for it. */
  readonly exhausted: Promise<void>;
}

/**
 * `consolePrompt` on `input` and `output`. The prompt never sees the input end: given an ended input it would
 * read empty answers (ending every later row's improvements, asking a score again forever). Instead the lines
 * are counted, and so are the prompt's questions (it writes each one, without a newline, right before reading
 * a line): once the input has ended and a question has no line left, `exhausted` resolves and the caller stops.
 */
export function stdinPrompt(input: Readable, output: OutputStream): StdinPrompt {
  const lines = new PassThrough();
  let received = 0;
  let partial = false;
  let questions = 0;
  let ended = false;
  let exhaust: () => void = () => undefined;
  const exhausted = new Promise<void>((resolve) => {
    exhaust = resolve;
  });
  const check = () => {
    if (ended && questions > received) exhaust();
  };
  input.on("data", (chunk: Buffer | string) => {
    const text = String(chunk);
    received += text.split("\n").length - 1;
    partial = !text.endsWith("\n") && (partial || text.length > 0);
    lines.write(text);
  });
  input.once("end", () => {
    // A last line without a newline is still an answer.
    if (partial) {
      received++;
      lines.write("\n");
    }
    ended = true;
    check();
  });
  const sink = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      const text = String(chunk);
      output.write(text);
      if (!text.endsWith("\n")) {
        questions++;
        check();
      }
      done();
    },
  });
  return { prompt: consolePrompt({ input: lines, output: sink }), exhausted };
}
