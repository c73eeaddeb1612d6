import { describe, expect, it } from "vitest";
import { classifySender } from "../../extension/background/sender";

const EXTENSION = { id: "abcdefghijklmnop", origin: "chrome-extension://abcdefghijklmnop/" };
const SITES = ["https://kyc.partner.example"];

describe("classifySender", () => {
  it("recognises the extension's own pages", () => {
    const options = {
      id: EXTENSION.id,
      url: "chrome-extension://abcdefghijklmnop/options/options.html",
      tab: { id: 3 },
    };
    expect(classifySender(options, EXTENSION, SITES)).toEqual({ kind: "extension-page" });
  });

  it("recognises the content script in the top frame of an enabled partner page", () => {
    const sender = {
      id: EXTENSION.id,
      url: "https://kyc.partner.example/step/2",
      origin: "https://kyc.partner.example",
      frameId: 0,
      tab: { id: 7 },
    };
    expect(classifySender(sender, EXTENSION, SITES)).toEqual({
      kind: "content",
      origin: "https://kyc.partner.example",
      tabId: 7,
      enabled: true,
    });
  });

  it("marks a page on another origin (another port of the same host) as not enabled", () => {
    const sender = { id: EXTENSION.id, url: "https://kyc.partner.example:8443/", frameId: 0, tab: { id: 7 } };
    expect(classifySender(sender, EXTENSION, SITES)).toMatchObject({ kind: "content", enabled: false });
  });

  it("answers nobody in a frame", () => {
    const sender = { id: EXTENSION.id, url: "https://kyc.partner.example/frame", frameId: 4, tab: { id: 7 } };
    expect(classifySender(sender, EXTENSION, SITES)).toEqual({ kind: "unknown" });
  });

  it("answers nobody whose document origin differs from its URL (sandboxed or about:blank documents)", () => {
    const sender = {
      id: EXTENSION.id,
      url: "https://kyc.partner.example/",
      origin: "null",
      frameId: 0,
      tab: { id: 7 },
    };
    expect(classifySender(sender, EXTENSION, SITES)).toEqual({ kind: "unknown" });
  });

  it("answers no other extension", () => {
    const sender = { id: "someone-else", url: "chrome-extension://someone-else/page.html" };
    expect(classifySender(sender, EXTENSION, SITES)).toEqual({ kind: "unknown" });
  });
});
