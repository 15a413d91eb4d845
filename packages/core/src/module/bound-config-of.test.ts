import { describe, expect, it } from "vitest";
import { boundConfigOf } from "./bound-config-of.js";
import { LeafModule } from "./leaf-module.js";
import { Module } from "./module.js";

class Echo extends LeafModule {
  forward(text: string): string {
    return text;
  }
}

class Outer extends Module {
  echo = new Echo();
  forward(text: unknown) {
    return this.echo.call(text as string);
  }
}

describe("boundConfigOf", () => {
  it("is undefined for a module never bound, and after unbind()", () => {
    const outer = new Outer();
    expect(boundConfigOf(outer)).toBeUndefined();
    outer.bind({ aliases: {} });
    outer.unbind();
    expect(boundConfigOf(outer)).toBeUndefined();
  });

  it("returns the resources and a copy of the options of the last bind; children stay unbound", () => {
    const resources = { aliases: { fast: {} } };
    const options = { maxConcurrent: 4, executionId: "job" };
    const plain = new Outer();
    const outer = plain.bind(resources, options);
    options.maxConcurrent = 99;
    expect(boundConfigOf(outer)).toEqual({ resources, options: { maxConcurrent: 4, executionId: "job" } });
    expect(boundConfigOf(outer)?.resources).toBe(resources);
    expect(boundConfigOf(outer.echo)).toBeUndefined();
    const other = { aliases: {} };
    plain.bind(other);
    expect(boundConfigOf(outer)).toEqual({ resources: other, options: {} });
  });
});
