// Reading a stream within a limit: the bounded reader the gateway's fallback and the sandbox share.
import { describe, expect, it } from "vitest";
import { readChunksWithin } from "../../shared/bytes";

/** A stream made in JavaScript that sends `chunks` chunks of `size` bytes (byte i of chunk k is k + i). */
function chunked(chunks: number, size: number) {
  let sent = 0;
  let cancelled = false;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent === chunks) return controller.close();
      controller.enqueue(Uint8Array.from({ length: size }, (_, i) => (sent + i) & 0xff));
      sent++;
    },
    cancel() {
      cancelled = true;
    },
  });
  return { reader: stream.getReader(), sent: () => sent, cancelled: () => cancelled };
}

describe("readChunksWithin", () => {
  it("joins the chunks in order, byte for byte", async () => {
    const bytes = await readChunksWithin(chunked(3, 4).reader, 100);
    expect(bytes).toEqual(new Uint8Array([0, 1, 2, 3, 1, 2, 3, 4, 2, 3, 4, 5]));
  });

  it("hands back a single chunk as it came, and an empty stream as no bytes", async () => {
    expect(await readChunksWithin(chunked(1, 5).reader, 5)).toEqual(new Uint8Array([0, 1, 2, 3, 4]));
    expect(await readChunksWithin(chunked(0, 5).reader, 5)).toEqual(new Uint8Array(0));
  });

  it("cancels the stream as soon as it passes the limit, and answers undefined", async () => {
    const stream = chunked(1000, 1024);
    expect(await readChunksWithin(stream.reader, 10 * 1024)).toBeUndefined();
    expect(stream.cancelled()).toBe(true);
    expect(stream.sent()).toBeLessThanOrEqual(12);
  });
});
