import { type Skill, sentenceCarries, sentences, teaches } from "./concepts.js";
import { pickBy } from "./hash.js";
import { CATALOGUE, FIX_SENTENCES } from "./instructions.js";
import { attribute, tag, tags } from "./prompt-tags.js";
import { SimulatedModel, userText } from "./simulated-model.js";

/** The fixes an updater or aggregator can recognise in feedback. */
const INTENTS = [
  "metric",
  "cancel",
  "keepExact",
  "jsonOutput",
  "jsonInput",
  "recheck",
] as const satisfies readonly Skill[];
type Intent = (typeof INTENTS)[number];

/** The intents a feedback text names (by meaning, sentence by sentence), most mentioned first. */
export function intentsOf(texts: readonly string[]): Intent[] {
  const counts = new Map<Intent, number>();
  for (const text of texts) {
    const found = new Set<Intent>();
    for (const sentence of sentences(text))
      for (const intent of INTENTS) if (sentenceCarries(sentence, intent)) found.add(intent);
    for (const intent of found) counts.set(intent, (counts.get(intent) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || INTENTS.indexOf(a[0]) - INTENTS.indexOf(b[0]))
    .map(([i]) => i);
}

/** How the aggregator words each intent. */
const SUMMARY: Readonly<Record<Intent, string>> = {
  metric: "several reports say the weights must be converted to kilograms",
  cancel: "cancelled items have to be left out of the list",
  keepExact: "rounding should be removed so that exact decimals are kept",
  jsonOutput: "the items should be emitted as structured JSON records with separate fields",
  jsonInput: "the input should be read as JSON",
  recheck: "the arithmetic should be double-checked",
};

/**
 * The simulation's aggregator: merges feedback items into one summary that names each fix the items name
 * (most mentioned first), in its own words; items that name no fix add nothing.
 */
export function aggregatorModel(): SimulatedModel {
  return new SimulatedModel("sim-aggregate", (request) => {
    const items = tags(userText(request), "feedback");
    const intents = intentsOf(items);
    if (intents.length === 0) return "The feedback reports wrong results without naming a concrete change.";
    return `Summary of ${items.length} items: ${intents.map((intent) => SUMMARY[intent]).join("; ")}.`;
  });
}

/** Applies the named fixes to a prompt; returns it unchanged when none applies. */
function applyFixes(current: string, intents: readonly Intent[], key: string): string {
  let parts = sentences(current);
  for (const intent of intents) {
    const text = parts.join(" ");
    if (intent === "keepExact") {
      parts = parts.filter((sentence) => !sentenceCarries(sentence, "round"));
    } else if (!teaches(text, intent)) {
      parts.push(pickBy(FIX_SENTENCES[intent], `${key}|${intent}|${text}`));
    }
  }
  return parts.join(" ");
}

/**
 * What the `<upstream-updates>` block of an SFA prompt implies for this parameter, judged by meaning: an
 * upstream prompt that now teaches writing JSON (and did not before) means this stage must read JSON.
 */
function upstreamIntents(user: string): Intent[] {
  const intents: Intent[] = [];
  for (const upstream of tags(user, "upstream-parameter")) {
    const before = tag(upstream, "previous-value");
    const after = tag(upstream, "updated-value");
    if (teaches(after, "jsonOutput") && !teaches(before, "jsonOutput")) intents.push("jsonInput");
  }
  return intents;
}

/** Options of {@link updaterModel}. */
export interface UpdaterOptions {
  /**
   * `"fixes"`: applies what its prompt names; `"random"`: ignores the prompt's feedback and appends an
   * instruction drawn from the simulation's catalogue (helpful, harmful and neutral ones), the random-search
   * ablation. Default: `"fixes"`.
   */
  readonly mode?: "fixes" | "random";
  /** Seeds the random edits. Default: 0. */
  readonly seed?: number;
}

/**
 * The simulation's updater, for the SFA prompt (`<current-value>`, `<aggregated-feedback>`) and the TGD
 * prompt (`<variable>`, `<feedback>`, answered between `<IMPROVED_VARIABLE>` tags). It can apply only the
 * fixes its prompt names: those in the feedback, and what the upstream before/after of an SFA prompt implies
 * (an upstream stage that now writes JSON must be read as JSON). Without a named fix it returns the value
 * unchanged.
 */
export function updaterModel(options: UpdaterOptions = {}): SimulatedModel {
  const mode = options.mode ?? "fixes";
  return new SimulatedModel(`sim-update-${mode}`, (request) => {
    const user = userText(request);
    const tgd = user.includes("<variable>");
    const key = tgd ? tag(user, "name") : attribute(user, "parameter", "name");
    const current = tgd ? tag(user, "variable") : tag(user, "current-value");
    let next: string;
    if (mode === "random") {
      next = `${current} ${pickBy(CATALOGUE, `${options.seed ?? 0}|${user}`)}`;
    } else {
      const feedback = tgd ? tags(user, "item") : [tag(user, "aggregated-feedback")];
      const intents = intentsOf(feedback);
      for (const intent of upstreamIntents(user)) if (!intents.includes(intent)) intents.push(intent);
      next = applyFixes(current, intents, key);
    }
    return tgd ? `<IMPROVED_VARIABLE>${next}</IMPROVED_VARIABLE>` : next;
  });
}
