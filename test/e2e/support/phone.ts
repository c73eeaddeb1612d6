// The customer's phone for a hand-off: a second headless Chromium, with no extension and its own fake camera
// (the committed fixture), in a phone-sized context. Nothing is shared with the agent's browser.
import { type Browser, type BrowserContext, chromium } from "playwright-core";
import { CAMERA_FIXTURE } from "./browser";

export interface Phone {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchPhone(): Promise<Phone> {
  const browser: Browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    timeout: 60_000,
    args: [
      "--use-fake-device-for-media-stream",
      // Answers the camera prompt with Allow, as the customer would.
      "--use-fake-ui-for-media-stream",
      `--use-file-for-fake-video-capture=${CAMERA_FIXTURE}`,
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
    ],
  });
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  return {
    context,
    async close() {
      await browser.close().catch(() => undefined);
    },
  };
}
