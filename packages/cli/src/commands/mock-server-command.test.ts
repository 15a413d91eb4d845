import { describe, expect, it } from "vitest";
import { runCli } from "../main.js";
import { captureIO, captureStream } from "../test-support/capture-io.js";

describe("weft mock-server", () => {
  it("starts @weft/testing's server, prints its URL, serves requests and stops on interrupt", async () => {
    let announce: (url: string) => void = () => undefined;
    const announced = new Promise<string>((resolve) => {
      announce = resolve;
    });
    const captured = captureStream();
    const stdout = {
      ...captured,
      write: (text: string) => {
        captured.write(text);
        const url = /^(http:\/\/127\.0\.0\.1:\d+)\n/.exec(captured.text())?.[1];
        if (url) announce(url);
      },
    };
    const interrupt = new AbortController();
    const exit = runCli(
      ["mock-server", "--port", "0", "--seed", "3"],
      captureIO({ stdout, signal: interrupt.signal }),
    );
    const url = await announced;
    const response = await fetch(`${url}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer test" },
      body: JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: "Hi" }] }),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { object: string }).object).toBe("chat.completion");
    interrupt.abort();
    expect(await exit).toBe(0);
  });

  it("passes the server's own usage errors through with its exit code", async () => {
    const io = captureIO();
    expect(await runCli(["mock-server", "--rpm=-3"], io)).toBe(2);
    expect(io.stderr.text()).toMatch(/--rpm must be/);
  });
});
