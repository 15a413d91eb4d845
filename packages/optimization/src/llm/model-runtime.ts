import type { EventContext } from "@weft/core";
import {
  currentSettings,
  type ExecutionSettings,
  NoResourcesError,
  Runtime,
  resolveSettings,
} from "@weft/execution";
import type { GenerateRequest, Message } from "@weft/provider";
import type { CallResult, ResourceManager } from "@weft/resources";

/** One text call to a model alias, outside any traced graph (critiques, optimizer updates). */
export interface ModelCall {
  readonly alias: string;
  /** The system message; omitted when empty. */
  readonly system?: string;
  readonly user: string;
  /** Turns after the user message (a repair conversation). Default: none. */
  readonly history?: readonly Message[];
  /** Default: unset (the provider's default). */
  readonly temperature?: number;
  /** Default: unset. */
  readonly maxTokens?: number;
  /** Part of the response cache key only: a new id asks for a fresh sample. Default: none. */
  readonly sampleId?: string;
  /** Extra event context (node id, module path) echoed on the resource events. */
  readonly context?: EventContext;
  readonly signal?: AbortSignal;
}

/**
 * The execution runtime (resource manager, scheduler, budget, clock, events) for work that is not a traced
 * forward run: backward graphs and optimizer steps. Settings resolve like a run's: `settings`, then the
 * enclosing `withSettings` scopes, then the defaults; inside a run, the budget is a child of the run's.
 * Close it when done.
 */
export function openRuntime(settings: ExecutionSettings, label: string): Runtime {
  return new Runtime(resolveSettings(currentSettings(), settings), { label });
}

function managerOf(runtime: Runtime, alias: string): ResourceManager {
  if (!runtime.manager) throw new NoResourcesError(`${runtime.runId}:${alias}`, alias);
  return runtime.manager;
}

/** Makes one call through the runtime's resource manager, under its budget; resolves with the reply text. */
export async function callModel(
  runtime: Runtime,
  call: ModelCall,
): Promise<{ readonly text: string; readonly result: CallResult }> {
  const manager = managerOf(runtime, call.alias);
  const request: GenerateRequest = {
    messages: [
      ...(call.system ? [{ role: "system" as const, content: call.system }] : []),
      { role: "user" as const, content: call.user },
      ...(call.history ?? []),
    ],
    ...(call.temperature === undefined ? {} : { temperature: call.temperature }),
    ...(call.maxTokens === undefined ? {} : { maxTokens: call.maxTokens }),
  };
  const result = await manager.generate(call.alias, request, {
    context: { runId: runtime.runId, ...call.context },
    ...(runtime.budget ? { budget: runtime.budget } : {}),
    ...(call.signal ? { signal: call.signal } : {}),
    ...(call.sampleId === undefined ? {} : { sampleId: call.sampleId }),
  });
  return { text: result.response.text, result };
}
