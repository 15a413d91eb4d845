// The demo pipeline: summarize an article, analyze the summary with a learnable instruction, and extract its
// facts in a typed branch that runs in parallel; a typed leaf joins the three at the end.
import { LeafModule, LLMInference, Module, Parameter, prompt, type Value } from "@weft/core";
import { z } from "zod";

/** One line of data/articles.jsonl. */
export const Article = z.object({ id: z.string(), title: z.string(), text: z.string().min(20) });

/** What the extraction branch returns (the model must answer in this shape). */
export const Facts = z.object({
  people: z.array(z.string()),
  places: z.array(z.string()),
  figures: z.array(z.object({ value: z.number(), meaning: z.string() })),
  tone: z.enum(["positive", "neutral", "negative"]),
});

/** The joined report, one per article. */
export const Report = z.object({
  summary: z.string(),
  analysis: z.string(),
  facts: Facts,
  factCount: z.number().int(),
});

/** What the join receives from the three branches. */
export const Branches = z.object({ summary: z.string(), analysis: z.string(), facts: Facts });

/** Joins the branches: a plain TypeScript step that runs at execution, typed on both sides. */
export class JoinReport extends LeafModule {
  readonly inputSchema = Branches;
  readonly outputSchema = Report;

  forward(input: z.infer<typeof Branches>): z.infer<typeof Report> {
    const { people, places, figures } = input.facts;
    return { ...input, factCount: people.length + places.length + figures.length };
  }
}

export class ArticleReport extends Module {
  readonly inputSchema = Article;
  /** Learnable: an optimizer may rewrite it from feedback (`@weft/optimization`); it is the analyst's system prompt. */
  instruction = new Parameter(
    "Name the article's main claim, the evidence it gives, and one question it leaves open. Three short sentences.",
    { description: "How the analyst reads a summary: what to look for and how long to answer" },
  );
  summarize = new LLMInference({
    alias: "fast",
    systemPrompt: "Summarize the news article in two sentences.",
    maxTokens: 120,
  });
  analyze = new LLMInference({ alias: "smart", systemPrompt: this.instruction, maxTokens: 200 });
  extract = new LLMInference({
    alias: "fast",
    systemPrompt: "Extract the people, places and figures the article states, and its overall tone.",
    outputSchema: Facts,
    outputName: "facts",
    maxTokens: 400,
  });
  join = new JoinReport();

  forward(article: Value<z.infer<typeof Article>>) {
    const text = article.get("text");
    const summary = this.summarize.call(prompt`Title: ${article.get("title")}\n\n${text}`);
    const analysis = this.analyze.call(prompt`Summary:\n${summary}`);
    const facts = this.extract.call(prompt`Article:\n${text}`);
    return this.join.call({ summary, analysis, facts });
  }
}

export default new ArticleReport();
export const idField = "id";
