// The chunk metadata a Firefox content script receives from the page's VideoEncoder, rebuilt in this realm.
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { ownMetadata } from "../../extension/content/capture/content-script-encoder";

describe("ownMetadata", () => {
  it("copies a foreign avcC description into this realm and keeps the decoder config's fields", () => {
    const foreign = runInNewContext(`({
      decoderConfig: {
        codec: "avc1.42001f",
        codedWidth: 640,
        codedHeight: 480,
        description: new Uint8Array([1, 0x42, 0, 0x1f, 0xff]).buffer,
        colorSpace: { primaries: "bt709", transfer: "bt709", matrix: "bt709", fullRange: false },
      },
    })`) as EncodedVideoChunkMetadata;

    const meta = ownMetadata(foreign);

    const description = meta?.decoderConfig?.description as Uint8Array;
    expect(description).toBeInstanceOf(Uint8Array);
    expect(description.buffer instanceof ArrayBuffer).toBe(true);
    expect([...description]).toEqual([1, 0x42, 0, 0x1f, 0xff]);
    expect(meta).toEqual({
      decoderConfig: {
        codec: "avc1.42001f",
        codedWidth: 640,
        codedHeight: 480,
        description,
        colorSpace: { primaries: "bt709", transfer: "bt709", matrix: "bt709", fullRange: false },
      },
    });
  });

  it("passes on metadata without a decoder config (every chunk but the first) as empty", () => {
    expect(ownMetadata(undefined)).toBeUndefined();
    expect(ownMetadata({})).toEqual({});
  });
});
