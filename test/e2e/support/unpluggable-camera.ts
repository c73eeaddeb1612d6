// A fake camera that can be unplugged. Chromium's file camera (--use-file-for-fake-video-capture) reads a
// Y4M clip frame by frame while it plays; when a read fails, the capture device reports an error and Chromium
// ends the video track, as it does when a real camera is unplugged (the track's `ended` event arrives about
// 50 ms after the cut here). Cutting the file short is that failure; writing it back lets the next
// getUserMedia open the camera again. Only Y4M was tried this way; the committed clips are MJPEG, so this
// camera writes a Y4M clip of its own.
import { mkdtemp, rm, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

const WIDTH = 320;
const HEIGHT = 240;
const FRAMES = 15;

export interface UnpluggableCamera {
  /** The clip's absolute path, for --use-file-for-fake-video-capture. */
  path: string;
  unplug(): Promise<void>;
  plugIn(): Promise<void>;
  remove(): Promise<void>;
}

export async function unpluggableCamera(): Promise<UnpluggableCamera> {
  const dir = await mkdtemp(join(tmpdir(), "faceid-edge-camera-"));
  const path = join(dir, "camera.y4m");
  const clip = movingGradientY4m();
  await writeFile(path, clip);
  return {
    path,
    // Keeps the header: the device fails on its next frame, not on a file it cannot parse.
    unplug: () => truncate(path, 64),
    plugIn: () => writeFile(path, clip),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** One second at 15 frames a second of a moving grey gradient, no face: YUV4MPEG2, 4:2:0, full range. */
function movingGradientY4m(): Buffer {
  const parts: Buffer[] = [Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F15:1 Ip A1:1 C420jpeg\n`)];
  for (let index = 0; index < FRAMES; index++) {
    const frame = Buffer.alloc((WIDTH * HEIGHT * 3) / 2, 128);
    for (let y = 0; y < HEIGHT; y++) {
      for (let x = 0; x < WIDTH; x++) frame[y * WIDTH + x] = (x + y + index * 8) & 0xff;
    }
    parts.push(Buffer.from("FRAME\n"), frame);
  }
  return Buffer.concat(parts);
}
