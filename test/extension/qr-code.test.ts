import jsQR from "jsqr";
import { describe, expect, it } from "vitest";
import {
  QUIET_ZONE_MODULES,
  qrModulesOf,
  qrPixelsOf,
  qrScaleFor,
} from "../../extension/content/handoff/qr-code";

// The shape of the gateway's hand-off links: `<gateway>/h/<8-character code>`.
const LINKS = [
  "http://127.0.0.1:8787/h/K7QM3XTD",
  "https://faceid.edge.example.com/h/ABCDEFGH",
  "https://faceid-edge.partner-operations.example.co.uk:8443/h/Z2Y3X4W5",
];

describe("the hand-off QR code", () => {
  it.each(LINKS)("holds %s: the pixels the overlay draws decode back to the link", (link) => {
    const modules = qrModulesOf(link);
    const pixels = qrPixelsOf(modules, qrScaleFor(modules, 200));
    const decoded = jsQR(pixels.data, pixels.width, pixels.height, { inversionAttempts: "dontInvert" });
    expect(decoded?.data).toBe(link);
  });

  it("has the spec's quiet zone of 4 light modules on every side", () => {
    const { size, dark } = qrModulesOf(LINKS[0] ?? "");
    for (let i = 0; i < size; i++) {
      for (let edge = 0; edge < QUIET_ZONE_MODULES; edge++) {
        expect([
          dark[edge]?.[i],
          dark[size - 1 - edge]?.[i],
          dark[i]?.[edge],
          dark[i]?.[size - 1 - edge],
        ]).toEqual([false, false, false, false]);
      }
    }
  });

  it("stays a small version for a gateway link, so a phone reads it from a screen", () => {
    // Version 3 is 29 modules; with the quiet zone, 37.
    expect(qrModulesOf(LINKS[0] ?? "").size).toBeLessThanOrEqual(37);
  });

  it("draws whole pixels per module, within the size asked, black on white and opaque", () => {
    const modules = qrModulesOf(LINKS[0] ?? "");
    const scale = qrScaleFor(modules, 200);
    const pixels = qrPixelsOf(modules, scale);
    expect(pixels.width).toBe(modules.size * scale);
    expect(pixels.width).toBeLessThanOrEqual(200);
    expect(pixels.data.length).toBe(pixels.width * pixels.height * 4);
    expect(new Set(pixels.data.filter((_, i) => i % 4 !== 3))).toEqual(new Set([0, 255]));
    expect(pixels.data.filter((_, i) => i % 4 === 3).every((alpha) => alpha === 255)).toBe(true);
  });
});
