// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${ENV_NAME}` is the config syntax for a secret read from the environment
import { inspect } from "node:util";
import { ManualClock } from "@weft/core";
import { type LanguageModel, ProviderError } from "@weft/provider";
import { failWith, MockLanguageModel } from "@weft/testing";
import { describe, expect, it } from "vitest";
import { ResourceConfigError } from "../errors/resource-config-error.js";
import { ProviderRegistry, type ResolvedModelDescription } from "../registry/provider-registry.js";
import { managerWith, request, settleWith } from "./manager-test-kit.js";

describe("secrets", () => {
  const KEY = "sk-weft-PLANTED-9f8e7d6c5b4a";
  // Planted in the options (from the environment and literally) and in headers (likewise).
  const OPTION_KEY = "opt-weft-PLANTED-1a2b3c4d5e";
  const OPTION_LITERAL = "lit-opt-PLANTED-dd33ee44ff";
  const HEADER_KEY = "hdr-weft-PLANTED-6f7a8b9c0d";
  const HEADER_LITERAL = "lit-hdr-PLANTED-aa11bb22cc";
  const PLANTED = [KEY, OPTION_KEY, OPTION_LITERAL, HEADER_KEY, HEADER_LITERAL];

  it("never appear in errors, events or config dumps, even when a provider echoes them", async () => {
    const clock = new ManualClock();
    const received: ResolvedModelDescription[] = [];
    const echoing = (description: ResolvedModelDescription): LanguageModel => {
      received.push(description);
      const everything = JSON.stringify(description);
      return new MockLanguageModel({
        clock,
        provider: "echo",
        generate: [
          failWith("transient", {
            message: `upstream rejected ${everything} and token ${HEADER_KEY}`,
            responseBody: { description, token: HEADER_KEY },
          }),
          new ProviderError({
            kind: "auth",
            message: `bad key ${description.apiKey} with ${description.headers?.Authorization}`,
            cause: new Error(`options=${everything}`),
          }),
        ],
      });
    };
    const registry = new ProviderRegistry().register("echo", echoing);
    const { manager, events } = managerWith(
      {
        aliases: {
          a: {
            model: {
              provider: "echo",
              model: "m",
              apiKey: "${WEFT_TEST_KEY}",
              headers: {
                Authorization: "Bearer ${WEFT_HEADER_TOKEN}",
                "x-api-key": HEADER_LITERAL,
                "x-title": "weft-test",
              },
              options: {
                auth: { accessToken: "${WEFT_OPTION_TOKEN}" },
                clientSecret: OPTION_LITERAL,
                region: "eu",
              },
            },
            retry: { baseDelayMs: 0 },
          },
        },
      },
      {
        clock,
        registry,
        env: { WEFT_TEST_KEY: KEY, WEFT_OPTION_TOKEN: OPTION_KEY, WEFT_HEADER_TOKEN: HEADER_KEY },
      },
    );
    // The factory gets the real values.
    expect(received[0]).toMatchObject({
      apiKey: KEY,
      headers: { Authorization: `Bearer ${HEADER_KEY}`, "x-api-key": HEADER_LITERAL, "x-title": "weft-test" },
      options: { auth: { accessToken: OPTION_KEY }, clientSecret: OPTION_LITERAL, region: "eu" },
    });
    const error = await settleWith(clock, manager.generate("a", request, { stream: false })).catch(
      (e: unknown) => e,
    );
    expect(ProviderError.is(error) && error.kind).toBe("auth");
    expect((manager.describeConfig().endpoints as Record<string, { model: unknown }>)["a#0"]?.model).toEqual({
      provider: "echo",
      model: "m",
      apiKey: "${WEFT_TEST_KEY} [redacted]",
      headers: {
        Authorization: "${WEFT_HEADER_TOKEN} [redacted]",
        "x-api-key": "[redacted]",
        "x-title": "[redacted]",
      },
      options: {
        auth: { accessToken: "${WEFT_OPTION_TOKEN} [redacted]" },
        clientSecret: "[redacted]",
        region: "eu",
      },
    });
    const configError = (() => {
      try {
        return new ResourceConfigError([{ path: "x", message: "y" }]);
      } catch (e) {
        return e;
      }
    })();
    const seen = [
      JSON.stringify(events),
      inspect(events, { depth: 20 }),
      String(error),
      inspect(error, { depth: 20 }),
      JSON.stringify(error),
      JSON.stringify(manager.describeConfig()),
      inspect(manager.config, { depth: 20 }),
      JSON.stringify(manager.config),
      JSON.stringify(manager.snapshot()),
      String(configError),
    ].join("\n");
    expect(seen).toContain("[redacted]");
    expect(events.some((e) => e.type === "call.attempt_failed" && e.message.includes("[redacted]"))).toBe(
      true,
    );
    for (const planted of PLANTED) expect(seen).not.toContain(planted);
  });

  it("keeps a missing variable's name, not a value, in the config error", () => {
    const registry = new ProviderRegistry().register("echo", () => new MockLanguageModel());
    let error: unknown;
    try {
      managerWith(
        { aliases: { a: { model: { provider: "echo", model: "m", apiKey: "${WEFT_UNSET_KEY}" } } } },
        { registry, env: {} },
      );
    } catch (e) {
      error = e;
    }
    expect(ResourceConfigError.is(error) && error.issues).toEqual([
      { path: "aliases.a.model.apiKey", message: "environment variable WEFT_UNSET_KEY is not set" },
    ]);
  });

  it("refuses a description whose provider is not registered", () => {
    expect(() => managerWith({ aliases: { a: { model: { provider: "nope", model: "m" } } } })).toThrow(
      /endpoints\.a#0\.model\.provider: no provider factory registered for "nope" \(registered: none\)/,
    );
  });
});
