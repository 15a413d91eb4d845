import { describe, expect, it } from "vitest";
import { runCli } from "../main.js";
import { captureIO, captureStream } from "../test-support/capture-io.js";

describe("weft mock-server", () => {
  it("runs @weft/testing's server in-process, prints its URL, serves requests and stops on interrupt", async () => {
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
    await expect(fetch(`${url}/v1/chat/completions`, { method: "POST" })).rejects.toThrow();
  });

  it("reports a bad flag as one usage line with exit code 2, naming the flag", async () => {
    const io = captureIO();
    expect(await runCli(["mock-server", "--rpm=-3"], io)).toBe(2);
    expect(io.stderr.text()).toBe('weft: mock-server: --rpm must be an integer >= 1, got "-3"\n');
    const unknown = captureIO();
    expect(await runCli(["mock-server", "--nope"], unknown)).toBe(2);
    expect(unknown.stderr.text().trim().split("\n")).toHaveLength(1);
    expect(unknown.stderr.text()).toMatch(/^weft: mock-server: .*--nope/);
  });

  it("prints its usage for --help", async () => {
    const io = captureIO();
    expect(await runCli(["mock-server", "--help"], io)).toBe(0);
    expect(io.stdout.text()).toMatch(/^Usage: weft mock-server \[--port P\]/);
    expect(io.stdout.text()).toContain("--max-concurrent N");
  });
});
