import { describe, expect, it } from "vitest";
import { SlotPool } from "./slot-pool.js";

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("SlotPool", () => {
  it("caps holders and hands freed slots to waiters by priority, then arrival", async () => {
    const pool = new SlotPool(2);
    const a = await pool.acquire();
    const b = await pool.acquire();
    expect([a.index, b.index]).toEqual([0, 1]);
    const order: string[] = [];
    const waits = [
      pool.acquire({ priority: 0 }).then((s) => order.push(`low1@${s.index}`)),
      pool.acquire({ priority: 5 }).then((s) => order.push(`high@${s.index}`)),
      pool.acquire({ priority: 0 }).then((s) => order.push(`low2@${s.index}`)),
    ];
    expect(pool.queued).toBe(3);
    b.release();
    b.release(); // idempotent: frees one slot, not two
    await flush();
    expect(order).toEqual(["high@1"]);
    expect(pool.inFlight).toBe(2);
    a.release();
    await flush();
    expect(order).toEqual(["high@1", "low1@0"]);
    expect(pool.queued).toBe(1);
    void waits;
  });

  it("gives the lowest free index to a new holder", async () => {
    const pool = new SlotPool(3);
    const [s0, s1, s2] = await Promise.all([pool.acquire(), pool.acquire(), pool.acquire()]);
    s1?.release();
    s0?.release();
    expect((await pool.acquire()).index).toBe(0);
    expect((await pool.acquire()).index).toBe(1);
    expect(s2?.index).toBe(2);
  });

  it("drops an aborted waiter without taking a slot", async () => {
    const pool = new SlotPool(1);
    const held = await pool.acquire();
    const controller = new AbortController();
    const waiting = pool.acquire({ signal: controller.signal });
    controller.abort(new Error("cancelled"));
    await expect(waiting).rejects.toThrow("cancelled");
    expect(pool.queued).toBe(0);
    held.release();
    expect(pool.inFlight).toBe(0);
    expect(pool.tryAcquire()?.index).toBe(0);
  });

  it("is unbounded by default and rejects a bad capacity", async () => {
    const pool = new SlotPool();
    const slots = await Promise.all(Array.from({ length: 50 }, () => pool.acquire()));
    expect(pool.inFlight).toBe(50);
    expect(slots.at(-1)?.index).toBe(49);
    expect(() => new SlotPool(0)).toThrow(RangeError);
    expect(() => new SlotPool(1.5)).toThrow(RangeError);
  });
});
