// Three dependent LLM steps per item: classify a ticket, draft a reply, shorten the draft.
import { LLMInference, Module, prompt, type Value } from "@weft/core";
import { z } from "zod";

/** One support ticket. */
export const Ticket = z.object({ id: z.string(), text: z.string() });

export class TriageTicket extends Module {
  readonly inputSchema = Ticket;
  classify = new LLMInference({
    alias: "small",
    systemPrompt: "Classify the support ticket.",
    maxTokens: 24,
    outputSchema: z.object({ topic: z.enum(["billing", "bug", "account", "other"]), urgent: z.boolean() }),
  });
  draft = new LLMInference({ alias: "small", systemPrompt: "Draft a reply to the customer.", maxTokens: 40 });
  shorten = new LLMInference({
    alias: "small",
    systemPrompt: "Shorten the reply to one sentence.",
    maxTokens: 20,
  });

  forward(ticket: Value<z.infer<typeof Ticket>>) {
    const triage = this.classify.call(prompt`Ticket: ${ticket.get("text")}`);
    const draft = this.draft.call(prompt`Topic: ${triage.get("topic")}\nTicket: ${ticket.get("text")}`);
    return { triage, reply: this.shorten.call(prompt`${draft}`) };
  }
}

const TOPICS = ["my invoice is wrong", "the app crashes on start", "I cannot log in", "feature idea"];

/** `count` tickets, made on demand (the dataset is never held in memory). */
export async function* tickets(count: number): AsyncGenerator<z.infer<typeof Ticket>> {
  for (let i = 1; i <= count; i++) {
    yield { id: `t${i}`, text: `Ticket ${i}: ${TOPICS[i % TOPICS.length]} (customer ${i % 997}).` };
  }
}
