/**
 * The benchmark's request bodies, made at run time from the real media fixtures: large media is a real file
 * padded to size (an MP4 gets a trailing `free` box, ISO/IEC 14496-12 §8.1.2; a JPEG gets bytes after its
 * end-of-image marker), so magic bytes and structure stay valid and nothing big is committed.
 */
import { readFileSync } from "node:fs";
import { MAX_BODY_BYTES, MAX_VIDEO_BASE64_BYTES } from "../shared/faceid/limits";

const MEDIA = new URL("../test/fixtures/media/", import.meta.url);

/**
 * The SdkToken the small workload reads. The gateway lets a read through to FaceID only for a token the calling
 * partner obtained through it, so the bench's stub hands out this token for every ApplyLivenessToken
 * (bench/stub-process.ts) and each gateway's partner obtains it through its gateway before any run
 * (bench/run.ts): every system then sends these same bytes, run after run.
 */
export const SMALL_SDK_TOKEN = "0f3c9a52-7d1e-4b8a-9c6f-2e5d8b1a4c70";

/** GetLivenessResult's parameters. */
export function smallBody(): Buffer {
  return Buffer.from(JSON.stringify({ SdkToken: SMALL_SDK_TOKEN }));
}

/** The largest raw video whose base64 fits Tencent's 8 MB limit exactly. */
export const MAX_RAW_VIDEO_BYTES = (MAX_VIDEO_BASE64_BYTES / 4) * 3;

export function paddedMp4(size: number): Buffer {
  const video = readFileSync(new URL("video-3s.mp4", MEDIA));
  const padding = size - video.length;
  if (padding < 8) throw new Error("an MP4 free box needs at least 8 bytes");
  const box = Buffer.alloc(padding);
  box.writeUInt32BE(padding, 0);
  box.write("free", 4, "latin1");
  return Buffer.concat([video, box]);
}

export function paddedJpeg(size: number): Buffer {
  const image = readFileSync(new URL("face.jpg", MEDIA));
  return Buffer.concat([image, Buffer.alloc(size - image.length)]);
}

/**
 * CompareFaceLiveness's parameters at the size limit: the video's base64 at its 8 MB maximum, the image's
 * filling the body to just under Tencent's 10 MB.
 */
export function largeBody(): Buffer {
  const head = '{"ImageBase64":"';
  const middle = '","VideoBase64":"';
  const tail = '","LivenessType":"SILENT"}';
  const videoBase64 = paddedMp4(MAX_RAW_VIDEO_BYTES).toString("base64");
  const room = MAX_BODY_BYTES - head.length - middle.length - tail.length - videoBase64.length - 64;
  const imageBase64 = paddedJpeg(Math.floor(room / 4) * 3).toString("base64");
  const body = Buffer.from(`${head}${imageBase64}${middle}${videoBase64}${tail}`, "latin1");
  if (body.length >= MAX_BODY_BYTES) throw new Error("the large body must stay under 10 MB");
  return body;
}

export const MULTIPART_BOUNDARY = "----faceid-edge-bench-7f3a9c";

/**
 * The REST dialect's compare upload at its limit: the largest video (6 MB raw, 8 MB once encoded) and a 1 MB
 * photo, as multipart/form-data.
 */
export function multipartBody(): Buffer {
  const video = paddedMp4(MAX_RAW_VIDEO_BYTES);
  const image = paddedJpeg(1_000_000);
  const part = (name: string, filename: string, type: string) =>
    Buffer.from(
      `--${MULTIPART_BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\n` +
        `Content-Type: ${type}\r\n\r\n`,
    );
  return Buffer.concat([
    part("video", "video.mp4", "video/mp4"),
    video,
    Buffer.from("\r\n"),
    part("image", "face.jpg", "image/jpeg"),
    image,
    Buffer.from(
      `\r\n--${MULTIPART_BOUNDARY}\r\nContent-Disposition: form-data; name="livenessType"\r\n\r\nSILENT\r\n` +
        `--${MULTIPART_BOUNDARY}--\r\n`,
    ),
  ]);
}
