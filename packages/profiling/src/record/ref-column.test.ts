import { describe, expect, it } from "vitest";
import { RefColumn } from "./ref-column.js";

describe("RefColumn", () => {
  it("keeps every row in order across chunk boundaries", () => {
    const column = new RefColumn<{ readonly row: number }>();
    const rows = Array.from({ length: 40_000 }, (_, row) => ({ row }));
    for (const value of rows) column.push(value);
    expect(column.size).toBe(40_000);
    for (const row of [0, 1, 16_383, 16_384, 16_385, 32_767, 32_768, 39_999]) {
      expect(column.get(row)).toBe(rows[row]);
    }
    expect(rows.every((value, row) => column.get(row) === value)).toBe(true);
  });
});
