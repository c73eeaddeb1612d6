import { describe, expect, it, vi } from "vitest";
import { concatBytes } from "../../shared/bytes";
import { probeVideo } from "../../shared/media/probe";
import { fixtureBytes, type MediaFixture } from "../support/fixtures";

/** `ffprobe -v error -show_entries format=duration -of csv=p=0 FILE` on each fixture (ffmpeg 5.1). */
const FFPROBE_SECONDS = [
  ["video-3s.mp4", "mp4", 3.0],
  ["video-3s-fragmented.mp4", "mp4", 3.0],
  ["video-1500ms.mp4", "mp4", 1.534],
  ["video-3s.avi", "avi", 3.0],
  ["video-3s.flv", "flv", 3.0],
] as const;

describe("probeVideo on real files", () => {
  it.each(FFPROBE_SECONDS)("%s is %s lasting ffprobe's %s s (±0.1 s)", (name, container, seconds) => {
    const probe = probeVideo(fixtureBytes(name));
    expect(probe.container).toBe(container);
    expect(probe.durationSeconds).not.toBeNull();
    expect(Math.abs((probe.durationSeconds ?? 0) - seconds)).toBeLessThanOrEqual(0.1);
  });

  it("recognises WebM but does not time it", () => {
    expect(probeVideo(fixtureBytes("video-3s.webm"))).toEqual({ container: "webm", durationSeconds: null });
  });

  it.each(["face.jpg", "not-media.txt"] as const)("gives unknown and no duration for %s", (name) => {
    expect(probeVideo(fixtureBytes(name))).toEqual({ container: "unknown", durationSeconds: null });
  });

  it("reads a view into a larger buffer without looking outside it", () => {
    const video = fixtureBytes("video-3s.flv");
    const padded = new Uint8Array(video.length + 64);
    padded.set(video, 32);
    expect(probeVideo(padded.subarray(32, 32 + video.length)).durationSeconds).toBe(3);
  });
});

describe("probeVideo fallbacks", () => {
  it("times an FLV without onMetaData by its last tag plus one frame interval", () => {
    const seconds = probeVideo(withoutFlvScriptTag(fixtureBytes("video-3s.flv"))).durationSeconds;
    expect(Math.abs((seconds ?? 0) - 3.0)).toBeLessThanOrEqual(0.1);
  });

  it("times an AVI by avih when no video strh says how long it is", () => {
    const avi = fixtureBytes("video-3s.avi").slice();
    const strh = indexOfAscii(avi, "strh");
    avi.set(ascii("xxxx"), strh + 8); // the stream's fccType: no longer "vids"
    expect(probeVideo(avi).durationSeconds).toBeCloseTo(3.0, 3);
  });

  it("sums trun samples with trex's default duration when tfhd and trun carry none", () => {
    const mp4 = concat(
      box("ftyp", ascii("isom"), u32(0)),
      moovForTrack({ movieDuration: 0, timescale: 90_000, trexDefaultDuration: 3000 }),
      fragment({ sampleCount: 30 }),
      fragment({ sampleCount: 30 }),
    );
    expect(probeVideo(mp4)).toEqual({ container: "mp4", durationSeconds: 2 });
  });

  it("uses tfhd's default sample duration over trex's", () => {
    const mp4 = concat(
      box("ftyp", ascii("isom"), u32(0)),
      moovForTrack({ movieDuration: 0, timescale: 1000, trexDefaultDuration: 1 }),
      fragment({ sampleCount: 25, tfhdDefaultDuration: 100 }),
    );
    expect(probeVideo(mp4).durationSeconds).toBe(2.5);
  });

  it("reads mehd when mvhd says 0", () => {
    const mp4 = concat(
      box("ftyp", ascii("isom"), u32(0)),
      moovForTrack({ movieDuration: 0, timescale: 1000, trexDefaultDuration: 1, mehdDuration: 4200 }),
    );
    expect(probeVideo(mp4).durationSeconds).toBe(4.2);
  });

  it("walks past a 64-bit sized box and a to-the-end box", () => {
    const mdat64 = concat(u32(1), ascii("mdat"), u32(0), u32(16 + 4), u32(0xdeadbeef));
    const mp4 = concat(
      box("ftyp", ascii("isom"), u32(0)),
      mdat64,
      moovForTrack({ movieDuration: 0, timescale: 1000, trexDefaultDuration: 40 }),
      fragment({ sampleCount: 75 }),
      concat(u32(0), ascii("mdat"), new Uint8Array(100)),
    );
    expect(probeVideo(mp4).durationSeconds).toBe(3);
  });
});

