// Group commit on its own: which items leave together, and when each caller's promise resolves.
import { describe, expect, it } from "vitest";
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

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("group commit", () => {
  it("writes a lone item at once, by itself", async () => {
    const { writes, write } = heldWriter();
    const commit = new GroupCommit(write, 10);
    const done = commit.add("a");
    await settle();
    expect(writes.map((w) => w.items)).toEqual([["a"]]);
    writes[0]?.finish();
    await expect(done).resolves.toBeUndefined();
  });

  it("sends the items added while a write is in flight together in the next write", async () => {
    const { writes, write } = heldWriter();
    const commit = new GroupCommit(write, 10);
    const first = commit.add("a");
    await settle();
    const second = commit.add("b");
    const third = commit.add("c");
    expect(second).toBe(third);
    await settle();
    expect(writes.map((w) => w.items)).toEqual([["a"]]);

    let secondDone = false;
    second.then(() => {
      secondDone = true;
    });
    writes[0]?.finish();
    await first;
    await settle();
    expect(writes.map((w) => w.items)).toEqual([["a"], ["b", "c"]]);
    expect(secondDone).toBe(false);
    writes[1]?.finish();
    await second;
    expect(secondDone).toBe(true);
  });

  it("splits a backlog into writes of at most maxBatch items, in order", async () => {
    const written: string[][] = [];
    const commit = new GroupCommit(async (items: string[]) => {
      written.push(items);
    }, 2);
    await Promise.all(["a", "b", "c", "d", "e"].map((item) => commit.add(item)));
    expect(written).toEqual([["a", "b"], ["c", "d"], ["e"]]);
  });
});
