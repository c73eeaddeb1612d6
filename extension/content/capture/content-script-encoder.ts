/**
 * The H.264 encoder of the WebM → MP4 conversion, for Mediabunny: the browser's own WebCodecs VideoEncoder,
 * with its output handed over in buffers of the content script's realm.
 *
 * Mediabunny drives WebCodecs itself, and that works in a page and in Chromium's content scripts. In Firefox a
 * content script's VideoEncoder is the page's, seen through an Xray wrapper, and the chunk metadata it emits
 * (the avcC `description` buffer) belongs to the page's compartment: Mediabunny's own check
 * ("description … must be an ArrayBuffer or an ArrayBuffer view") rejects it and the conversion fails. This
 * encoder is Mediabunny's registered extension point for such cases (`registerEncoder`); it does what
 * Mediabunny's would, and copies the description into this realm (./own-bytes.ts). Chunks need no copy:
 * `EncodedPacket.fromEncodedChunk` copies their bytes into a buffer of its own.
 */
import { CustomVideoEncoder, EncodedPacket, type VideoSample } from "mediabunny";
import { ownCopy } from "./own-bytes";

/** H.264 Constrained Baseline, level 3.1: up to 1280×720, what any H.264 encoder offers. */
const PROBE_CODEC = "avc1.42e01f";

/**
 * Whether this browser's own WebCodecs can encode H.264 at this size. Asked before converting because the
 * encoder's `supports` below must answer synchronously and cannot ask, and Mediabunny's `canEncodeVideo` takes a
 * registered encoder's word for it: without this, a browser without H.264 would fail mid-conversion instead of
 * saying so at once.
 */
export async function canEncodeH264(width: number, height: number): Promise<boolean> {
  if (typeof VideoEncoder === "undefined") return false;
  try {
    const support = await VideoEncoder.isConfigSupported({ codec: PROBE_CODEC, width, height });
    return support.supported === true;
  } catch {
    return false;
  }
}

export class ContentScriptH264Encoder extends CustomVideoEncoder {
  private encoder: VideoEncoder | null = null;

  static override supports(codec: string): boolean {
    return codec === "avc" && typeof VideoEncoder !== "undefined";
  }

  init(): void {
    this.encoder = new VideoEncoder({
      output: (chunk, meta) => this.onPacket(EncodedPacket.fromEncodedChunk(chunk), ownMetadata(meta)),
      error: (error) => this.onError(error),
    });
    this.encoder.configure(this.config);
  }

  encode(sample: VideoSample, options: VideoEncoderEncodeOptions): void {
    const frame = sample.toVideoFrame();
    try {
      this.requireEncoder().encode(frame, options);
    } finally {
      frame.close();
    }
  }

  async flush(): Promise<void> {
    await this.requireEncoder().flush();
  }

  close(): void {
    if (this.encoder && this.encoder.state !== "closed") this.encoder.close();
    this.encoder = null;
  }

  private requireEncoder(): VideoEncoder {
    if (!this.encoder) throw new Error("The H.264 encoder is not initialised.");
    return this.encoder;
  }
}

/** The chunk metadata Mediabunny needs, rebuilt in this realm: the decoder config with its description. */
export function ownMetadata(
  meta: EncodedVideoChunkMetadata | undefined,
): EncodedVideoChunkMetadata | undefined {
  const config = meta?.decoderConfig;
  if (!config) return meta === undefined ? undefined : {};
  const { description } = config;
  return {
    decoderConfig: {
      codec: config.codec,
      ...(config.codedWidth !== undefined ? { codedWidth: config.codedWidth } : {}),
      ...(config.codedHeight !== undefined ? { codedHeight: config.codedHeight } : {}),
      ...(config.displayAspectWidth !== undefined ? { displayAspectWidth: config.displayAspectWidth } : {}),
      ...(config.displayAspectHeight !== undefined
        ? { displayAspectHeight: config.displayAspectHeight }
        : {}),
      ...(config.colorSpace ? { colorSpace: { ...plainColorSpace(config.colorSpace) } } : {}),
      ...(description !== undefined ? { description: ownCopy(description) } : {}),
    },
  };
}

function plainColorSpace(space: VideoColorSpaceInit): VideoColorSpaceInit {
  return {
    ...(space.primaries != null ? { primaries: space.primaries } : {}),
    ...(space.transfer != null ? { transfer: space.transfer } : {}),
    ...(space.matrix != null ? { matrix: space.matrix } : {}),
    ...(space.fullRange != null ? { fullRange: space.fullRange } : {}),
  };
}
