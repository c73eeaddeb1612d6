/**
 * A request body that is never held whole: its chunks are made again from their source each time it is
 * read. FaceID's TC3 signature needs the body's SHA-256 before the request leaves (the canonical request's
 * HashedRequestPayload), so the body is read twice: once into workerd's `crypto.DigestStream`, once more into
 * the request, through a FixedLengthStream of the known length so it still carries Content-Length. A resend
 * would read it a third time, from the same source.
 */
import { toHex } from "../tc3/digest";

export class ChunkedBody {
  /**
   * `byteLength`: exactly what `chunks` yields in all. `chunks`: a fresh sequence on every call, which holds
   * at most the chunk being made.
   */
  constructor(
    readonly byteLength: number,
    readonly chunks: () => Iterable<Uint8Array>,
  ) {}

  /** Windows of bytes already held (no copy): to send them in pieces rather than hand the runtime the whole. */
  static of(bytes: Uint8Array, windowBytes: number): ChunkedBody {
    return new ChunkedBody(bytes.byteLength, function* () {
      for (let at = 0; at < bytes.byteLength; at += windowBytes) yield bytes.subarray(at, at + windowBytes);
    });
  }
}

/** Lowercase hex SHA-256 of the body, one chunk at a time: each write is awaited, so no chunk piles up. */
export async function chunkedSha256Hex(body: ChunkedBody): Promise<string> {
  const digest = new crypto.DigestStream("SHA-256");
  const writer = digest.getWriter();
  let written = 0;
  for (const chunk of body.chunks()) {
    written += chunk.byteLength;
    await writer.write(chunk);
  }
  await writer.close();
  // A wrong length would be refused by the FixedLengthStream halfway through the upload; say so before it leaves.
  if (written !== body.byteLength)
    throw new Error(`chunked body: ${written} bytes, ${body.byteLength} declared`);
  return toHex(await digest.digest);
}

/** The body as a request body of fixed length, its chunks made as the upload takes them. */
export function chunkedStream(body: ChunkedBody): ReadableStream<Uint8Array> {
  const { readable, writable } = new FixedLengthStream(body.byteLength);
  const writer = writable.getWriter();
  const pump = async () => {
    for (const chunk of body.chunks()) await writer.write(chunk);
    await writer.close();
  };
  // A failed or aborted send shows in the fetch, which cancels the stream and so stops the pump; anything
  // failing here errors the stream, so the fetch fails at once instead of waiting out its timeout.
  pump().catch((error: unknown) => writer.abort(error).catch(() => {}));
  return readable;
}
