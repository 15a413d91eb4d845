import type { GenerateRequest } from "@weft/provider";

/** Asks a model one question (an optional system message, one user message); resolves with its reply text. */
export const ask = (
  model: { generate(r: GenerateRequest): Promise<{ text: string }> },
  system: string,
  user: string,
) =>
  model
    .generate({
      messages: [
        ...(system ? [{ role: "system" as const, content: system }] : []),
        { role: "user", content: user },
      ],
    })
    .then((r) => r.text);

/** A critique prompt shaped like weft's (`<call step>`, input, output, downstream feedback, variable). */
export const critique = (
  step: string,
  kind: string,
  input: string,
  output: string,
  feedback: string,
  value = "",
) =>
  [
    `<call step="${step}">`,
    "<system-prompt>whatever</system-prompt>",
    `<input>${input}</input>`,
    `<output>${output}</output>`,
    "</call>",
    `<downstream-feedback>\n- ${feedback}\n</downstream-feedback>`,
    `<variable kind="${kind}" name="x">`,
    `<value>${value}</value>`,
    "</variable>",
  ].join("\n");
