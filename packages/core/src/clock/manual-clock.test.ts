import { describe, expect, it } from "vitest";
import { systemClock } from "./clock.js";
import { ManualClock } from "./manual-clock.js";

describe("ManualClock", () => {
  it("fires sleepers in time order as time advances", async () => {
    const clock = new ManualClock(100);
    const fired: string[] = [];
    void clock.sleep(30).then(() => fired.push(`b@${clock.now()}`));
    void clock.sleep(10).then(() => fired.push(`a@${clock.now()}`));
    await clock.advance(20);
    expect(fired).toEqual(["a@110"]);
    await clock.advance(20);
    expect(fired).toEqual(["a@110", "b@130"]);
    expect(clock.now()).toBe(140);
  });

  it("lets woken code schedule further waits within the same advance", async () => {
    const clock = new ManualClock();
    const times: number[] = [];
    const loop = (async () => {
      for (let i = 0; i < 3; i++) {
        await clock.sleep(5);
        times.push(clock.now());
      }
    })();
    await clock.advance(15);
    await loop;
    expect(times).toEqual([5, 10, 15]);
  });

  it("rejects with the abort reason and forgets the timer", async () => {
    const clock = new ManualClock();
    const controller = new AbortController();
    const sleeping = clock.sleep(1_000, controller.signal);
    controller.abort(new Error("stop"));
    await expect(sleeping).rejects.toThrow("stop");
    expect(clock.pending).toBe(0);
  });

  it("runAll drains every sleeper", async () => {
    const clock = new ManualClock();
    let done = false;
    void clock.sleep(5_000).then(() => {
      done = true;
    });
    await clock.runAll();
    expect(done).toBe(true);
    expect(clock.now()).toBe(5_000);
  });
});

describe("systemClock", () => {
  it("rejects at once on an already aborted signal", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(systemClock.sleep(10_000, controller.signal)).rejects.toMatchObject({
      name: "AbortError",
    });
  });
});
