// A real headless Firefox (Debian's firefox-esr, never a downloaded one) driven by puppeteer-core over
// WebDriver BiDi, with the built Firefox extension installed as a temporary add-on and Firefox's fake camera
// (a synthetic moving pattern: no face, which a SILENT or ACTION upload to the sandbox does not need).
import { join } from "node:path";
import puppeteer, { type Browser, type Page } from "puppeteer-core";
import { GECKO_ID } from "../../../extension/manifest";
import { ROOT } from "./browser";

const BUILT_EXTENSION = join(ROOT, "extension/dist/firefox");
/** Fixed, so the add-on's pages have a known moz-extension:// address (Firefox otherwise picks one at random). */
export const FIREFOX_EXTENSION_UUID = "6f1c2a4e-9b3d-4c5e-8f70-1a2b3c4d5e6f";
export const FIREFOX_EXTENSION_ORIGIN = `moz-extension://${FIREFOX_EXTENSION_UUID}`;

export interface FirefoxExtensionBrowser {
  browser: Browser;
  /** The running Firefox's own version string, e.g. "153.8.0". */
  version: string;
  close(): Promise<void>;
}

export async function launchFirefoxWithExtension(
  options: { prefs?: Record<string, unknown> } = {},
): Promise<FirefoxExtensionBrowser> {
  const browser = await puppeteer.launch({
    browser: "firefox",
    executablePath: process.env.FIREFOX_PATH ?? "/usr/bin/firefox-esr",
    headless: true,
    defaultViewport: { width: 1100, height: 820 },
    timeout: 60_000,
    protocolTimeout: 60_000,
    // Lets the session open the add-on's own moz-extension:// pages (the options page).
    args: ["--remote-allow-system-access"],
    extraPrefsFirefox: {
      // A fake camera that needs no device, granted without the permission prompt a person would answer.
      "media.navigator.streams.fake": true,
      "media.navigator.permission.disabled": true,
      // The options page's permissions.request for the gateway and the partner site is granted as a person
      // clicking Allow would grant it: the prompt is browser UI that no automation can answer.
      "extensions.webextOptionalPermissionPrompts": false,
      "extensions.webextensions.uuids": JSON.stringify({ [GECKO_ID]: FIREFOX_EXTENSION_UUID }),
      ...options.prefs,
    },
  });
  try {
    const id = await browser.installExtension(BUILT_EXTENSION);
    if (id !== GECKO_ID) throw new Error(`installed add-on ${id}, expected ${GECKO_ID}`);
    const version = (await browser.version()).replace(/^firefox\//i, "");
    return { browser, version, close: () => browser.close().catch(() => undefined) };
  } catch (error) {
    await browser.close().catch(() => undefined);
    throw error;
  }
}

/**
 * Opens one of the add-on's own pages (e.g. "options/options.html") in a new tab, once it has loaded. BiDi
 * reports no load event for moz-extension:// documents, so `goto` would wait in vain: the navigation is
 * started, and the page's own readiness is polled instead (an evaluation may meet the old document going away).
 */
export async function openAddonPage(browser: Browser, path: string): Promise<Page> {
  const page = await browser.newPage();
  const url = `${FIREFOX_EXTENSION_ORIGIN}/${path}`;
  void page.goto(url, { timeout: 5_000 }).catch(() => undefined);
  const deadline = Date.now() + 15_000;
  for (;;) {
    const loaded = await page
      .evaluate((wanted) => location.href === wanted && document.readyState === "complete", url)
      .catch(() => false);
    if (loaded) return page;
    if (Date.now() > deadline) throw new Error(`${url} did not load within 15 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
