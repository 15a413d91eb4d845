import { describe, expect, it } from "vitest";
import { type CsvRecord, CsvRecordSplitter } from "./csv-records.js";

function split(text: string, chunkSize = text.length): CsvRecord[] {
  const splitter = new CsvRecordSplitter();
  const records: CsvRecord[] = [];
  for (let i = 0; i < text.length; i += chunkSize)
    records.push(...splitter.push(text.slice(i, i + chunkSize)));
  records.push(...splitter.end());
  return records;
}

describe("CsvRecordSplitter", () => {
  it("splits quoted fields with commas, doubled quotes and line breaks, whatever the chunking", () => {
    const text = 'a,b\r\n1,"x, ""y"""\r\n\r\n2,"multi\nline"\n3,\n';
    for (const size of [1, 2, 3, 7, text.length]) {
      expect(split(text, size).map((r) => [r.line, r.fields])).toEqual([
        [1, ["a", "b"]],
        [2, ["1", 'x, "y"']],
        [4, ["2", "multi\nline"]],
        [6, ["3", ""]],
      ]);
    }
  });

  it("keeps the record after a malformed one, and reports the malformed one with its text", () => {
    const records = split('h1,h2\n1,"bad"x,more\n2,ok\n');
    expect(records[1]).toMatchObject({
      line: 2,
      text: '1,"bad"x,more',
      error: expect.stringContaining("closing quote"),
    });
    expect(records[2]).toEqual({ fields: ["2", "ok"], line: 3, text: "2,ok" });
  });

  it("reports a quote that is never closed at the line it opened", () => {
    const records = split('h\n1\n"open\n2\n');
    expect(records.map((r) => r.line)).toEqual([1, 2, 3]);
    expect(records[2]?.error).toBe("quote opened on line 3 is never closed");
  });

  it("ends the last record without a trailing newline, and keeps a lone \\r as text", () => {
    expect(split("a,b\nx\ry,z").map((r) => r.fields)).toEqual([
      ["a", "b"],
      ["x\ry", "z"],
    ]);
  });
});
