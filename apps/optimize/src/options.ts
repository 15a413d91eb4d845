import { parseArgs } from "node:util";

/** Where the models come from: the mock server (simulated models over HTTP) or a real provider. */
export type Backend = "mock-server" | "openai" | "anthropic";

/** What `weft optimize` was asked to do. */
export interface OptimizeOptions {
  readonly backend: Backend;
  /** The model id for `openai` / `anthropic` (the mock server serves one simulated model per alias). */
  readonly model: string;
  readonly epochs: number;
  readonly batchSize: number;
  /** Dollar cap of the whole run (real models only). */
  readonly budgetUsd: number;
  /** `sfa` or `tgd`. */
  readonly optimizer: "sfa" | "tgd";
  /** Seeds the simulated models' noise and the shuffling. */
  readonly seed: number;
}

const DEFAULT_MODELS: Readonly<Record<Backend, string>> = {
  "mock-server": "simulation",
  openai: "gpt-4o-mini",
  anthropic: "claude-3-5-haiku-latest",
};

const USAGE = `usage: pnpm --filter @weft-app/optimize start [--backend mock-server|openai|anthropic]
  [--model ID] [--optimizer sfa|tgd] [--epochs N] [--batch-size N] [--budget-usd N] [--seed N]
Default backend: openai when OPENAI_API_KEY is set, else anthropic when ANTHROPIC_API_KEY is set, else
mock-server (weft's mock OpenAI server on 127.0.0.1 with the simulated, prompt-sensitive models behind it).`;

function positiveInteger(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`--${name} must be an integer >= 1, got "${text}"\n${USAGE}`);
  return value;
}

/** Reads the command line (and which API keys exist, never their values). */
export function parseOptions(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): OptimizeOptions {
  const { values } = parseArgs({
    // `pnpm start -- --flag` passes the "--" through.
    args: argv.filter((arg) => arg !== "--"),
    options: {
      backend: { type: "string" },
      model: { type: "string" },
      optimizer: { type: "string" },
      epochs: { type: "string" },
      "batch-size": { type: "string" },
      "budget-usd": { type: "string" },
      seed: { type: "string" },
      help: { type: "boolean" },
    },
    strict: true,
  });
  if (values.help) throw new Error(USAGE);
  const fallback: Backend = env.OPENAI_API_KEY
    ? "openai"
    : env.ANTHROPIC_API_KEY
      ? "anthropic"
      : "mock-server";
  const backend = (values.backend ?? fallback) as Backend;
  if (!(backend in DEFAULT_MODELS)) throw new Error(`unknown --backend "${values.backend}"\n${USAGE}`);
  const optimizer = values.optimizer ?? "sfa";
  if (optimizer !== "sfa" && optimizer !== "tgd")
    throw new Error(`unknown --optimizer "${optimizer}"\n${USAGE}`);
  const budgetUsd = values["budget-usd"] === undefined ? 1 : Number(values["budget-usd"]);
  if (!(budgetUsd > 0)) throw new Error(`--budget-usd must be a number > 0\n${USAGE}`);
  return {
    backend,
    model: values.model ?? DEFAULT_MODELS[backend],
    optimizer,
    epochs: positiveInteger("epochs", values.epochs, 2),
    batchSize: positiveInteger("batch-size", values["batch-size"], 8),
    budgetUsd,
    seed: positiveInteger("seed", values.seed, 1),
  };
}
