import { describe, expect, it } from "vitest";
import { parseRetryAfterMs, readHeader } from "./retry-after.js";

describe("parseRetryAfterMs", () => {
  it("prefers retry-after-ms over retry-after", () => {
    expect(parseRetryAfterMs({ "retry-after-ms": "250", "retry-after": "3" })).toBe(250);
  });
  it("reads retry-after as seconds", () => {
    expect(parseRetryAfterMs(new Headers({ "Retry-After": "2" }))).toBe(2000);
  });
  it("reads retry-after as an HTTP date relative to now", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfterMs({ "retry-after": "Thu, 01 Jan 2026 00:00:05 GMT" }, now)).toBe(5000);
  });
  it("is undefined when absent or garbage", () => {
    expect(parseRetryAfterMs({})).toBeUndefined();
    expect(parseRetryAfterMs({ "retry-after": "soon" })).toBeUndefined();
    expect(parseRetryAfterMs(undefined)).toBeUndefined();
  });
  it("reads plain records case-insensitively", () => {
    expect(readHeader({ "X-Request-Id": "abc" }, "x-request-id")).toBe("abc");
  });
});
