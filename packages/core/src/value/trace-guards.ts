import { TraceError } from "../errors/trace-error.js";

const INSTEAD =
  `Build text with prompt\`...\${value}...\`, compute with F.* ops (F.concat, F.render, F.coerce, F.add), ` +
  "branch with route/when, and work on lists with map or inside a LeafModule.";

/** The TraceError for turning a traced Value into a string, number or JSON. @internal */
export function stringifiedError(ref: string | null, how: string): TraceError {
  return new TraceError(
    "stringified",
    `Cannot ${how} a traced Value (ref "${ref}") while tracing: its data does not exist yet, and the ` +
      `dependency on it would be silently lost. ${INSTEAD}`,
    ref === null ? {} : { ref },
  );
}

/** The TraceError for iterating a traced Value. @internal */
export function iteratedError(ref: string | null): TraceError {
  return new TraceError(
    "iterated",
    `Cannot iterate a traced Value (ref "${ref}") while tracing: its length is unknown until execution. ` +
      "Use value.at(i) for a known position, F.mapValues / map for every element, or do the loop " +
      "inside a LeafModule's forward().",
    ref === null ? {} : { ref },
  );
}

/** The TraceError for reading the payload of a placeholder. @internal */
export function placeholderPayloadError(ref: string | null, tracing: boolean): TraceError {
  const when = tracing
    ? "while tracing. Branching on it (if (v.payload)) would silently take one branch for every run."
    : "outside a trace: a placeholder only stands for a result inside a traced graph.";
  return new TraceError(
    "placeholder_payload",
    `Cannot read .payload of placeholder Value (ref "${ref}"): it has no data until execution, ${when} ` +
      INSTEAD,
    ref === null ? {} : { ref },
  );
}
