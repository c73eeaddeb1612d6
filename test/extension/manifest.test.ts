import { describe, expect, it } from "vitest";
import { buildManifest, GECKO_ID } from "../../extension/manifest";

describe("buildManifest", () => {
  const chrome = buildManifest("chrome", "1.2.3");
  const firefox = buildManifest("firefox", "1.2.3");

  it("asks for no host at install: the Worker and the partner sites are optional, granted at run time", () => {
    for (const manifest of [chrome, firefox]) {
      expect(manifest.host_permissions).toBeUndefined();
      expect(manifest.content_scripts).toBeUndefined();
      expect(manifest.optional_host_permissions).toEqual([
        "https://*/*",
        "http://127.0.0.1/*",
        "http://localhost/*",
      ]);
    }
  });

  it("keeps API permissions to the minimum: the upload needs none (the content script sends it)", () => {
    expect(chrome.permissions).toEqual(["storage", "scripting", "alarms"]);
    expect(firefox.permissions).toEqual(["storage", "scripting", "alarms"]);
  });

  it("runs only its own scripts on its pages, and compiles WebAssembly but never evaluates text", () => {
    const csp = (chrome.content_security_policy as { extension_pages: string }).extension_pages;
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval';");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/'unsafe-(eval|inline)'/);
  });

  it("lets partner sites embed the face detector's page and nothing else of the extension", () => {
    for (const manifest of [chrome, firefox]) {
      expect(manifest.web_accessible_resources).toEqual([
        {
          resources: ["detector/detector.html"],
          matches: ["https://*/*", "http://127.0.0.1/*", "http://localhost/*"],
        },
      ]);
    }
  });

  it("uses a service worker on Chrome and an event page with a gecko id on Firefox", () => {
    expect(chrome.background).toEqual({ service_worker: "background.js" });
    expect(firefox.background).toEqual({ scripts: ["background.js"] });
    expect(firefox.browser_specific_settings).toMatchObject({ gecko: { id: GECKO_ID } });
    expect(chrome.browser_specific_settings).toBeUndefined();
  });

  it("carries the package version", () => {
    expect(chrome.version).toBe("1.2.3");
  });
});
