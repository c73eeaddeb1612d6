// Real media files for workerd tests (made by ffmpeg: test/fixtures/media/README.md).
import { env } from "cloudflare:workers";
import { decodeBase64 } from "../../shared/base64";

export type MediaFixture =
  | "video-3s.mp4"
  | "video-3s-fragmented.mp4"
  | "video-1500ms.mp4"
  | "video-3s.avi"
  | "video-3s.flv"
  | "video-3s.webm"
  | "face.jpg"
  | "face.png"
  | "face.gif"
  | "not-media.txt";

export function fixtureBase64(name: MediaFixture): string {
  const base64 = env.MEDIA_FIXTURES[name];
  if (base64 === undefined) throw new Error(`no media fixture ${name}`);
  return base64;
}

export function fixtureBytes(name: MediaFixture): Uint8Array {
  return decodeBase64(fixtureBase64(name));
}
