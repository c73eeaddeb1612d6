import { describe, expect, it } from "vitest";
import {
  checkBase64,
  decodeBase64,
  decodeBase64Prefix,
  decodedLength,
  encodeBase64,
} from "../../shared/base64";
import { sniffImageType, sniffVideoContainer } from "../../shared/media/sniff";
import { fixtureBase64, fixtureBytes } from "../support/fixtures";

describe("sniffVideoContainer reads real files by magic bytes", () => {
  it.each([
    ["video-3s.mp4", "mp4"],
    ["video-3s-fragmented.mp4", "mp4"],
    ["video-3s.avi", "avi"],
    ["video-3s.flv", "flv"],
    ["video-3s.webm", "webm"],
    ["face.jpg", "unknown"],
    ["not-media.txt", "unknown"],
  ] as const)("%s is %s", (name, container) => {
    expect(sniffVideoContainer(fixtureBytes(name))).toBe(container);
  });
});

describe("sniffImageType reads real files by magic bytes", () => {
  it.each([
    ["face.jpg", "jpeg"],
    ["face.png", "png"],
    ["face.gif", "gif"],
    ["video-3s.mp4", "unknown"],
    ["not-media.txt", "unknown"],
  ] as const)("%s is %s", (name, type) => {
    expect(sniffImageType(fixtureBytes(name))).toBe(type);
  });
});

describe("base64", () => {
  it("round-trips real bytes and agrees with the platform's btoa", () => {
    const bytes = fixtureBytes("face.jpg");
    const encoded = encodeBase64(bytes);
    expect(encoded).toBe(fixtureBase64("face.jpg"));
    expect(decodeBase64(encoded)).toEqual(bytes);
    expect(decodedLength(encoded)).toBe(bytes.length);
  });

  it("decodes only the prefix it is asked for", () => {
    expect(decodeBase64Prefix(fixtureBase64("face.png"), 8)).toEqual(fixtureBytes("face.png").subarray(0, 8));
  });

  it.each([
    ["", "empty"],
    ["abc", "bad-length"],
    ["ab$d", "bad-character"],
    ["a=bc", "bad-padding"],
    ["data:image/png;base64,AAAAAA", "bad-character"],
    ["YWJj\nZGVm", "bad-length"],
  ])("rejects %j as %s", (text, problem) => {
    expect(checkBase64(text)).toBe(problem);
  });

  it("accepts padded and unpadded-length forms", () => {
    expect(checkBase64("YWJjZA==")).toBeUndefined();
    expect(checkBase64("YWJjZGU=")).toBeUndefined();
    expect(checkBase64("YWJjZGVm")).toBeUndefined();
  });
});
