// Group commit on its own: which items leave together, who writes them, and when each caller's promise resolves.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { GroupCommit } from "../../../worker/batching/group-commit";

/** A writer whose writes finish only when the test says so. */
function heldWriter() {
  const writes: { items: string[]; finish: () => void }[] = [];
  const write = (items: string[]) =>
    new Promise<void>((resolve) => {
      writes.push({ items, finish: resolve });
    });
  return { writes, write };
}

// Time is vitest's fake clock, moved by the test: each item lingers on a fake timer (the runtime's
// scheduler.wait, the default, is not one vitest can fake).
const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const elapse = (ms: number) => vi.advanceTimersByTimeAsync(ms);

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe("group commit", () => {
  it("writes a lone item by itself once its linger is over", async () => {
    const { writes, write } = heldWriter();
    const commit = new GroupCommit(write, { maxBatch: 10, lingerMs: 20, wait });
    const done = commit.add("a");
    await elapse(19);
    expect(writes).toEqual([]);
    await elapse(1);
    expect(writes.map((w) => w.items)).toEqual([["a"]]);
    writes[0]?.finish();
    await expect(done).resolves.toBeUndefined();
  });

  it("sends the items added within one linger together, written by the first caller, whose promise holds the write", async () => {
    const { writes, write } = heldWriter();
    const commit = new GroupCommit(write, { maxBatch: 10, lingerMs: 20, wait });
    const settled: string[] = [];
    const first = commit.add("a").then(() => settled.push("a"));
    await elapse(5);
    const second = commit.add("b").then(() => settled.push("b"));
    const third = commit.add("c").then(() => settled.push("c"));
    await elapse(40);
    expect(writes.map((w) => w.items)).toEqual([["a", "b", "c"]]);
    // The others' items are in a write "a"'s caller holds: they are done, and do not wait on it.
    expect(settled).toEqual(["b", "c"]);
    writes[0]?.finish();
    await Promise.all([first, second, third]);
    expect(settled).toEqual(["b", "c", "a"]);
  });

  it("writes again for items added while a write is in flight", async () => {
    const { writes, write } = heldWriter();
    const commit = new GroupCommit(write, { maxBatch: 10, lingerMs: 0, wait });
    const first = commit.add("a");
    await elapse(5);
    const second = commit.add("b");
    await elapse(5);
    expect(writes.map((w) => w.items)).toEqual([["a"], ["b"]]);
    for (const w of writes) w.finish();
    await Promise.all([first, second]);
  });

  it("splits a backlog into writes of at most maxBatch items, in order", async () => {
    const written: string[][] = [];
    const commit = new GroupCommit(
      async (items: string[]) => {
        written.push(items);
      },
      { maxBatch: 2, lingerMs: 0, wait },
    );
    const added = Promise.all(["a", "b", "c", "d", "e"].map((item) => commit.add(item)));
    await elapse(0);
    await added;
    expect(written).toEqual([["a", "b"], ["c", "d"], ["e"]]);
  });
});
