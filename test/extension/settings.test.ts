import { describe, expect, it } from "vitest";
import {
  DEFAULT_SETTINGS,
  normalizeSiteOrigin,
  normalizeWorkerUrl,
  originPermissionPattern,
  sanitizeSettings,
} from "../../extension/settings/settings";

describe("normalizeWorkerUrl", () => {
  it.each([
    ["https://faceid-edge.example.workers.dev/", "https://faceid-edge.example.workers.dev"],
    ["  https://gw.example/faceid/  ", "https://gw.example/faceid"],
    ["http://127.0.0.1:8787", "http://127.0.0.1:8787"],
    ["http://localhost:8787/", "http://localhost:8787"],
  ])("accepts %s as %s", (text, url) => {
    expect(normalizeWorkerUrl(text)).toEqual({ ok: true, value: url });
  });

  it.each([
    ["", "empty"],
    ["gateway", "not-a-url"],
    ["http://gw.example", "insecure"],
    ["ftp://gw.example", "not-a-url"],
    ["https://user:pass@gw.example", "has-credentials"],
    ["https://gw.example/?key=1", "has-query"],
  ])("refuses %j (%s)", (text, problem) => {
    expect(normalizeWorkerUrl(text)).toEqual({ ok: false, problem });
  });
});

describe("normalizeSiteOrigin", () => {
  it("keeps the origin and drops the path", () => {
    expect(normalizeSiteOrigin("https://kyc.partner.example/onboarding?step=2")).toEqual({
      ok: true,
      value: "https://kyc.partner.example",
    });
  });

  it("keeps a non-default port: origins differ by port", () => {
    expect(normalizeSiteOrigin("http://127.0.0.1:5173/")).toEqual({
      ok: true,
      value: "http://127.0.0.1:5173",
    });
  });
});

describe("originPermissionPattern", () => {
  it("asks for the host without a port (Firefox patterns have none; Chrome's then cover every port)", () => {
    expect(originPermissionPattern("https://kyc.partner.example")).toBe("https://kyc.partner.example/*");
    expect(originPermissionPattern("http://127.0.0.1:8787")).toBe("http://127.0.0.1/*");
  });
});

describe("sanitizeSettings", () => {
  it("gives the defaults for nothing stored", () => {
    expect(sanitizeSettings(undefined)).toEqual(DEFAULT_SETTINGS);
  });

  it("repairs every field of a damaged or older shape", () => {
    expect(
      sanitizeSettings({
        workerUrl: "http://evil.example",
        partnerSites: ["https://a.example/x", "https://a.example", 7, "nonsense"],
        cameraLabel: "",
        recordingSeconds: 60,
        countdownSeconds: -2,
      }),
    ).toEqual({
      workerUrl: null,
      partnerSites: ["https://a.example"],
      cameraLabel: null,
      recordingSeconds: 6,
      countdownSeconds: 0,
    });
  });
});
