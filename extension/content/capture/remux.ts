/**
 * Turns what MediaRecorder produced into an MP4 that Tencent accepts and whose header states its real duration
 * (tencent-faceid.md §5):
 * - Chromium's fragmented MP4 (empty moov, duration 0) is remuxed: the H.264 samples are copied, not re-encoded;
 * - Firefox's WebM (VP8/VP9) is converted to H.264 through WebCodecs, when the browser can encode H.264.
 * Video only: an audio track would only add bytes.
 */

import {
  BufferSource,
  BufferTarget,
  Conversion,
  canEncodeVideo,
  Input,
  MP4,
  Mp4OutputFormat,
  Output,
  registerEncoder,
  WEBM,
} from "mediabunny";
import { t } from "../../ui/i18n";
import { ContentScriptH264Encoder, canEncodeH264 } from "./content-script-encoder";
import { describeCause } from "./error-cause";

// Once, as the module loads: Mediabunny then encodes H.264 through it wherever it converts (see its file).
registerEncoder(ContentScriptH264Encoder);

export type RemuxFailure = "unreadable" | "no-video" | "conversion-unsupported" | "failed";

export class RemuxError extends Error {
  override readonly name = "RemuxError";

  /** `cause`: the error underneath, whose class and message are kept in this one's message for debugging. */
  constructor(
    readonly reason: RemuxFailure,
    message: string,
    cause?: unknown,
  ) {
    super(cause === undefined ? message : `${message} (${describeCause(cause)})`, { cause });
  }
}

export interface RemuxedVideo {
  bytes: Uint8Array;
  /** True when the samples were copied (MP4 in); false when they were re-encoded (WebM in). */
  copied: boolean;
  /** How long the remux or conversion took, in milliseconds: its cost on this device. */
  elapsedMs: number;
}

export async function toTencentMp4(recording: Uint8Array): Promise<RemuxedVideo> {
  const startedAt = performance.now();
  const input = new Input({ source: new BufferSource(recording), formats: [MP4, WEBM] });
  let copied = true;
  try {
    const track = await input.getPrimaryVideoTrack().catch((error: unknown) => {
      throw new RemuxError("unreadable", t("remux_unreadable"), error);
    });
    if (!track) throw new RemuxError("no-video", t("remux_no_video"));
    copied = track.codec === "avc";
    if (!copied) {
      const width = await track.getDisplayWidth();
      const height = await track.getDisplayHeight();
      if (!(await canEncodeH264(width, height)) || !(await canEncodeVideo("avc", { width, height }))) {
        throw new RemuxError("conversion-unsupported", t("remux_no_h264_encoder"));
      }
    }
    const output = new Output({
      // In-memory fast start: moov (with the real duration) ahead of mdat, as the most tolerant parsers expect.
      format: new Mp4OutputFormat({ fastStart: "in-memory" }),
      target: new BufferTarget(),
    });
    const conversion = await Conversion.init({
      input,
      output,
      video: { codec: "avc" },
      audio: { discard: true },
      showWarnings: false,
    });
    if (!conversion.isValid) {
      const reasons = conversion.discardedTracks.map((discarded) => discarded.reason);
      const unsupported = reasons.some(
        (reason) => reason === "undecodable_source_codec" || reason === "no_encodable_target_codec",
      );
      throw new RemuxError(
        unsupported ? "conversion-unsupported" : "failed",
        unsupported
          ? t("remux_conversion_unsupported")
          : t("remux_failed", reasons.join(", ") || "no_usable_track"),
      );
    }
    await conversion.execute();
    const buffer = output.target.buffer;
    if (!buffer) throw new RemuxError("failed", t("remux_no_output"));
    const elapsedMs = Math.round(performance.now() - startedAt);
    // What the conversion costs on real devices is worth knowing; sizes and times only, never media.
    console.info(
      `FaceID Edge: ${copied ? "remuxed" : `converted ${track.codec} to H.264`}: ${(await track.computeDuration()).toFixed(2)} s of ${await track.getDisplayWidth()}×${await track.getDisplayHeight()} video, ${recording.length} → ${buffer.byteLength} bytes, in ${elapsedMs} ms`,
    );
    return { bytes: new Uint8Array(buffer), copied, elapsedMs };
  } catch (error) {
    if (error instanceof RemuxError) throw error;
    throw new RemuxError("failed", t("remux_failed", describeCause(error)));
  } finally {
    input.dispose();
  }
}
