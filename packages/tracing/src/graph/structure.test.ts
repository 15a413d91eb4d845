import { ValueRef } from "@weft/core";
import { describe, expect, it } from "vitest";
import { structureRefs } from "./structure.js";

/** An array that counts reads of its elements, to tell a linear walk from one that rescans what it collected. */
function countingArray(): { array: string[]; reads: () => number } {
  let reads = 0;
  const array = new Proxy<string[]>([], {
    get(target, key, receiver) {
      if (typeof key === "string" && /^\d+$/.test(key)) reads++;
      return Reflect.get(target, key, receiver);
    },
  });
  return { array, reads: () => reads };
}

describe("structureRefs", () => {
  it("lists the refs of arrays and plain objects, de-duplicated in first-seen order", () => {
    const a = new ValueRef("a");
    const b = new ValueRef("b");
    const structure = { x: [b, { y: a }], z: b, literal: 3, nested: [[a, new ValueRef("c")]] };
    expect(structureRefs(structure)).toEqual(["b", "a", "c"]);
    expect(structureRefs(a)).toEqual(["a"]);
    expect(structureRefs("text")).toEqual([]);
  });

  it("appends to a given list without repeating refs already in it", () => {
    const out = ["b"];
    expect(structureRefs([new ValueRef("a"), new ValueRef("b"), new ValueRef("c")], out)).toBe(out);
    expect(out).toEqual(["b", "a", "c"]);
  });

  it("walks a 10k-element array in one pass: order kept, duplicates dropped, the list never rescanned", () => {
    const n = 10_000;
    const refs = Array.from({ length: n }, (_, i) => new ValueRef(`node_${i}`));
    // Every ref twice, the second time in reverse order inside an object.
    const structure = { items: refs, again: { reversed: [...refs].reverse() } };
    const { array, reads } = countingArray();
    const found = structureRefs(structure, array);
    const readsWhileCollecting = reads();
    expect(found).toHaveLength(n);
    expect(found[0]).toBe("node_0");
    expect(found[n - 1]).toBe(`node_${n - 1}`);
    expect([...found]).toEqual(refs.map((ref) => ref.ref));
    // Checking each ref against the list collected so far would read ~n^2 / 2 = 5e7 elements.
    expect(readsWhileCollecting).toBeLessThan(n);
  });
});
