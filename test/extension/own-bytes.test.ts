// A buffer of another realm (node:vm's context stands in for the page's compartment that Firefox hands a
// content script) becomes bytes of this realm; one of this realm is used as it is.
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { ownBytes, ownCopy } from "../../extension/content/capture/own-bytes";

const foreignBuffer = (): ArrayBuffer =>
  runInNewContext("new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]).buffer") as ArrayBuffer;

describe("ownCopy", () => {
  it("copies a buffer of another realm into one of this realm, byte for byte", () => {
    const foreign = foreignBuffer();
    expect(foreign instanceof ArrayBuffer).toBe(false);

    const bytes = ownCopy(foreign);

    expect(bytes.buffer instanceof ArrayBuffer).toBe(true);
    expect(bytes.buffer).not.toBe(foreign);
    expect([...bytes]).toEqual([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
    expect([...bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
  });

  it("copies only a foreign view's own window of its buffer", () => {
    const view = runInNewContext("new Uint8Array([9, 9, 1, 2, 3, 9]).subarray(2, 5)") as Uint8Array;

    const bytes = ownCopy(view);

    expect(bytes.buffer instanceof ArrayBuffer).toBe(true);
    expect([...bytes]).toEqual([1, 2, 3]);
  });

  it("uses a buffer of this realm without copying it", () => {
    const own = new Uint8Array([1, 2, 3]).buffer;
    expect(ownCopy(own).buffer).toBe(own);
  });
});

describe("ownBytes", () => {
  it("reads a Blob's bytes into a buffer of this realm", async () => {
    const bytes = await ownBytes(new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])]));
    expect(bytes.buffer instanceof ArrayBuffer).toBe(true);
    expect([...bytes]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  it("reads a Response's body the same way", async () => {
    const bytes = await ownBytes(new Response(new Uint8Array([1, 2, 3, 4, 5])));
    expect([...bytes]).toEqual([1, 2, 3, 4, 5]);
  });
});
