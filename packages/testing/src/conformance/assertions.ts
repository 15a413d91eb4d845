import { ProviderError, type ProviderErrorKind, type StreamPart } from "@weft/provider";
import { ConformanceError } from "./conformance-error.js";

/** Fails the check with `message` unless `condition` holds. */
export function ensure(condition: unknown, message: string): asserts condition {
  if (!condition) throw new ConformanceError(message);
}

/** A short, safe description of a value for failure messages. */
export function describe(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  try {
    const text = JSON.stringify(value);
    return text === undefined ? String(value) : text.length > 300 ? `${text.slice(0, 300)}...` : text;
  } catch {
    return String(value);
  }
}

/** Runs `action` and returns what it threw; fails the check if it did not throw. */
export async function failureOf(action: () => Promise<unknown>, what: string): Promise<unknown> {
  try {
    await action();
  } catch (error) {
    return error;
  }
  throw new ConformanceError(`${what}: expected a failure, but the call succeeded`);
}

/** Asserts `error` is a ProviderError of one of `kinds`, and returns it. */
export function ensureProviderError(
  error: unknown,
  kinds: readonly ProviderErrorKind[],
  what: string,
): ProviderError {
  ensure(ProviderError.is(error), `${what}: expected a ProviderError, got ${describe(error)}`);
  ensure(
    kinds.includes(error.kind),
    `${what}: expected kind ${kinds.join(" or ")}, got ${error.kind} (${error.message})`,
  );
  return error;
}

/** Collects a stream's parts, and the error it ended with (undefined when it finished). */
export async function collectParts(
  stream: AsyncIterable<StreamPart>,
): Promise<{ parts: StreamPart[]; error: unknown }> {
  const parts: StreamPart[] = [];
  try {
    for await (const part of stream) parts.push(part);
    return { parts, error: undefined };
  } catch (error) {
    return { parts, error };
  }
}

/** Checks a finished stream's shape: `response-metadata` first, `finish` last, each exactly once. */
export function ensureStreamShape(parts: readonly StreamPart[], what: string): void {
  const types = parts.map((part) => part.type);
  ensure(
    types[0] === "response-metadata",
    `${what}: the first part must be response-metadata, got ${types[0]}`,
  );
  ensure(types.at(-1) === "finish", `${what}: the last part must be finish, got ${types.at(-1)}`);
  ensure(
    types.filter((type) => type === "response-metadata").length === 1,
    `${what}: response-metadata must come once`,
  );
  ensure(types.filter((type) => type === "finish").length === 1, `${what}: finish must come once`);
}

/** Text joined from a stream's text deltas. */
export function streamedText(parts: readonly StreamPart[]): string {
  return parts.map((part) => (part.type === "text-delta" ? part.delta : "")).join("");
}
