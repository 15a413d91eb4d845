/** One CSV record: its fields, the 1-based line it starts on, its raw text, and a problem if it is malformed. */
export interface CsvRecord {
  readonly fields: readonly string[];
  readonly line: number;
  readonly text: string;
  readonly error?: string;
}

type State = "start" | "unquoted" | "quoted" | "after_quote" | "skip";

/**
 * A streaming RFC 4180 record splitter: feed text chunks, get complete records. Quoted fields may hold
 * commas, doubled quotes and line breaks; `\r\n` and `\n` both end a record; blank lines are skipped. A
 * malformed record (text after a closing quote, or a quote never closed) is returned with `error` and the
 * splitter carries on at the next record, so one bad line never hides the lines after it.
 */
export class CsvRecordSplitter {
  private state: State = "start";
  private fields: string[] = [];
  private field = "";
  private text = "";
  private line = 1;
  private startLine = 1;
  private error: string | undefined;
  private pendingCr = false;

  /** Splits `chunk`, returning every record it completes. */
  push(chunk: string): CsvRecord[] {
    const done: CsvRecord[] = [];
    for (const char of chunk) this.step(char, done);
    return done;
  }

  /** Ends the input, returning the last record if there is one (an open quote makes it malformed). */
  end(): CsvRecord[] {
    const done: CsvRecord[] = [];
    if (this.pendingCr) this.flushCr();
    if (this.state === "quoted") {
      this.error ??= `quote opened on line ${this.startLine} is never closed`;
      this.finish(done);
    } else if (this.state !== "start" || this.fields.length > 0 || this.text !== "") {
      this.finish(done);
    }
    return done;
  }

  private step(char: string, done: CsvRecord[]): void {
    if (this.pendingCr) {
      this.pendingCr = false;
      if (char === "\n") {
        this.text += char;
        this.newline(done);
        return;
      }
      this.flushCr();
    }
    if (this.state === "start" && this.fields.length === 0 && this.text === "") this.startLine = this.line;
    if (char === "\r" && this.state !== "quoted") {
      this.pendingCr = true;
      return;
    }
    this.text += char;
    switch (this.state) {
      case "start":
        if (char === '"') this.state = "quoted";
        else if (char === ",") this.fields.push("");
        else if (char === "\n") this.newline(done);
        else {
          this.field = char;
          this.state = "unquoted";
        }
        return;
      case "unquoted":
        if (char === ",") this.endField();
        else if (char === "\n") this.newline(done);
        else this.field += char;
        return;
      case "quoted":
        if (char === '"') this.state = "after_quote";
        else {
          if (char === "\n") this.line++;
          this.field += char;
        }
        return;
      case "after_quote":
        if (char === '"') {
          this.field += '"';
          this.state = "quoted";
        } else if (char === ",") this.endField();
        else if (char === "\n") this.newline(done);
        else {
          this.error = `unexpected ${JSON.stringify(char)} after a closing quote on line ${this.line}`;
          this.state = "skip";
        }
        return;
      case "skip":
        if (char === "\n") this.newline(done);
        return;
    }
  }

  /** A `\r` not followed by `\n` is ordinary text. */
  private flushCr(): void {
    this.text += "\r";
    if (this.state === "start") this.state = "unquoted";
    if (this.state === "unquoted") this.field += "\r";
  }

  private endField(): void {
    this.fields.push(this.field);
    this.field = "";
    this.state = "start";
  }

  private newline(done: CsvRecord[]): void {
    const blank = this.state === "start" && this.fields.length === 0;
    if (blank) this.text = "";
    else this.finish(done);
    this.line++;
  }

  private finish(done: CsvRecord[]): void {
    if (this.state !== "skip") this.fields.push(this.field);
    const text = this.text.replace(/\r?\n$/, "");
    done.push({
      fields: this.fields,
      line: this.startLine,
      text,
      ...(this.error === undefined ? {} : { error: this.error }),
    });
    this.fields = [];
    this.field = "";
    this.text = "";
    this.error = undefined;
    this.state = "start";
  }
}
