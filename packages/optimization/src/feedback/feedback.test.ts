import { MetaKey, Value, ValueKind } from "@weft/core";
import { describe, expect, it } from "vitest";
import { parseImprovements } from "../llm/parse-list.js";
import { combineFeedback } from "./combine.js";
import { Feedback } from "./feedback.js";
import { feedbackActions, normalizeFeedbackPayload, normalizeFeedbackValue } from "./normalize.js";

describe("feedback normalization (plait-spec 9.1)", () => {
  it.each<[string, unknown, string[][]]>([
    ["null", null, []],
    ["undefined", undefined, []],
    ["empty string", "", []],
    ["empty list", [], []],
    ["a string", "fix it", [["fix it"]]],
    ["lists of lists, empties dropped", [["a", "", 1], []], [["a", "1"]]],
    ["a flat list", ["a", "", "b"], [["a", "b"]]],
    ["a flat list of empties", ["", ""], []],
    ["a number", 3, [["3"]]],
    ["an object, as JSON", { fix: "x" }, [['{"fix":"x"}']]],
    ["a Value's payload", new Value(ValueKind.TEXT, "via value"), [["via value"]]],
  ])("%s", (_name, input, expected) => {
    expect(normalizeFeedbackPayload(input)).toEqual(expected);
  });

  it("a feedback Value keeps ref and meta except the tape ids", () => {
    const value = new Value(ValueKind.TEXT, "x", {
      ref: "n_1",
      meta: { [MetaKey.tapeIds]: ["t"], [MetaKey.score]: 0.5 },
    });
    const normalized = normalizeFeedbackValue(value);
    expect([normalized.kind, normalized.payload, normalized.ref, normalized.meta]).toEqual([
      "structured",
      [["x"]],
      "n_1",
      { [MetaKey.score]: 0.5 },
    ]);
    expect(feedbackActions([["  a  ", ""], ["b"]])).toEqual(["a", "b"]);
  });

  it("combines several feedbacks by concatenation, with the scores that exist in meta.scores (plait-spec 9.5)", () => {
    const a = new Feedback(["a"], { score: 0.2 });
    const b = new Feedback([["b1"], ["b2"]]);
    const c = new Feedback("c", { score: 1 });
    const combined = combineFeedback([a, b, c]);
    expect(combined?.payload).toEqual([["a"], ["b1"], ["b2"], ["c"]]);
    expect(combined?.meta).toEqual({ [MetaKey.scores]: [0.2, 1] });
    expect(combineFeedback([a])?.meta).toEqual({ [MetaKey.score]: 0.2 });
    expect(combineFeedback([])).toBeUndefined();
  });
});

describe("Feedback", () => {
  it("is a STRUCTURED Value with actions, a score in [0, 1] and its tapes", () => {
    const feedback = Feedback.from(new Feedback(["a", "b"], { score: 0.25 }), { [MetaKey.tapeIds]: ["t1"] });
    expect([feedback.kind, feedback.actions, feedback.score, feedback.tapeIds]).toEqual([
      "structured",
      ["a", "b"],
      0.25,
      ["t1"],
    ]);
    expect(() => new Feedback("x", { score: 1.5 })).toThrow(/\[0, 1\]/);
    expect(() => new Feedback("x", { score: Number.NaN })).toThrow(/\[0, 1\]/);
    expect(Feedback.from("plain").actions).toEqual(["plain"]);
  });
});

describe("parseImprovements", () => {
  it("reads JSON arrays, also fenced or in prose; anything else is one improvement", () => {
    expect(parseImprovements('["a", " b ", "", null]')).toEqual(["a", "b"]);
    expect(parseImprovements('Sure:\n```json\n["x"]\n```')).toEqual(["x"]);
    expect(parseImprovements("[]")).toEqual([]);
    expect(parseImprovements("  ")).toEqual([]);
    expect(parseImprovements("Make it [much] shorter.")).toEqual(["Make it [much] shorter."]);
  });
});
