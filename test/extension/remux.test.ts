import { describe, expect, it } from "vitest";
import { checkRecordedVideo } from "../../extension/content/capture/recording-format";
import { RemuxError, toTencentMp4 } from "../../extension/content/capture/remux";
import { probeVideo } from "../../shared/media/probe";
import { sniffVideoContainer } from "../../shared/media/sniff";
import { mediaFixture } from "./support";

/** The movie header's duration in seconds, read straight from mvhd (version 0), or 0. */
function mvhdSeconds(mp4: Uint8Array): number {
  const view = new DataView(mp4.buffer, mp4.byteOffset, mp4.byteLength);
  for (let i = 0; i + 24 < mp4.length; i++) {
    if (mp4[i] === 0x6d && mp4[i + 1] === 0x76 && mp4[i + 2] === 0x68 && mp4[i + 3] === 0x64) {
      return view.getUint32(i + 20) / view.getUint32(i + 16);
    }
  }
  return 0;
}

describe("toTencentMp4", () => {
  it("turns a fragmented MP4 (Chromium's MediaRecorder layout) into a regular MP4 with its true duration", async () => {
    const fragmented = mediaFixture("video-3s-fragmented.mp4");
    expect(mvhdSeconds(fragmented)).toBe(0);

    const { bytes, copied } = await toTencentMp4(fragmented);

    expect(copied).toBe(true);
    expect(sniffVideoContainer(bytes)).toBe("mp4");
    expect(mvhdSeconds(bytes)).toBeCloseTo(3, 1);
    expect(probeVideo(bytes).durationSeconds).toBeCloseTo(3, 1);
    expect(checkRecordedVideo(probeVideo(bytes), bytes.length, 10_000)).toBeNull();
  });

  it("copies the H.264 samples rather than re-encoding them", async () => {
    const fragmented = mediaFixture("video-3s-fragmented.mp4");
    const { bytes } = await toTencentMp4(fragmented);
    // Same samples, different boxes: the size stays within a few kilobytes of the input.
    expect(Math.abs(bytes.length - fragmented.length)).toBeLessThan(8 * 1024);
  });

  it("puts the movie header before the media data (fast start)", async () => {
    const { bytes } = await toTencentMp4(mediaFixture("video-3s-fragmented.mp4"));
    const text = new TextDecoder("latin1").decode(bytes.subarray(0, 64 * 1024));
    expect(text.indexOf("moov")).toBeGreaterThan(0);
    expect(text.indexOf("moov")).toBeLessThan(text.indexOf("mdat"));
  });

  it("keeps an already regular MP4 regular", async () => {
    const { bytes } = await toTencentMp4(mediaFixture("video-3s.mp4"));
    expect(probeVideo(bytes).durationSeconds).toBeCloseTo(3, 1);
  });

  it("says clearly when WebM cannot be converted because there is no H.264 encoder (no WebCodecs here)", async () => {
    const error = await toTencentMp4(mediaFixture("video-3s.webm")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RemuxError);
    expect((error as RemuxError).reason).toBe("conversion-unsupported");
    expect((error as RemuxError).message).toMatch(/H\.264/);
  });

  it("refuses bytes that are not a video", async () => {
    const error = await toTencentMp4(mediaFixture("not-media.txt")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RemuxError);
    expect((error as RemuxError).reason).toBe("unreadable");
  });
});
