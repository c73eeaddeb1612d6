// The outcome marker that tests and tools put in a reference image to ask the sandbox for an outcome.
import { describe, expect, it } from "vitest";
import { crc32 } from "../../sandbox/crc32";
import { imageDimensions, jpegSegments, pngChunks } from "../../sandbox/image-structure";
import { readSandboxOutcome, withSandboxOutcome } from "../../sandbox/outcome-marker";
import { sniffImageType } from "../../shared/media/sniff";
import { fixtureBytes } from "../support/fixtures";

const CODE = "FailedOperation.CompareLowSimilarity";

describe("withSandboxOutcome", () => {
  it.each(["face.jpg", "face.png"] as const)("marks %s so that the sandbox reads the code back", (name) => {
    expect(readSandboxOutcome(withSandboxOutcome(fixtureBytes(name), CODE))).toBe(CODE);
  });

  it.each([
    ["face.jpg", "jpeg", { width: 240, height: 320 }],
    ["face.png", "png", { width: 120, height: 160 }],
  ] as const)("leaves %s a valid %s of the same size", (name, type, size) => {
    const marked = withSandboxOutcome(fixtureBytes(name), CODE);
    expect(sniffImageType(marked)).toBe(type);
    expect(imageDimensions(marked, type)).toEqual(size);
  });

  it("puts the JPEG comment after the JFIF APP0 segment, which must come first", () => {
    const segments = [...jpegSegments(withSandboxOutcome(fixtureBytes("face.jpg"), CODE))];
    expect(segments[0]?.kind).toBe(0xe0);
    expect(segments[1]?.kind).toBe(0xfe);
  });

  it("writes a PNG tEXt chunk with a correct CRC right after IHDR", () => {
    const marked = withSandboxOutcome(fixtureBytes("face.png"), CODE);
    const [ihdr, text] = [...pngChunks(marked)];
    expect(ihdr?.kind).toBe("IHDR");
    expect(text?.kind).toBe("tEXt");
    if (!text) return;
    const stored = new DataView(marked.buffer, marked.byteOffset).getUint32(text.end);
    expect(crc32(marked.subarray(text.offset + 4, text.end))).toBe(stored);
    expect(String.fromCharCode(...marked.subarray(text.start, text.end))).toBe(
      `Comment\u0000faceid-sandbox-outcome=${CODE}`,
    );
  });

  it("does not change the bytes it was given", () => {
    const original = fixtureBytes("face.png");
    const copy = original.slice();
    withSandboxOutcome(original, CODE);
    expect(original).toEqual(copy);
  });

  it("lets a later marker win", () => {
    const twice = withSandboxOutcome(withSandboxOutcome(fixtureBytes("face.jpg"), CODE), "Success");
    expect(readSandboxOutcome(twice)).toBe("Success");
  });

  it("refuses images other than JPEG and PNG", () => {
    expect(() => withSandboxOutcome(fixtureBytes("face.gif"), CODE)).toThrow(RangeError);
  });

  it("refuses a code that is not a plain code", () => {
    expect(() => withSandboxOutcome(fixtureBytes("face.jpg"), "Success\nX")).toThrow(RangeError);
    expect(() => withSandboxOutcome(fixtureBytes("face.jpg"), "")).toThrow(RangeError);
  });
});

describe("readSandboxOutcome", () => {
  it.each(["face.jpg", "face.png", "face.gif", "video-3s.mp4"] as const)(
    "finds no marker in the plain %s",
    (name) => {
      expect(readSandboxOutcome(fixtureBytes(name))).toBeUndefined();
    },
  );

  it("ignores other comments", () => {
    // face.jpg already carries ffmpeg's own COM segment ("Lavc..."): only the marker's prefix counts.
    const segments = [...jpegSegments(fixtureBytes("face.jpg"))];
    expect(segments.some((segment) => segment.kind === 0xfe)).toBe(true);
    expect(readSandboxOutcome(fixtureBytes("face.jpg"))).toBeUndefined();
  });

  it("does not throw on truncated images", () => {
    const marked = withSandboxOutcome(fixtureBytes("face.png"), CODE);
    for (let length = 0; length < 200; length++)
      expect(() => readSandboxOutcome(marked.subarray(0, length))).not.toThrow();
  });
});
