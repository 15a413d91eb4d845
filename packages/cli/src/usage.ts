/** `weft --help`. */
export const USAGE = `Usage: weft <command> [options]

Commands:
  run <pipeline.ts> --input <file> --out <dir>   run a pipeline over a dataset into a run folder
      [--resume] [--concurrency N] [--limit N] [--budget-usd N] [--config <file>] [--id-field F]
      [--max-lines-per-file N] [--node-outputs] [--csv] [--parquet] [--profile] [--quiet] [--json-logs]
  inspect <pipeline.ts>                          the traced graph as a tree with schemas; exit 1 on a mismatch
  graph <pipeline.ts> --format dot|mermaid|json  the traced graph [--out <file>]
  profile <trace.json> [--html <out.html>]       the analysis summary of a trace, and its HTML timeline
  resources <config> [--check]                   aliases and endpoints; --check sends one tiny request to each
  mock-server [...]                              the mock OpenAI/Anthropic server of @weft/testing
  feedback <run-folder> [--scale N] [--criteria TEXT] [--limit N] [--out <file>]
                                                 review a run's outputs: a score and improvements per row,
                                                 read from stdin, into <run-folder>/feedback.jsonl

A pipeline file exports a weft module (default export, or "module") and its "resources" (a config object or
a YAML/JSON file path), and optionally "registry", "rows" and "idField". Models named by description use the
providers openai, anthropic and openai-compatible unless the pipeline's registry says otherwise.
Exit codes: 0 done, 1 failed (inspect: a schema mismatch; run: the budget ran out), 2 user error (one line),
130 interrupted.`;
