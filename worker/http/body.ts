/**
 * Reads a request body once, into one buffer, refusing it as soon as it is known to exceed the limit: from
 * Content-Length before reading a byte, or while streaming when the length is not declared (or is a lie).
 */
import { fail } from "../errors/failure";

export async function readBoundedBody(request: Request, limitBytes: number): Promise<ArrayBuffer> {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > limitBytes) fail({ kind: "body-too-large", limitBytes });
  if (request.body === null) return new ArrayBuffer(0);

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limitBytes) {
      await reader.cancel();
      fail({ kind: "body-too-large", limitBytes });
    }
    chunks.push(value);
  }
  if (
    chunks.length === 1 &&
    chunks[0]?.byteOffset === 0 &&
    chunks[0].byteLength === chunks[0].buffer.byteLength
  ) {
    return chunks[0].buffer as ArrayBuffer;
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body.buffer;
}
