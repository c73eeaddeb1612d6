/**
 * Reads a request body without ever holding more than the limit: Content-Length is checked before reading,
 * and a body without one (chunked) is cut off as soon as it passes the limit.
 */
import { concatBytes } from "../shared/bytes";

export type BoundedBody =
  | { ok: true; bytes: Uint8Array<ArrayBuffer> }
  | { ok: false; reason: "too-large" | "bad-length" };

export async function readBodyWithin(request: Request, maxBytes: number): Promise<BoundedBody> {
  const declared = request.headers.get("content-length");
  if (declared !== null) {
    if (!/^\d{1,15}$/.test(declared)) return { ok: false, reason: "bad-length" };
    if (Number(declared) > maxBytes) {
      await request.body?.cancel();
      return { ok: false, reason: "too-large" };
    }
  }
  if (request.body === null) return { ok: true, bytes: new Uint8Array(0) };

  const reader = request.body.getReader();
  // A request body's chunks are never views of shared memory: typed as plain ArrayBuffer views.
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      return { ok: false, reason: "too-large" };
    }
    chunks.push(value as Uint8Array<ArrayBuffer>);
  }
  if (chunks.length === 1 && chunks[0]) return { ok: true, bytes: chunks[0] };
  return { ok: true, bytes: concatBytes(chunks) };
}
