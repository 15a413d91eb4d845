import { isValueRef, LeafModule, Module, Value, ValueKind } from "@weft/core";
import { describe, expect, it } from "vitest";
import type { AccessNode } from "../graph/node-types.js";
import { evaluate } from "../test-support/evaluate.js";
import { trace } from "./tracer.js";

class Profile extends LeafModule {
  async forward(name: string) {
    return { name, tags: ["a", "b"], address: { city: "Oslo" } };
  }
}

class Reads extends Module {
  profile = new Profile();
  forward(name: Value<string>) {
    const p = this.profile.call(name);
    return {
      city: p.get("address").get("city"),
      last: p.get("tags").at(-1),
      keys: p.keys(),
      values: p.get("address").values(),
      entries: p.get("address").entries(),
      missing: (p as Value).get("nope"),
    };
  }
}

describe("data access while tracing (plait-spec 6.5)", () => {
  it("records get / at / keys / values / entries as access nodes on the traced Value", () => {
    const graph = trace(new Reads(), "Ada");
    const node = graph.node("get_2") as AccessNode;
    expect(node).toMatchObject({ kind: "access", access: "get", key: "address", label: '.get("address")' });
    expect(node.dependencies).toEqual(["Profile_1"]);
    expect(isValueRef(node.args[0]) && node.args[0].ref).toBe("Profile_1");
    const kinds = [...graph.nodes.values()]
      .filter((n) => n.kind === "access")
      .map((n) => (n as AccessNode).access);
    expect(kinds).toEqual(["get", "get", "get", "at", "keys", "get", "values", "get", "entries", "get"]);
    expect(graph.node("at_5").label).toBe(".at(-1)");
  });

  it("executes accesses on the resolved Value like direct access (a missing key is an ERROR Value)", async () => {
    const graph = trace(new Reads(), "Ada");
    const { output } = await evaluate(graph);
    const o = output as Record<string, Value>;
    expect(o.city?.payload).toBe("Oslo");
    expect(o.last?.payload).toBe("b");
    expect(o.keys?.payload).toEqual(["name", "tags", "address"]);
    expect(o.values?.payload).toEqual(["Oslo"]);
    expect(o.entries?.payload).toEqual([["city", "Oslo"]]);
    expect(o.missing?.isError()).toBe(true);
    const direct = new Value(ValueKind.STRUCTURED, { name: "Ada" }).get("nope" as never);
    expect((o.missing as Value).error).toEqual(
      expect.objectContaining({ message: (direct.error as Error).message }),
    );
  });

  it("accesses a literal Value at once, with no node", () => {
    class Literal extends Module {
      forward() {
        return new Value(ValueKind.STRUCTURED, { a: { b: 1 } }).get("a").get("b");
      }
    }
    const graph = trace(new Literal());
    expect(graph.nodes.size).toBe(0);
    expect((graph.output as Value).payload).toBe(1);
  });
});
