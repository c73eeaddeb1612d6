// The isolate's memo of KV reads: what it holds, for how long, and what it never holds.
import { describe, expect, it } from "vitest";
import { ReadMemo } from "../../../worker/partners/read-memo";

function memoWithClock(maxEntries = 10) {
  const clock = { now: 1_000 };
  const memo = new ReadMemo<string>({ ttlMs: 30_000, maxEntries, clock: () => clock.now });
  const loads: string[] = [];
  /** Reads `key`, KV holding `value` (null: KV has no such key). */
  const read = (key: string, value: string | null = `value of ${key}`) =>
    memo.read(key, async () => {
      loads.push(key);
      return value ?? undefined;
    });
  return { memo, clock, loads, read };
}

describe("the read memo", () => {
  it("reads KV once within the time to live, and again after it", async () => {
    const { clock, loads, read } = memoWithClock();
    expect(await read("a")).toBe("value of a");
    clock.now += 29_999;
    expect(await read("a", "changed")).toBe("value of a");
    clock.now += 1;
    expect(await read("a", "changed")).toBe("changed");
    expect(loads).toEqual(["a", "a"]);
  });

  it("holds no miss by default: a record created after a miss is found at once", async () => {
    const { loads, read } = memoWithClock();
    expect(await read("new", null)).toBeUndefined();
    expect(await read("new", "created")).toBe("created");
    expect(loads).toEqual(["new", "new"]);
  });

  it("holds a miss for missTtlMs when asked to, then reads KV again", async () => {
    const clock = { now: 1_000 };
    const memo = new ReadMemo<string>({
      ttlMs: 30_000,
      missTtlMs: 5_000,
      maxEntries: 10,
      clock: () => clock.now,
    });
    let loads = 0;
    const read = (value: string | undefined) =>
      memo.read("unknown", async () => {
        loads++;
        return value;
      });
    expect(await read(undefined)).toBeUndefined();
    clock.now += 4_999;
    expect(await read("created meanwhile")).toBeUndefined();
    clock.now += 1;
    expect(await read("created meanwhile")).toBe("created meanwhile");
    expect(loads).toBe(2);
  });

  it("drops a value as soon as a fresh read misses", async () => {
    const { clock, read } = memoWithClock();
    await read("gone");
    clock.now += 30_000;
    expect(await read("gone", null)).toBeUndefined();
    expect(await read("gone", null)).toBeUndefined();
  });

  it("forgets a key when told, so the next read goes to KV", async () => {
    const { memo, loads, read } = memoWithClock();
    await read("a");
    memo.forget("a");
    expect(await read("a", "revoked")).toBe("revoked");
    expect(loads).toEqual(["a", "a"]);
  });

  it("keeps at most maxEntries, dropping the one read longest ago", async () => {
    const { loads, read } = memoWithClock(2);
    await read("a");
    await read("b");
    await read("c");
    loads.length = 0;
    await read("b");
    await read("c");
    await read("a");
    expect(loads).toEqual(["a"]);
  });
});
