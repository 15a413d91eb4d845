import { describe, expect, it } from "vitest";
import { itemRows } from "./item-rows.js";

describe("itemRows", () => {
  it("keeps one row with the item id when there is no rows function", () => {
    expect(itemRows("7", { a: 1 }, {}, undefined)).toEqual({
      ok: true,
      rows: [{ rowId: "7", output: { a: 1 } }],
    });
  });

  it("expands into rows with ids derived from the item id, or filters to none", () => {
    const words = (output: unknown) => String(output).split(" ").filter(Boolean);
    expect(itemRows("7", "a b", {}, words)).toEqual({
      ok: true,
      rows: [
        { rowId: "7#0", output: "a" },
        { rowId: "7#1", output: "b" },
      ],
    });
    expect(itemRows("8", "", {}, words)).toEqual({ ok: true, rows: [] });
  });

  it("reports a throwing or non-array rows function as a failure of the item", () => {
    expect(
      itemRows("1", 1, {}, () => {
        throw new Error("boom");
      }),
    ).toEqual({ ok: false, message: "the rows function threw: boom" });
    expect(itemRows("1", 1, {}, (() => "x") as never)).toEqual({
      ok: false,
      message: "the rows function must return an array, got string",
    });
  });
});
