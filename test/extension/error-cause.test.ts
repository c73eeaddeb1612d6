import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { describeCause } from "../../extension/content/capture/error-cause";
import { RemuxError, toTencentMp4 } from "../../extension/content/capture/remux";
import { mediaFixture } from "./support";

describe("describeCause", () => {
  it("gives an error's class and message", () => {
    expect(describeCause(new TypeError("description must be an ArrayBuffer"))).toBe(
      "TypeError: description must be an ArrayBuffer",
    );
  });

  it("reads an error of another realm, which is not `instanceof Error` here", () => {
    const foreign = runInNewContext(
      'new RangeError("Permission denied to access property \\"constructor\\"")',
    );
    expect(foreign instanceof Error).toBe(false);
    expect(describeCause(foreign)).toBe('RangeError: Permission denied to access property "constructor"');
  });

  it("reads a DOMException by its name", () => {
    expect(describeCause(new DOMException("Encoder closed", "InvalidStateError"))).toBe(
      "InvalidStateError: Encoder closed",
    );
  });

  it("gives anything else as text, and keeps a long message short", () => {
    expect(describeCause("codec gone")).toBe("codec gone");
    const long = describeCause(new Error("x".repeat(1000)));
    expect(long).toHaveLength(300);
    expect(long.endsWith("…")).toBe(true);
  });
});

describe("a remux failure keeps its cause", () => {
  it("names what the parser said, instead of only 'could not be read'", async () => {
    const error = (await toTencentMp4(mediaFixture("not-media.txt")).catch((e: unknown) => e)) as RemuxError;
    expect(error).toBeInstanceOf(RemuxError);
    expect(error.reason).toBe("unreadable");
    expect(error.message).toMatch(/^The recording could not be read as MP4 or WebM\. \(\w*Error: .+\)$/);
    expect(error.cause).toBeDefined();
  });
});
