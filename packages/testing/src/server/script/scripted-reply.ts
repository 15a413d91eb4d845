/** One server-sent event of a scripted stream. */
export interface ScriptedEvent {
  /** The `event:` line. Default: none (OpenAI style). */
  readonly event?: string;
  /** The `data:` line: a string is sent as is, anything else as JSON. */
  readonly data: unknown;
}

/**
 * A reply the mock server sends exactly as given, for tests that need a wire detail the generated replies
 * do not have (a dated model id, a header value, an error body that echoes a key, an event order).
 */
export interface ScriptedReply {
  /** HTTP status. Default: 200. */
  readonly status?: number;
  /** Response headers, sent as given: the generated rate-limit and request-id headers are not added. Default: none. */
  readonly headers?: Readonly<Record<string, string>>;
  /** A JSON body; a string is sent as is (for bodies that are not JSON). Ignored with `events`. Default: `{}`. */
  readonly body?: unknown;
  /** Server-sent events instead of a JSON body, sent at once with `content-type: text/event-stream`. */
  readonly events?: readonly ScriptedEvent[];
  /** With `events`: keep the connection open after the last one until the client leaves. Default: false. */
  readonly hold?: boolean;
}

/**
 * Which requests get a scripted reply. A rule applies to requests carrying its `tag` in `x-weft-mock-tag`
 * (default: any) whose path starts with `path` (default: any), at most `count` times (default: no limit).
 * Rules are tried in order. A matching request is still validated like any other (a request the real API
 * would reject gets its 400, never the script); then the script replaces faults, limits, latency and the
 * generated reply.
 */
export interface ScriptedReplyRule {
  readonly reply: ScriptedReply;
  readonly tag?: string;
  readonly path?: string;
  readonly count?: number;
}

interface RuleState {
  readonly rule: ScriptedReplyRule;
  used: number;
}

/** Picks the scripted reply, if any, for a request. */
export class ScriptSelector {
  private states: RuleState[] = [];

  constructor(rules: readonly ScriptedReplyRule[]) {
    this.set(rules);
  }

  /** Replaces the rules; their counts start again. */
  set(rules: readonly ScriptedReplyRule[]): void {
    this.states = rules.map((rule) => ({ rule, used: 0 }));
  }

  /** Restarts every rule's count. */
  resetCounters(): void {
    for (const state of this.states) state.used = 0;
  }

  /** The reply for a request with `path` and `tag`, counting it against its rule. */
  select(path: string, tag: string | undefined): ScriptedReply | undefined {
    for (const state of this.states) {
      const { rule } = state;
      if (rule.tag !== undefined && rule.tag !== tag) continue;
      if (rule.path !== undefined && !path.startsWith(rule.path)) continue;
      if (rule.count !== undefined && state.used >= rule.count) continue;
      state.used++;
      return rule.reply;
    }
    return undefined;
  }
}
