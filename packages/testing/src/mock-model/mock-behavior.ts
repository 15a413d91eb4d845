import type { CallOptions, GenerateRequest } from "@weft/provider";
import { MockModelError } from "./mock-model-error.js";

/** One recorded call of a {@link MockLanguageModel}. */
export interface MockCall {
  readonly method: "generate" | "stream";
  /** Position of this call among the calls of the same method, from 0. */
  readonly index: number;
  readonly request: GenerateRequest;
  readonly options: CallOptions | undefined;
  /** When the call was made, on the model's clock. */
  readonly time: number;
}

/**
 * How a mock method answers: a function of the request (called once per call, may be async and may
 * throw), one result given to every call, or a list consumed in call order (a call past its end fails
 * with a {@link MockModelError} `mock_exhausted`).
 */
export type MockBehavior<TResult> =
  | TResult
  | readonly TResult[]
  | ((request: GenerateRequest, call: MockCall) => TResult | Promise<TResult>);

/** Walks a behaviour call by call. */
export class MockResponder<TResult> {
  private consumed = 0;

  constructor(
    private readonly behavior: MockBehavior<TResult>,
    private readonly label: string,
  ) {}

  async next(call: MockCall): Promise<TResult> {
    const behavior = this.behavior;
    if (typeof behavior === "function") {
      return (behavior as (request: GenerateRequest, call: MockCall) => TResult | Promise<TResult>)(
        call.request,
        call,
      );
    }
    if (!Array.isArray(behavior)) return behavior as TResult;
    const list = behavior as readonly TResult[];
    const position = this.consumed++;
    if (position >= list.length) {
      throw new MockModelError(
        "mock_exhausted",
        `${this.label} was given ${list.length} result(s) but was called ${position + 1} times`,
      );
    }
    return list[position] as TResult;
  }
}
