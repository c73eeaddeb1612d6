/**
 * Bytes the content script can work with in every browser. In Firefox a content script runs in a sandbox of
 * its own, and every ArrayBuffer a DOM API hands it (a fetch Response's, a Blob's, a MediaRecorder chunk's)
 * belongs to the page's compartment and reaches the script through an Xray wrapper. A Uint8Array over such a
 * buffer is created in the page's compartment too, and the first `subarray` or `slice` on it looks up
 * `constructor` through the wrapper: "Permission denied to access property "constructor"". Copying the bytes
 * once into a buffer of the script's own realm ends that for every later reader (sniffing, Mediabunny, upload).
 * In Chromium the buffer is already the script's own, and nothing is copied.
 */

/** The bytes of `source`, in an ArrayBuffer of this realm. */
export async function ownBytes(source: Blob | Response): Promise<Uint8Array<ArrayBuffer>> {
  return ownCopy(await source.arrayBuffer());
}

/**
 * `source`'s bytes as a Uint8Array of this realm: the buffer itself when it is this realm's already, else a copy.
 * A view is copied through its own window (offset and length) of its buffer.
 */
export function ownCopy(source: AllowSharedBufferSource): Uint8Array<ArrayBuffer> {
  if (source instanceof ArrayBuffer) return new Uint8Array(source);
  // A foreign view or buffer fails `instanceof` and `ArrayBuffer.isView` here; its fields still read.
  const view =
    "buffer" in source
      ? new Uint8Array(source.buffer, source.byteOffset, source.byteLength)
      : new Uint8Array(source);
  // Element-wise `set` reads through the wrapper without asking the foreign view for its constructor.
  const copy = new Uint8Array(view.byteLength);
  copy.set(view);
  return copy;
}
