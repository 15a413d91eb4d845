import { isRefusedKey } from "../api-keys.js";
import { anthropicRateLimitHeaders } from "../limits/rate-limit-headers.js";
import type { ChatProtocol } from "../protocol.js";
import { reject } from "../validation.js";
import { anthropicErrorBody, anthropicErrorReply, anthropicIssueReply } from "./anthropic-errors.js";
import { renderAnthropicJson, renderAnthropicStream } from "./anthropic-reply.js";
import { parseAnthropicRequest } from "./anthropic-request.js";

/** Options of the Anthropic protocol. */
export interface AnthropicProtocolOptions {
  /** Extra top-level body fields to accept. */
  readonly extensionFields: readonly string[];
  /** Answer 401 when neither `x-api-key` nor `Authorization: Bearer` is sent. */
  readonly requireApiKey: boolean;
  /** The only keys accepted (others get 401 `authentication_error`); undefined accepts any. */
  readonly apiKeys: readonly string[] | undefined;
}

/** The Anthropic messages protocol (`POST /v1/messages`). */
export function anthropicProtocol(options: AnthropicProtocolOptions): ChatProtocol {
  const parseOptions = { requireApiKey: options.requireApiKey, extensions: new Set(options.extensionFields) };
  return {
    name: "anthropic",
    explicitCache: true,
    parse(body, headers) {
      if (isRefusedKey(headers, options.apiKeys))
        reject("invalid x-api-key", { status: 401, type: "authentication_error" });
      return parseAnthropicRequest(body, headers, parseOptions);
    },
    issueReply: anthropicIssueReply,
    errorReply: anthropicErrorReply,
    renderJson: renderAnthropicJson,
    renderStream: renderAnthropicStream,
    streamErrorEvent: () => ({
      event: "error",
      data: JSON.stringify(anthropicErrorBody("overloaded_error", "Overloaded")),
      tokens: 0,
    }),
    rateLimitHeaders: anthropicRateLimitHeaders,
    requestIdHeaders: (requestId) => ({
      "request-id": requestId,
      "anthropic-organization-id": "org-weft-mock",
    }),
  };
}
