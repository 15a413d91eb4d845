import { isRefusedKey } from "../api-keys.js";
import { openaiRateLimitHeaders } from "../limits/rate-limit-headers.js";
import type { ChatProtocol } from "../protocol.js";
import { reject } from "../validation.js";
import { openaiErrorReply, openaiIssueReply, openaiStreamErrorData } from "./openai-errors.js";
import { renderOpenAIJson, renderOpenAIStream } from "./openai-reply.js";
import { parseOpenAIRequest } from "./openai-request.js";

/** Options of the OpenAI protocol. */
export interface OpenAIProtocolOptions {
  /** Extra top-level body fields to accept (see `OPENAI_COMPATIBLE_EXTENSION_FIELDS`). */
  readonly extensionFields: readonly string[];
  /** Answer 401 when no `Authorization: Bearer` key is sent. */
  readonly requireApiKey: boolean;
  /** The only keys accepted (others get 401 `invalid_api_key`); undefined accepts any. */
  readonly apiKeys: readonly string[] | undefined;
}

/** The OpenAI chat-completions protocol (`POST /v1/chat/completions`). */
export function openaiProtocol(options: OpenAIProtocolOptions): ChatProtocol {
  const extensions = new Set(options.extensionFields);
  return {
    name: "openai",
    explicitCache: false,
    parse(body, headers) {
      const authorization = headers.authorization ?? "";
      if (options.requireApiKey && !/^Bearer\s+\S/i.test(authorization)) {
        reject(
          "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
          { status: 401 },
        );
      }
      if (isRefusedKey(headers, options.apiKeys)) {
        // The real API shows a masked key here; the mock never echoes one.
        reject(
          "Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.",
          { status: 401, code: "invalid_api_key" },
        );
      }
      return parseOpenAIRequest(body, extensions);
    },
    issueReply: openaiIssueReply,
    errorReply: openaiErrorReply,
    renderJson: renderOpenAIJson,
    renderStream: renderOpenAIStream,
    streamErrorEvent: () => ({ data: openaiStreamErrorData(), tokens: 0 }),
    rateLimitHeaders: (snapshot) => openaiRateLimitHeaders(snapshot),
    requestIdHeaders: (requestId) => ({
      "x-request-id": requestId,
      "openai-processing-ms": "1",
      "openai-version": "2020-10-01",
    }),
  };
}
