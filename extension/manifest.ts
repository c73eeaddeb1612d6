/**
 * The extension's manifest for each browser, from one source. Built into `dist/<browser>/manifest.json` by
 * scripts/build-extension.mjs.
 *
 * Permissions are the minimum: `storage` (settings, history), `scripting` (content script registered at run
 * time for the enabled partner sites only) and `alarms` (history entries are deleted on time even when nobody
 * opens the popup). The upload needs none: the content script sends it as the partner's page would.
 * No host is granted at install: the Worker and each partner site are optional host permissions that the
 * options page requests when the agent saves them.
 */

import { DETECTOR_PAGE } from "./detector/detector-protocol";

export type BrowserTarget = "chrome" | "firefox";

export const GECKO_ID = "faceid-edge@faceid-edge.dev";

/**
 * Extension pages run only their own scripts and styles, and may compile WebAssembly ('wasm-unsafe-eval',
 * which allows no eval of text): the face detector's page runs its model on onnxruntime-web's WebAssembly.
 * Images may come from the Worker's best-frame URLs (Tencent's storage is https; the local sandbox is loopback
 * http); requests go to the Worker the agent set.
 */
export const EXTENSION_PAGES_CSP = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: https: http://127.0.0.1:* http://localhost:*",
  "connect-src https: http://127.0.0.1:* http://localhost:*",
  "media-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

/** https sites, plus loopback http for the local stack; a Worker or a partner site must be one of these. */
export const OPTIONAL_HOST_PERMISSIONS = ["https://*/*", "http://127.0.0.1/*", "http://localhost/*"];

const ICONS = {
  "16": "icons/icon-16.png",
  "32": "icons/icon-32.png",
  "48": "icons/icon-48.png",
  "128": "icons/icon-128.png",
};

export function buildManifest(target: BrowserTarget, version: string): Record<string, unknown> {
  const common = {
    manifest_version: 3,
    // Texts from _locales/ in the browser's language (English where it has none).
    name: "__MSG_extension_name__",
    short_name: "__MSG_extension_name__",
    version,
    description: "__MSG_extension_description__",
    default_locale: "en",
    icons: ICONS,
    action: {
      default_title: "__MSG_extension_name__",
      default_popup: "popup/popup.html",
      default_icon: ICONS,
    },
    options_ui: { page: "options/options.html", open_in_tab: true },
    permissions: ["storage", "scripting", "alarms"],
    optional_host_permissions: OPTIONAL_HOST_PERMISSIONS,
    content_security_policy: { extension_pages: EXTENSION_PAGES_CSP },
    // The capture overlay embeds the face detector's page (extension/detector/) on the partner sites.
    web_accessible_resources: [{ resources: [DETECTOR_PAGE], matches: OPTIONAL_HOST_PERMISSIONS }],
  };
  if (target === "chrome") {
    return {
      ...common,
      // MediaRecorder records H.264 MP4 from Chrome 126 (tencent-faceid.md §5).
      minimum_chrome_version: "126",
      background: { service_worker: "background.js" },
    };
  }
  return {
    ...common,
    // An event page: Firefox has no MV3 service worker for extensions.
    background: { scripts: ["background.js"] },
    browser_specific_settings: {
      gecko: {
        id: GECKO_ID,
        // Built-in data-collection consent (Firefox 140+): the face video and the photo leave the browser.
        strict_min_version: "140.0",
        data_collection_permissions: { required: ["personallyIdentifyingInfo", "websiteContent"] },
      },
    },
  };
}
