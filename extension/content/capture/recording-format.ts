/**
 * What the recorder produces and what may be uploaded: the MediaRecorder format to ask for, and the checks a
 * finished video must pass before it costs a billable Tencent call. Pure: the browser's answers are passed in.
 */

import {
  base64Length,
  MAX_BODY_BYTES,
  MAX_IMAGE_BASE64_BYTES,
  MAX_VIDEO_BASE64_BYTES,
} from "../../../shared/faceid/limits";
import type { VideoProbe } from "../../../shared/media/probe";
import { t } from "../../ui/i18n";

export interface RecordingFormat {
  mimeType: string;
  /** MP4 from Chromium (fragmented, remuxed afterwards); WebM elsewhere (converted to H.264 MP4). */
  container: "mp4" | "webm";
}

/** In order of preference: H.264 in MP4 is what Tencent takes, so it only needs a remux (tencent-faceid.md §5). */
export const RECORDING_MIME_TYPES: readonly RecordingFormat[] = [
  { mimeType: "video/mp4;codecs=avc1", container: "mp4" },
  { mimeType: "video/mp4;codecs=avc1.42E01E", container: "mp4" },
  { mimeType: "video/mp4", container: "mp4" },
  { mimeType: "video/webm;codecs=vp8", container: "webm" },
  { mimeType: "video/webm;codecs=vp9", container: "webm" },
  { mimeType: "video/webm", container: "webm" },
];

/** About 300 KB for 5 s: far below Tencent's limits, and enough detail for a face at 640×480. */
export const VIDEO_BITS_PER_SECOND = 500_000;
export const VIDEO_WIDTH = 640;
export const VIDEO_HEIGHT = 480;
export const VIDEO_FRAME_RATE = 24;

export const MIN_RECORDED_SECONDS = 2.5;
/** The longest plan is 6 s; anything much longer means the recorder misbehaved. */
export const MAX_RECORDED_SECONDS = 10;
/** Room in the Worker's JSON body for everything but the two base64 fields. */
const JSON_OVERHEAD_BYTES = 4096;

export function chooseRecordingFormat(
  isTypeSupported: (mimeType: string) => boolean,
): RecordingFormat | null {
  return RECORDING_MIME_TYPES.find((format) => isTypeSupported(format.mimeType)) ?? null;
}

export type RecordingProblem =
  | "not-mp4"
  | "duration-unknown"
  | "too-short"
  | "too-long"
  | "video-too-large"
  | "image-too-large"
  | "body-too-large";

/** The first reason the video (with its reference image) cannot be sent, or null when it can. */
export function checkRecordedVideo(
  probe: VideoProbe,
  videoBytes: number,
  imageBytes: number,
): RecordingProblem | null {
  if (probe.container !== "mp4") return "not-mp4";
  if (probe.durationSeconds === null) return "duration-unknown";
  if (probe.durationSeconds < MIN_RECORDED_SECONDS) return "too-short";
  if (probe.durationSeconds > MAX_RECORDED_SECONDS) return "too-long";
  const video = base64Length(videoBytes);
  const image = base64Length(imageBytes);
  if (video > MAX_VIDEO_BASE64_BYTES) return "video-too-large";
  if (image > MAX_IMAGE_BASE64_BYTES) return "image-too-large";
  // The Worker sends both as base64 in one JSON body, which Tencent caps at 10 MB.
  if (video + image + JSON_OVERHEAD_BYTES > MAX_BODY_BYTES) return "body-too-large";
  return null;
}

export function describeRecordingProblem(problem: RecordingProblem): string {
  switch (problem) {
    case "not-mp4":
      return t("recording_not_mp4");
    case "duration-unknown":
      return t("recording_length_unknown");
    case "too-short":
      return t("recording_too_short", MIN_RECORDED_SECONDS);
    case "too-long":
      return t("recording_too_long", MAX_RECORDED_SECONDS);
    case "video-too-large":
      return t("recording_video_too_large");
    case "image-too-large":
      return t("recording_photo_too_large");
    case "body-too-large":
      return t("recording_request_too_large");
  }
}
