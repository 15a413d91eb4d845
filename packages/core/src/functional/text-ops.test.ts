import { describe, expect, it } from "vitest";
import { Value } from "../value/value.js";
import { ValueKind } from "../value/value-kind.js";
import { concat, format, lower, render, strip, tryRender, upper } from "./text-ops.js";

const text = (s: string) => new Value(ValueKind.TEXT, s);

describe("F.render / F.format (plait-spec 3.3)", () => {
  it("fills {name} slots from a record, a record of Values, or a STRUCTURED Value", () => {
    expect(render("Hi {name}!", { name: "Ada" }).payload).toBe("Hi Ada!");
    expect(render(text("{a}-{b}"), { a: text("x"), b: new Value(ValueKind.INT, 2) }).payload).toBe("x-2");
    expect(render("{a}", new Value(ValueKind.STRUCTURED, { a: "s" })).payload).toBe("s");
    expect(render("{a}", { a: { k: [1] } }).payload).toBe('{"k":[1]}');
  });

  it("follows str.format_map: escapes, attribute and index access, conversions, format specs", () => {
    expect(render("{{literal}} {x}", { x: 1 }).payload).toBe("{literal} 1");
    expect(
      render("{user.name} {items[1]} {m[key]}", { user: { name: "A" }, items: ["p", "q"], m: { key: "v" } })
        .payload,
    ).toBe("A q v");
    expect(render("{s!r}", { s: "x" }).payload).toBe('"x"');
    expect(render("[{n:>5}] [{n:<5}] [{n:^5}] [{n:05}]", { n: 42 }).payload).toBe(
      "[   42] [42   ] [ 42  ] [00042]",
    );
    expect(render("{x:.2f} {x:.1%} {big:,d} {x:+.1f}", { x: 0.1234, big: 1234567 }).payload).toBe(
      "0.12 12.3% 1,234,567 +0.1",
    );
    expect(render("{s:*^7} {s:.2}", { s: "abc" }).payload).toBe("**abc** ab");
    expect(render("{n:x} {n:b} {n:e}", { n: 255 }).payload).toBe("ff 11111111 2.550000e+02");
    expect(render("{v:{w}}", { v: "a", w: 3 }).payload).toBe("a  ");
  });

  it("gives ERROR Values for a missing key, a bad template, positional fields, non-mapping vars", () => {
    const missing = render("{nope}", {});
    expect([missing.isError(), missing.meta.op, missing.meta.missing]).toEqual([true, "render", "nope"]);
    expect(render("{unclosed", {}).isError()).toBe(true);
    expect(render("single } brace", {}).isError()).toBe(true);
    expect(render("{0}", { 0: "x" }).isError()).toBe(true);
    expect(render("{}", {}).isError()).toBe(true);
    expect(render("{x:d}", { x: "text" }).isError()).toBe(true);
    expect(render("{x!z}", { x: 1 }).isError()).toBe(true);
    expect(render("{a}", new Value(ValueKind.STRUCTURED, [1])).meta.op).toBe("render");
    expect(render(new Value(ValueKind.INT, 3), {}).isError()).toBe(true);
  });

  it("tryRender is an alias of render; format treats the format string as text, same result", () => {
    expect(tryRender("{a}", { a: 1 }).payload).toBe("1");
    expect(format("{a}", { a: 1 }).payload).toBe("1");
    expect(tryRender("{b}", {}).meta.op).toBe("tryRender");
  });
});

describe("F.concat, F.strip, F.lower, F.upper (plait-spec 3.3)", () => {
  it("concat joins text-like parts (strings or Values with a string payload, any kind) with sep", () => {
    expect(concat(["a", text("b"), new Value(ValueKind.FSTRING, "c")], { sep: text(", ") }).payload).toBe(
      "a, b, c",
    );
    expect(concat([]).payload).toBe("");
  });

  it("concat does not coerce numbers; a non-text separator is an ERROR", () => {
    const out = concat(["a", new Value(ValueKind.INT, 1)]);
    expect(out.isError()).toBe(true);
    expect((out.error as Error).message).toBe("All parts must be text-like");
    expect(concat(["a", 1 as unknown as string]).isError()).toBe(true);
    expect(concat(["a"], { sep: 3 as unknown as string }).isError()).toBe(true);
  });

  it("strip removes whitespace or the given characters from both ends", () => {
    expect(strip("  hi \n").payload).toBe("hi");
    expect(strip("xx-hi-]x", "x-]").payload).toBe("hi");
    expect(strip(" a ", "").payload).toBe(" a ");
  });

  it("lower/upper change case; non-text input is an ERROR", () => {
    expect(lower(text("AbC")).payload).toBe("abc");
    expect(upper("AbC").payload).toBe("ABC");
    expect(upper(new Value(ValueKind.INT, 1)).isError()).toBe(true);
    expect(strip(new Value(ValueKind.STRUCTURED, {})).isError()).toBe(true);
  });
});
