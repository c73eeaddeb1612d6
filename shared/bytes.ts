/** The parts one after another in one new buffer: one allocation, each part copied once. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((length, part) => length + part.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}

/** What a web stream's default reader offers; structural, so shared/ needs no runtime's stream types. */
export interface ChunkReader {
  read(): Promise<{ done: false; value: Uint8Array } | { done: true; value?: undefined }>;
  cancel(): Promise<unknown>;
}

/**
 * A stream's chunks in one buffer, read one by one and cancelled as soon as they pass `maxBytes` (undefined
 * then): never more than the limit held, whatever the stream claims.
 */
export async function readChunksWithin(
  reader: ChunkReader,
  maxBytes: number,
): Promise<Uint8Array<ArrayBuffer> | undefined> {
  // Chunks of a request body are never views of shared memory: typed as plain ArrayBuffer views.
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value as Uint8Array<ArrayBuffer>);
  }
  return chunks.length === 1 && chunks[0] ? chunks[0] : concatBytes(chunks);
}
