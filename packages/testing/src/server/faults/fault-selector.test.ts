import { describe, expect, it } from "vitest";
import { FaultSelector } from "./fault-selector.js";

describe("FaultSelector", () => {
  it("lets the request header win and reports unknown names", () => {
    const selector = new FaultSelector([{ fault: "server_error" }], 0);
    expect(selector.select("/v1/messages", "reset")).toBe("reset");
    expect(selector.select("/v1/messages", "nonsense")).toEqual({ unknown: "nonsense" });
    expect(selector.select("/v1/messages", undefined)).toBe("server_error");
  });

  it("applies rules in order, by path, every n-th and up to a count", () => {
    const selector = new FaultSelector(
      [
        { fault: "reset", path: "/v1/messages", count: 1 },
        { fault: "overloaded", every: 3 },
      ],
      0,
    );
    const seen = ["/v1/messages", "/v1/messages", "/v1/chat/completions", "/v1/messages"].map((path) =>
      selector.select(path, undefined),
    );
    expect(seen).toEqual(["reset", undefined, undefined, "overloaded"]);
    selector.resetCounters();
    expect(selector.select("/v1/messages", undefined)).toBe("reset");
  });

  it("draws probabilities from the seed, so a run repeats", () => {
    const draw = (seed: number) => {
      const selector = new FaultSelector([{ fault: "quota", probability: 0.3 }], seed);
      return Array.from({ length: 200 }, () => selector.select("/", undefined) === "quota");
    };
    expect(draw(5)).toEqual(draw(5));
    expect(draw(5)).not.toEqual(draw(6));
    const rate = draw(5).filter(Boolean).length / 200;
    expect(rate).toBeGreaterThan(0.18);
    expect(rate).toBeLessThan(0.42);
  });

  it("refuses rules naming unknown faults", () => {
    expect(() => new FaultSelector([{ fault: "boom" as never }], 0)).toThrow(/unknown fault/);
  });
});
