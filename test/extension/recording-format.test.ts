import { describe, expect, it } from "vitest";
import {
  checkRecordedVideo,
  chooseRecordingFormat,
  describeRecordingProblem,
  MIN_RECORDED_SECONDS,
} from "../../extension/content/capture/recording-format";
import { probeVideo } from "../../shared/media/probe";
import { mediaFixture } from "./support";

describe("chooseRecordingFormat", () => {
  it("prefers H.264 in MP4, which Tencent takes after a remux", () => {
    expect(chooseRecordingFormat(() => true)).toEqual({
      mimeType: "video/mp4;codecs=avc1",
      container: "mp4",
    });
  });

  it("falls back to WebM where MP4 cannot be recorded (Firefox)", () => {
    const firefox = (type: string) => type.startsWith("video/webm");
    expect(chooseRecordingFormat(firefox)).toEqual({ mimeType: "video/webm;codecs=vp8", container: "webm" });
  });

  it("gives up when the browser records nothing usable", () => {
    expect(chooseRecordingFormat(() => false)).toBeNull();
  });
});

describe("checkRecordedVideo", () => {
  const image = mediaFixture("face.jpg").length;

  it("passes a regular 3-second MP4", () => {
    const video = mediaFixture("video-3s.mp4");
    expect(checkRecordedVideo(probeVideo(video), video.length, image)).toBeNull();
  });

  it("refuses a 1.5-second MP4: never under 2.5 s", () => {
    const video = mediaFixture("video-1500ms.mp4");
    expect(checkRecordedVideo(probeVideo(video), video.length, image)).toBe("too-short");
    expect(describeRecordingProblem("too-short")).toContain(String(MIN_RECORDED_SECONDS));
  });

  it("refuses WebM: Tencent accepts MP4, AVI and FLV only", () => {
    const video = mediaFixture("video-3s.webm");
    expect(checkRecordedVideo(probeVideo(video), video.length, image)).toBe("not-mp4");
  });

  it("refuses a video whose length cannot be read", () => {
    expect(checkRecordedVideo({ container: "mp4", durationSeconds: null }, 1000, image)).toBe(
      "duration-unknown",
    );
  });

  it("refuses a video over 8 MB as base64", () => {
    expect(checkRecordedVideo({ container: "mp4", durationSeconds: 5 }, 6_300_000, image)).toBe(
      "video-too-large",
    );
  });

  it("refuses a reference photo over 3 MB as base64", () => {
    expect(checkRecordedVideo({ container: "mp4", durationSeconds: 5 }, 300_000, 2_400_000)).toBe(
      "image-too-large",
    );
  });

  it("refuses a pair that together exceeds Tencent's 10 MB body", () => {
    expect(checkRecordedVideo({ container: "mp4", durationSeconds: 5 }, 6_000_000, 2_300_000)).toBe(
      "body-too-large",
    );
  });
});
