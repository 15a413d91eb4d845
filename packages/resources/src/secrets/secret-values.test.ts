// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${ENV_NAME}` is the config syntax for a secret read from the environment
import { describe, expect, it } from "vitest";
import { parseResourceConfig } from "../config/parse-config.js";
import { ResourceConfigError } from "../errors/resource-config-error.js";
import { Redactor } from "./redactor.js";
import { resolveSecret } from "./resolve-secret.js";
import { Secret } from "./secret.js";
import { collectSecrets, looksLikeCredential, redactForDump, revealSecretsIn } from "./secret-values.js";

describe("looksLikeCredential", () => {
  it("knows credential names in any case and separator style, and leaves look-alikes alone", () => {
    const credentials = [
      "Authorization",
      "x-api-key",
      "api_key",
      "apiKey",
      "APIKey",
      "accessToken",
      "client_secret",
    ];
    const plain = ["maxTokens", "keepAlive", "tokenizer", "region", "organization", "x-title", "monkey"];
    expect(credentials.filter((name) => !looksLikeCredential(name))).toEqual([]);
    expect(plain.filter(looksLikeCredential)).toEqual([]);
    expect(["password", "passwd", "cookie", "credentials", "auth"].every(looksLikeCredential)).toBe(true);
  });
});

describe("resolveSecret", () => {
  it("reads ${ENV} anywhere in a string, and the redactor knows both the whole value and the bare one", () => {
    const resolved = resolveSecret("Bearer ${TOKEN} for ${TENANT}", {
      TOKEN: "tok-123456789",
      TENANT: "acme-corp",
    });
    if (!resolved.ok) throw new Error(resolved.message);
    expect(resolved.secret.reveal()).toBe("Bearer tok-123456789 for acme-corp");
    expect(resolved.secret.source).toBe("TOKEN,TENANT");
    const secrets: Secret[] = [];
    collectSecrets({ nested: [resolved.secret] }, secrets);
    const redactor = new Redactor(secrets);
    expect(redactor.text("sent tok-123456789 alone")).toBe("sent [redacted] alone");
    expect(redactor.text("header Bearer tok-123456789 for acme-corp")).toBe("header [redacted]");
  });

  it("names the first unset variable and never a value", () => {
    expect(resolveSecret("x ${SET} ${UNSET}", { SET: "value-123456" })).toEqual({
      ok: false,
      message: "environment variable UNSET is not set",
    });
  });
});

describe("secrets in model options and headers", () => {
  const env = { ORG_TOKEN: "org-token-abcdef", PROXY_PASS: "proxy-pass-123456" };
  const config = () =>
    parseResourceConfig(
      {
        aliases: {
          a: {
            model: {
              provider: "openai",
              model: "gpt-4o",
              headers: {
                Authorization: "Bearer ${ORG_TOKEN}",
                "x-api-key": "literal-key-7890",
                "x-title": "app",
              },
              options: {
                proxy: { url: "http://proxy:8080", password: "${PROXY_PASS}" },
                tags: ["a", "${ORG_TOKEN}"],
                clientSecret: "literal-secret-42",
                maxTokens: 64,
                fetch: globalThis.fetch,
              },
            },
          },
        },
      },
      { env },
    );

  it("become Secrets: ${ENV} strings anywhere, and literals under credential-like names", () => {
    const model = config().endpoints["a#0"]?.model as unknown as {
      headers: Record<string, unknown>;
      options: { proxy: Record<string, unknown>; tags: unknown[]; clientSecret: unknown; maxTokens: unknown };
    };
    expect(Secret.is(model.headers.Authorization)).toBe(true);
    expect(Secret.is(model.headers["x-api-key"])).toBe(true);
    expect(model.headers["x-title"]).toBe("app");
    expect(Secret.is(model.options.proxy.password)).toBe(true);
    expect(model.options.proxy.url).toBe("http://proxy:8080");
    expect(Secret.is(model.options.tags[1])).toBe(true);
    expect(Secret.is(model.options.clientSecret)).toBe(true);
    expect(model.options.maxTokens).toBe(64);
    expect(revealSecretsIn(model.options)).toMatchObject({
      proxy: { password: "proxy-pass-123456" },
      tags: ["a", "org-token-abcdef"],
      clientSecret: "literal-secret-42",
      fetch: globalThis.fetch,
    });
  });

  it("report an unset variable at its path in options and headers", () => {
    let error: unknown;
    try {
      parseResourceConfig(
        {
          aliases: {
            a: {
              model: {
                provider: "openai",
                model: "gpt-4o",
                headers: { Authorization: "Bearer ${NO_SUCH_TOKEN}" },
                options: { proxy: { password: "${NO_SUCH_PASS}" } },
              },
            },
          },
        },
        { env: {} },
      );
    } catch (e) {
      error = e;
    }
    expect(ResourceConfigError.is(error) && error.issues).toEqual([
      {
        path: "aliases.a.model.headers.Authorization",
        message: "environment variable NO_SUCH_TOKEN is not set",
      },
      {
        path: "aliases.a.model.options.proxy.password",
        message: "environment variable NO_SUCH_PASS is not set",
      },
    ]);
  });

  it("dump without values: secrets by variable, credential-like keys and headers as [redacted]", () => {
    expect(
      redactForDump({
        region: "eu",
        apiKey: 123,
        nested: { headers: { "x-title": "app" }, token: { id: "t", value: "v" } },
        secret: new Secret("s-123456", "S"),
      }),
    ).toEqual({
      region: "eu",
      apiKey: "[redacted]",
      nested: { headers: { "x-title": "[redacted]" }, token: { id: "[redacted]", value: "[redacted]" } },
      secret: "${S} [redacted]",
    });
  });
});
