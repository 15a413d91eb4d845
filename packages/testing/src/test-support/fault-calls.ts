import type { MockFault } from "../server/faults/faults.js";
import { FAULT_HEADER } from "../server/faults/faults.js";
import type { sdkClients } from "./clients.js";

const messages = [{ role: "user" as const, content: "Tell me about looms" }];
const headers = (fault: MockFault) => ({ headers: { [FAULT_HEADER]: fault } });

/** SDK calls that ask the mock server for `fault`, JSON or streamed, in each protocol. For tests only. */
export function faultCalls(clients: () => ReturnType<typeof sdkClients>) {
  return {
    openaiJson: (fault: MockFault) =>
      clients().openai.chat.completions.create({ model: "gpt-4o", messages }, headers(fault)),
    anthropicJson: (fault: MockFault) =>
      clients().anthropic.messages.create(
        { model: "claude-haiku-4-5", max_tokens: 256, messages },
        headers(fault),
      ),
    openaiStream: (fault: MockFault, signal?: AbortSignal) =>
      clients().openai.chat.completions.create(
        { model: "gpt-4o", messages, stream: true },
        { ...headers(fault), signal },
      ),
    anthropicStream: (fault: MockFault, signal?: AbortSignal) =>
      clients().anthropic.messages.create(
        { model: "claude-haiku-4-5", max_tokens: 256, messages, stream: true },
        { ...headers(fault), signal },
      ),
  };
}