describe("probeVideo on damaged input", () => {
  const names: MediaFixture[] = ["video-3s.mp4", "video-3s-fragmented.mp4", "video-3s.avi", "video-3s.flv"];

  it.each(names)("never throws on any prefix of %s", (name) => {
    const bytes = fixtureBytes(name);
    for (let length = 0; length < bytes.length; length += 97) {
      const probe = probeVideo(bytes.subarray(0, length));
      if (probe.durationSeconds !== null) expect(probe.durationSeconds).toBeGreaterThan(0);
    }
  });

  it("gives no duration for a regular MP4 cut before its moov", () => {
    const bytes = fixtureBytes("video-3s.mp4");
    expect(probeVideo(bytes.subarray(0, bytes.length / 2))).toEqual({
      container: "mp4",
      durationSeconds: null,
    });
  });

  it.each([
    ["empty", new Uint8Array(0)],
    ["a bare ftyp header", concat(u32(8), ascii("ftyp"))],
    ["a box claiming a size smaller than its header", concat(u32(3), ascii("ftyp"), u32(0))],
    ["an FLV header alone", concat(ascii("FLV"), new Uint8Array([1, 1, 0, 0, 0, 9]))],
    ["a RIFF AVI header alone", concat(ascii("RIFF"), u32(0), ascii("AVI "))],
    ["random bytes after an ftyp", concat(box("ftyp", ascii("isom")), pseudoRandom(4096))],
  ])("gives no duration for %s", (_, bytes) => {
    expect(probeVideo(bytes).durationSeconds).toBeNull();
  });

  it("reads headers only: the 8 MB after a video cost one box header, not a scan", () => {
    const video = fixtureBytes("video-3s-fragmented.mp4");
    const big = new Uint8Array(8 * 1024 * 1024);
    big.set(video);
    const alone = readsOf(video);
    expect(alone).toBeLessThan(video.length / 100);
    // The zeros after the video read as one box running to the end: its size and type.
    expect(readsOf(big)).toBe(alone + 2);
  });
});

/**
 * How many values probeVideo reads from its bytes: every read past the sniffed prefix goes through a DataView,
 * so counting its getters measures the work without a clock.
 */
function readsOf(bytes: Uint8Array): number {
  const getters = Object.getOwnPropertyNames(DataView.prototype).filter((name) =>
    name.startsWith("get"),
  ) as (keyof DataView & `get${string}`)[];
  const spies = getters.map((name) => vi.spyOn(DataView.prototype, name));
  try {
    probeVideo(bytes);
    return spies.reduce((reads, spy) => reads + spy.mock.calls.length, 0);
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}

// --- tiny ISO BMFF and byte builders, so each MP4 case states exactly the boxes it tests ---

function moovForTrack(options: {
  movieDuration: number;
  timescale: number;
  trexDefaultDuration: number;
  mehdDuration?: number;
}): Uint8Array {
  const mvhd = box("mvhd", u32(0), u32(0), u32(0), u32(1000), u32(options.movieDuration), new Uint8Array(80));
  const tkhd = box("tkhd", u32(3), u32(0), u32(0), u32(1), new Uint8Array(68));
  const mdhd = box("mdhd", u32(0), u32(0), u32(0), u32(options.timescale), u32(0), u32(0));
  const trex = box("trex", u32(0), u32(1), u32(1), u32(options.trexDefaultDuration), u32(0), u32(0));
  const mehd =
    options.mehdDuration === undefined ? new Uint8Array(0) : box("mehd", u32(0), u32(options.mehdDuration));
  return box("moov", mvhd, box("trak", tkhd, box("mdia", mdhd)), box("mvex", mehd, trex));
}

function fragment(options: { sampleCount: number; tfhdDefaultDuration?: number }): Uint8Array {
  const tfhd =
    options.tfhdDefaultDuration === undefined
      ? box("tfhd", u32(0x020000), u32(1))
      : box("tfhd", u32(0x020008), u32(1), u32(options.tfhdDefaultDuration));
  const trun = box("trun", u32(0), u32(options.sampleCount));
  return box("moof", box("mfhd", u32(0), u32(1)), box("traf", tfhd, trun));
}

function box(type: string, ...content: Uint8Array[]): Uint8Array {
  const body = concat(...content);
  return concat(u32(8 + body.length), ascii(type), body);
}

function u32(value: number): Uint8Array {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, value);
  return bytes;
}

function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (char) => char.charCodeAt(0));
}

function concat(...parts: Uint8Array[]): Uint8Array {
  return concatBytes(parts);
}

function indexOfAscii(bytes: Uint8Array, text: string): number {
  const needle = ascii(text);
  for (let i = 0; i + needle.length <= bytes.length; i++) {
    if (needle.every((value, j) => bytes[i + j] === value)) return i;
  }
  throw new Error(`${text} not found`);
}

/** The FLV with its first tag (onMetaData) removed: header, PreviousTagSize0, then the media tags. */
function withoutFlvScriptTag(flv: Uint8Array): Uint8Array {
  const view = new DataView(flv.buffer, flv.byteOffset, flv.byteLength);
  const firstTag = view.getUint32(5) + 4;
  expect(flv[firstTag]).toBe(18);
  const scriptSize = (view.getUint32(firstTag) & 0xffffff) + 11 + 4;
  return concat(flv.subarray(0, firstTag), flv.subarray(firstTag + scriptSize));
}

/** Deterministic noise (xorshift), so a failure reproduces. */
function pseudoRandom(length: number): Uint8Array {
  const out = new Uint8Array(length);
  let state = 0x9e3779b9;
  for (let i = 0; i < length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    out[i] = state & 0xff;
  }
  return out;
}
