/**
 * The files a finished liveness flow points at (and a reflection SDK's light sequence), served by the sandbox
 * at `/sandbox/files/<name>` the way Tencent serves BestFrame and Video from COS: a FileInfo `{Url, MD5, Size}`
 * whose MD5 is that of the bytes served (tencent-faceid.md §4). MD5 through workerd's Web Crypto, which supports it (browsers do not).
 */
import { decodeBase64 } from "../shared/base64";
import type { FileInfo } from "../shared/faceid/types";
import { toHex } from "../worker/tc3/digest";
import { SAMPLE_BEST_FRAME_JPEG_BASE64, SAMPLE_LIVENESS_VIDEO_MP4_BASE64 } from "./sample-media";
import { SANDBOX_HEADER, sandboxJson } from "./tencent-response";

export const FILES_PATH = "/sandbox/files/";

export type SampleFileName = "best-frame.jpg" | "liveness-video.mp4" | "reflect-sequence.json";

export interface SampleFile {
  bytes: Uint8Array;
  contentType: string;
}

export const SAMPLE_BEST_FRAME: SampleFile = {
  bytes: decodeBase64(SAMPLE_BEST_FRAME_JPEG_BASE64),
  contentType: "image/jpeg",
};

const FILES: Readonly<Record<SampleFileName, SampleFile>> = {
  "best-frame.jpg": SAMPLE_BEST_FRAME,
  "liveness-video.mp4": { bytes: decodeBase64(SAMPLE_LIVENESS_VIDEO_MP4_BASE64), contentType: "video/mp4" },
  // GenerateReflectSequence's light sequence: the reflection SDK's own format is Tencent's; this stand-in
  // says what it is, in colours and durations, so a developer who downloads it can read it.
  "reflect-sequence.json": {
    bytes: new TextEncoder().encode(
      JSON.stringify({
        sandbox: true,
        lights: [
          { color: "#ff0000", ms: 300 },
          { color: "#00ff00", ms: 300 },
          { color: "#0000ff", ms: 300 },
          { color: "#ffffff", ms: 300 },
        ],
      }),
    ),
    contentType: "application/json",
  },
};

/** `GET /sandbox/files/<name>`: the file's bytes, or 404. */
export function sampleFileResponse(name: string): Response {
  if (!Object.hasOwn(FILES, name)) {
    return sandboxJson({ error: { code: "not_found", message: "The sandbox has no such file." } }, 404);
  }
  const file = FILES[name as SampleFileName];
  return new Response(file.bytes, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Length": String(file.bytes.byteLength),
      "Cache-Control": "no-store",
      [SANDBOX_HEADER]: "1",
    },
  });
}

/** The FileInfo of a sample file as served from `origin` (the sandbox's own scheme, host and port). */
export async function sampleFileInfo(name: SampleFileName, origin: string): Promise<FileInfo> {
  const { bytes } = FILES[name];
  return {
    Url: new URL(FILES_PATH + name, origin).href,
    MD5: await md5Hex(bytes),
    Size: bytes.byteLength,
  };
}

/** Resolved digests only: a promise shared across requests is something workerd refuses to resolve. */
const md5s = new Map<Uint8Array, string>();

async function md5Hex(bytes: Uint8Array): Promise<string> {
  let md5 = md5s.get(bytes);
  if (md5 === undefined) {
    md5 = toHex(await crypto.subtle.digest("MD5", bytes));
    md5s.set(bytes, md5);
  }
  return md5;
}
