/**
 * Reads a request body once, into one buffer, refusing it as soon as it is known to exceed the limit: from
 * Content-Length before reading a byte, or while streaming when the length is not declared (or is a lie).
 *
 * A byte stream (every body workerd receives from the network) is read straight into one buffer of the
 * declared size with workerd's `readAtLeast`, so a 10 MB body costs a handful of reads and no second copy;
 * reading it chunk by chunk costs thousands of reads (bench/PERFORMANCE.md). Other streams are read chunk by
 * chunk.
 */

import { readChunksWithin } from "../../shared/bytes";
import { fail, GatewayError } from "../errors/failure";

/** First buffer when the length is not declared; it doubles as the body grows. */
const UNDECLARED_START_BYTES = 64 * 1024;
/** Declared lengths below this are read into a buffer one byte larger (then cut to length: a small copy). */
const SMALL_BODY_BYTES = 64 * 1024;

export async function readBoundedBody(request: Request, limitBytes: number): Promise<ArrayBuffer> {
  try {
    return await readBody(request, limitBytes);
  } catch (error) {
    if (error instanceof GatewayError) throw error;
    // The stream failed under the read: the client's connection broke, or it sent less than it declared
    // (workerd: "premature EOF … did not reach Content-Length"). The client's fault, not the gateway's.
    return fail({ kind: "invalid-body", detail: "The request body ended before it was complete." });
  }
}

async function readBody(request: Request, limitBytes: number): Promise<ArrayBuffer> {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > limitBytes) fail({ kind: "body-too-large", limitBytes });
  if (request.body === null) return new ArrayBuffer(0);

  const reader = byobReader(request.body);
  if (!reader) return readChunks(request.body.getReader(), limitBytes);
  const expected = declared !== null && /^\s*\d+\s*$/.test(declared) ? Number(declared) : undefined;
  if (expected === undefined)
    return readInPlace(reader, Math.min(UNDECLARED_START_BYTES, limitBytes + 1), false, limitBytes);
  // A small body is read with room for one byte more: a read that stops short of it has met the end, which
  // spares the second read that would otherwise only say so (most requests are small).
  if (expected < SMALL_BODY_BYTES) return readInPlace(reader, expected + 1, false, limitBytes);
  return readInPlace(reader, expected, true, limitBytes);
}

function byobReader(body: ReadableStream): ReadableStreamBYOBReader | undefined {
  try {
    return body.getReader({ mode: "byob" });
  } catch {
    // Not a byte stream (one made in JavaScript).
    return undefined;
  }
}

/**
 * Reads into one buffer of `capacity` bytes (the declared length, when `declared`), growing it only if the
 * stream goes on past it.
 */
async function readInPlace(
  reader: ReadableStreamBYOBReader,
  capacity: number,
  declared: boolean,
  limitBytes: number,
): Promise<ArrayBuffer> {
  let buffer = new ArrayBuffer(capacity);
  let length = 0;
  let growing = !declared;
  for (;;) {
    let done: boolean;
    if (length < buffer.byteLength) {
      const wanted = buffer.byteLength - length;
      const read = await reader.readAtLeast(wanted, new Uint8Array(buffer, length));
      // The read transfers the buffer; the result's view owns it now.
      if (!read.value) throw new Error("the request body stream was cancelled");
      buffer = read.value.buffer as ArrayBuffer;
      length += read.value.byteLength;
      // readAtLeast gives fewer bytes than asked only at the end of the stream.
      done = read.done || read.value.byteLength < wanted;
    } else if (growing) {
      buffer = grown(buffer, length, Math.min(buffer.byteLength * 2, limitBytes + 1));
      continue;
    } else {
      // Full at the declared length: the stream should end here. More means the length was not true.
      const read = await reader.read(new Uint8Array(1));
      done = read.done;
      if (read.value?.byteLength) {
        buffer = grown(buffer, length, Math.min(Math.max(buffer.byteLength * 2, 1), limitBytes + 1));
        new Uint8Array(buffer).set(read.value, length);
        length += read.value.byteLength;
        growing = true;
      }
    }
    if (length > limitBytes) {
      await reader.cancel();
      fail({ kind: "body-too-large", limitBytes });
    }
    if (done) return length === buffer.byteLength ? buffer : buffer.slice(0, length);
  }
}

/** A buffer of `size` bytes starting with the first `length` bytes of `buffer`. */
function grown(buffer: ArrayBuffer, length: number, size: number): ArrayBuffer {
  const next = new Uint8Array(Math.max(size, length + 1));
  next.set(new Uint8Array(buffer, 0, length));
  return next.buffer;
}

async function readChunks(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  limitBytes: number,
): Promise<ArrayBuffer> {
  const bytes = await readChunksWithin(reader, limitBytes);
  if (!bytes) return fail({ kind: "body-too-large", limitBytes });
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
    ? bytes.buffer
    : bytes.slice().buffer;
}
