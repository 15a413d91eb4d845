import { simulation } from "@weft/optimization";
import type { Message } from "@weft/provider";
import { type ChatRequestView, type MockServer, startMockServer } from "@weft/testing";
import type { Alias } from "./backends.js";

/** A mock server answering each simulated model's id with that model. */
export interface SimulationServer extends MockServer {
  /** The model id to ask for each alias. */
  readonly modelIds: Readonly<Record<Alias, string>>;
}

/** The request a simulated model sees, rebuilt from what came over the wire. */
function toRequest(view: ChatRequestView): { messages: Message[] } {
  const turns = view.messages.map((message) => ({
    role: message.role === "assistant" ? ("assistant" as const) : ("user" as const),
    content: message.content,
  }));
  return {
    messages: [...(view.system ? [{ role: "system" as const, content: view.system }] : []), ...turns],
  };
}

/**
 * Starts `@weft/testing`'s mock server with the simulation's models behind its `respond` hook: the task
 * models (whose accuracy depends on what their system prompts teach), the critic, the aggregator and the
 * updater, each under its own model id, seeded by `seed`. Clients call it over HTTP like any OpenAI endpoint.
 */
export async function startSimulationServer(seed: number): Promise<SimulationServer> {
  const models: Readonly<Record<Alias, simulation.SimulatedModel>> = {
    extract: simulation.extractorModel(seed),
    answer: simulation.answererModel(seed),
    "optimizer/backward": simulation.criticModel(),
    "optimizer/aggregator": simulation.aggregatorModel(),
    "optimizer/updater": simulation.updaterModel({ seed }),
  };
  const byId = new Map(Object.values(models).map((model) => [model.modelId, model]));
  const server = await startMockServer({
    seed,
    respond: (view) => byId.get(view.model)?.reply(toRequest(view)),
  });
  const modelIds = Object.fromEntries(
    Object.entries(models).map(([alias, model]) => [alias, model.modelId]),
  ) as Record<Alias, string>;
  return Object.assign(server, { modelIds });
}
