/**
 * Reads a request body without ever holding more than the limit: Content-Length is checked before reading,
 * and a body without one (chunked) is cut off as soon as it passes the limit.
 */
import { readChunksWithin } from "../shared/bytes";

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

  const bytes = await readChunksWithin(request.body.getReader(), maxBytes);
  return bytes ? { ok: true, bytes } : { ok: false, reason: "too-large" };
}
