// Reaches into the extension's overlay in Firefox, where there is no DevTools protocol to pierce its CLOSED
// shadow root (overlay-driver.ts does that in Chromium), and WebDriver BiDi's accessibility locator finds
// nothing in headless Firefox. Firefox gives add-on code `Element.openOrClosedShadowRoot`, so a second,
// test-only temporary add-on does: its content script mirrors the overlay (text, buttons and where they are
// drawn, the preview's frames) into an attribute of the page's root element, ten times a second. Clicks are
// real mouse clicks at those positions, trusted user gestures like a person's. The product add-on is not
// changed in any way for this.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "puppeteer-core";

const ATTRIBUTE = "data-test-overlay-probe";
const HOST = "faceid-edge-overlay";

interface ProbeButton {
  label: string;
  ariaLabel: string | null;
  disabled: boolean;
  x: number;
  y: number;
  drawn: boolean;
}

interface Snapshot {
  open: boolean;
  text: string;
  buttons: ProbeButton[];
  video: { readyState: number; width: number; height: number } | null;
}

/**
 * The probe add-on's content script, as plain JavaScript: it runs in Firefox, not through this file's compiler
 * (whose helpers it would not have).
 */
const PROBE_SCRIPT = `
const read = () => {
  const host = document.querySelector(${JSON.stringify(HOST)});
  const root = host ? host.openOrClosedShadowRoot : null;
  const dialog = root ? root.querySelector("dialog") : null;
  if (!root || !dialog) return { open: false, text: "", buttons: [], video: null };
  const video = root.querySelector("video");
  return {
    open: true,
    text: dialog.innerText,
    buttons: [...dialog.querySelectorAll("button")].map((button) => {
      const box = button.getBoundingClientRect();
      return {
        label: (button.textContent || "").trim(),
        ariaLabel: button.getAttribute("aria-label"),
        disabled: button.disabled,
        x: box.x + box.width / 2,
        y: box.y + box.height / 2,
        drawn: box.width > 0 && box.height > 0,
      };
    }),
    video: video ? { readyState: video.readyState, width: video.videoWidth, height: video.videoHeight } : null,
  };
};
setInterval(() => document.documentElement.setAttribute(${JSON.stringify(ATTRIBUTE)}, JSON.stringify(read())), 100);
`;

/**
 * Installs the probe add-on into `browser` for pages on loopback. Firefox reads a temporary add-on's files from
 * its folder while it runs: `remove` deletes the folder, after the browser has closed.
 */
export async function installOverlayProbe(browser: Browser): Promise<{ remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), "faceid-edge-overlay-probe-"));
  const remove = () => rm(dir, { recursive: true, force: true });
  try {
    const manifest = {
      manifest_version: 3,
      name: "FaceID Edge overlay probe (tests only)",
      version: "1.0",
      host_permissions: ["http://127.0.0.1/*"],
      content_scripts: [{ matches: ["http://127.0.0.1/*"], js: ["probe.js"], run_at: "document_idle" }],
      browser_specific_settings: { gecko: { id: "overlay-probe@faceid-edge.test" } },
    };
    await writeFile(join(dir, "manifest.json"), JSON.stringify(manifest));
    await writeFile(join(dir, "probe.js"), PROBE_SCRIPT);
    await browser.installExtension(dir);
    return { remove };
  } catch (error) {
    await remove();
    throw error;
  }
}

export class FirefoxOverlayDriver {
  constructor(private readonly page: Page) {}

  async isOpen(): Promise<boolean> {
    return (await this.snapshot()).open;
  }

  async text(): Promise<string> {
    return (await this.snapshot()).text;
  }

  async waitForText(expected: string | RegExp, timeoutMs = 30_000): Promise<string> {
    return this.waitFor(
      (snapshot) => {
        const matches =
          typeof expected === "string" ? snapshot.text.includes(expected) : expected.test(snapshot.text);
        return matches ? snapshot.text : null;
      },
      `overlay text ${expected}`,
      timeoutMs,
    );
  }

  async waitForClosed(timeoutMs = 15_000): Promise<void> {
    await this.waitFor((snapshot) => (snapshot.open ? null : true), "overlay to close", timeoutMs);
  }

  /** The preview's frame size, once camera frames arrive. */
  async waitForVideo(timeoutMs = 15_000): Promise<{ width: number; height: number }> {
    return this.waitFor(
      ({ video }) => (video && video.readyState >= 2 && video.width > 0 ? video : null),
      "camera frames in the preview",
      timeoutMs,
    );
  }

  /** Clicks the enabled button whose text or aria-label is `label`, with the mouse. */
  async clickButton(label: string): Promise<void> {
    const button = await this.waitFor(
      ({ buttons }) =>
        buttons.find((b) => (b.label === label || b.ariaLabel === label) && !b.disabled && b.drawn) ?? null,
      `button "${label}"`,
      15_000,
    );
    await this.page.mouse.click(button.x, button.y);
  }

  private async snapshot(): Promise<Snapshot> {
    const json = await this.page.evaluate(
      (attribute) => document.documentElement.getAttribute(attribute),
      ATTRIBUTE,
    );
    if (json === null) throw new Error("the overlay probe add-on is not running on this page");
    return JSON.parse(json) as Snapshot;
  }

  /** Polls the probe until `pick` returns a value, within a bounded time. */
  private async waitFor<T>(
    pick: (snapshot: Snapshot) => T | null,
    what: string,
    timeoutMs: number,
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let last = "";
    for (;;) {
      const snapshot = await this.snapshot().catch((error: unknown) => {
        last = String(error);
        return null;
      });
      const value = snapshot ? pick(snapshot) : null;
      if (value !== null) return value;
      if (Date.now() > deadline) {
        throw new Error(
          `timed out after ${timeoutMs} ms waiting for ${what}; overlay says: ${snapshot?.text ?? last}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
