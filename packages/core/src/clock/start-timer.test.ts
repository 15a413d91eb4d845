import { describe, expect, it } from "vitest";
import { type Clock, startTimer, systemClock } from "./clock.js";
import { ManualClock } from "./manual-clock.js";

/** A clock with only `now` and `sleep`, as a user might write one: startTimer must fall back to `sleep`. */
function sleepOnlyClock(inner: ManualClock): Clock {
  return { now: () => inner.now(), sleep: (ms, signal) => inner.sleep(ms, signal) };
}

describe("startTimer", () => {
  it.each([
    ["ManualClock.schedule", (clock: ManualClock): Clock => clock],
    ["the sleep fallback", sleepOnlyClock],
  ])("fires once at its due time through %s", async (_, wrap) => {
    const clock = new ManualClock();
    const fired: number[] = [];
    startTimer(wrap(clock), 50, () => fired.push(clock.now()));
    await clock.advance(49);
    expect(fired).toEqual([]);
    await clock.advance(1);
    expect(fired).toEqual([50]);
    await clock.advance(100);
    expect(fired).toEqual([50]);
  });

  it.each([
    ["ManualClock.schedule", (clock: ManualClock): Clock => clock],
    ["the sleep fallback", sleepOnlyClock],
  ])("never fires once cancelled, and leaves no timer behind, through %s", async (_, wrap) => {
    const clock = new ManualClock();
    let fired = false;
    const cancel = startTimer(wrap(clock), 50, () => {
      fired = true;
    });
    cancel();
    await clock.advance(100);
    expect(fired).toBe(false);
    expect(clock.pending).toBe(0);
    cancel(); // a second cancel is harmless
  });

  it("runs on the system clock's own timers", async () => {
    const fired = await new Promise<boolean>((resolve) => {
      startTimer(systemClock, 0, () => resolve(true));
    });
    expect(fired).toBe(true);
    let late = false;
    const cancel = startTimer(systemClock, 0, () => {
      late = true;
    });
    cancel();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(late).toBe(false);
  });
});
