// Real media files made by ffmpeg (test/fixtures/media/README.md), read from disk for the Node-side tests.
import { readFileSync } from "node:fs";

export function mediaFixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../fixtures/media/${name}`, import.meta.url)));
}
