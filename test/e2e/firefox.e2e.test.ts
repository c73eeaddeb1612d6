// The Firefox build of the extension end to end, in Debian's headless firefox-esr (FIREFOX_PATH, default
// /usr/bin/firefox-esr) driven by puppeteer-core over WebDriver BiDi, against the real local stack: installed as
// a temporary add-on, configured through its options page as an agent would, then asked for captures by a
// partner page through the page protocol, with Firefox's fake camera (a synthetic pattern, no face: the sandbox
// needs none). Firefox records WebM (VP8) only; the extension converts it to H.264 MP4 in the browser, and the
// test checks the bytes the gateway received. Screenshots go to test-results/e2e/.
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withSandboxOutcome } from "../../sandbox/outcome-marker";
import { encodeBase64 } from "../../shared/base64";
import { probeVideo } from "../../shared/media/probe";
import { sniffVideoContainer } from "../../shared/media/sniff";
import type { CaptureErrorMessage, CaptureResultMessage, ReadyMessage } from "../../shared/page-protocol";
import { COMPARE_FORM_FIELDS, REST_PATHS } from "../../shared/rest/api";
import { type LocalStack, startLocalStack } from "../support/local-stack";
import { ROOT } from "./support/browser";
import { type FirefoxExtensionBrowser, launchFirefoxWithExtension, openAddonPage } from "./support/firefox";
import { measureConversionBundleBytes } from "./support/firefox-bundle-cost";
import { type GatewayTap, startGatewayTap } from "./support/firefox-gateway-tap";
import { FirefoxOverlayDriver, installOverlayProbe } from "./support/firefox-overlay-driver";
import { startPartnerSite, type TestSite } from "./support/partner-site";

/**
 * Firefox's fake camera draws a pattern with no face, so the face checks (which do run here: the detector's
 * frame loads in Firefox too) refuse it, and the agent overrides them as an agent would for a real camera.
 */
const RECORD_ANYWAY = "Record anyway";
const SCREENSHOTS = join(ROOT, "test-results/e2e");
const RECORDING_SECONDS = 3;

type PageMessage = ReadyMessage | CaptureResultMessage | CaptureErrorMessage;
interface TestWindow {
  faceid: { messages: PageMessage[] };
  requestCapture(fields: Record<string, unknown>): void;
}

let stack: LocalStack;
let tap: GatewayTap;
let partnerSite: TestSite;
/** A partner page whose CSP does not name the gateway (connect-src 'self' only). */
let strictSite: TestSite;
let agentKey: string;
let firefox: FirefoxExtensionBrowser;
let probe: { remove(): Promise<void> } | undefined;
/** What the extension logged about each conversion (times and sizes only). */
const conversions: string[] = [];

beforeAll(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
  stack = await startLocalStack();
  tap = await startGatewayTap(stack.gatewayUrl);
  // Firefox holds a content script's requests to the page's CSP: the partner allows its gateway.
  partnerSite = await startPartnerSite({ connectSrc: tap.url });
  strictSite = await startPartnerSite();
  const partner = await stack.createPartner({
    name: "Acme Bank",
    origins: [partnerSite.origin, strictSite.origin],
  });
  agentKey = await stack.createAgentKey(partner.partnerId, "firefox agent");
  firefox = await launchFirefoxWithExtension();
  probe = await installOverlayProbe(firefox.browser);
  await configureThroughOptionsPage(firefox);
});

afterAll(async () => {
  await firefox?.close();
  await probe?.remove();
  await Promise.all([stack?.stop(), partnerSite?.close(), strictSite?.close(), tap?.close()]);
});

describe("the Firefox build in firefox-esr", () => {
  it("runs a SILENT capture with the reference image read from the page by URL, and uploads H.264 MP4", async () => {
    expect(Number.parseInt(firefox.version, 10)).toBeGreaterThanOrEqual(140);
    const page = await openPartnerPage();
    const overlay = new FirefoxOverlayDriver(page);
    await page.evaluate(() =>
      (window as unknown as TestWindow).requestCapture({
        id: "ff-silent",
        livenessType: "SILENT",
        referenceImage: "#id-photo",
      }),
    );
    await overlay.waitForText("Position your face in the oval");
    const frame = await overlay.waitForVideo();
    expect(frame.width).toBeGreaterThan(0);
    await page.screenshot({ path: join(SCREENSHOTS, "firefox-overlay-ready.png") });
    const uploadsBefore = compareUploads().length;
    await overlay.clickButton(RECORD_ANYWAY);
    await overlay.waitForText(/Recording · \d s left/);

    const verdict = await waitForMessage(page, "ff-silent", 90_000);
    expect(verdict).toMatchObject({
      type: "faceid-edge:capture-result",
      id: "ff-silent",
      passed: true,
      result: "Success",
    });
    expect((verdict as CaptureResultMessage).tencentRequestId).toMatch(/^sandbox-/);

    // The gateway received exactly one upload: an MP4 (ftyp first) of H.264 with its true duration, and the
    // page's own reference photo, read in the content script's realm (the failure this test guards against).
    const uploads = compareUploads().slice(uploadsBefore);
    expect(uploads).toHaveLength(1);
    const [upload] = uploads;
    if (!upload) throw new Error("no upload");
    expect(upload.status).toBe(200);
    expect(upload.headers.origin).toBe(partnerSite.origin);
    const video = await tap.part(upload, COMPARE_FORM_FIELDS.video);
    expect(new TextDecoder("latin1").decode(video.subarray(4, 8))).toBe("ftyp");
    expect(sniffVideoContainer(video)).toBe("mp4");
    expect(new TextDecoder("latin1").decode(video)).toContain("avcC");
    expect(probeVideo(video).durationSeconds).toBeCloseTo(RECORDING_SECONDS, 0);
    const image = await tap.part(upload, COMPARE_FORM_FIELDS.image);
    expect(Buffer.from(image).equals(await readFile(join(ROOT, "test/fixtures/camera/reference.jpg")))).toBe(
      true,
    );
    expect((verdict as CaptureResultMessage).verdictToken).toBe(
      (JSON.parse(upload.answer) as { verdictToken?: string }).verdictToken,
    );

    await overlay.waitForText("Verified");
    await page.screenshot({ path: join(SCREENSHOTS, "firefox-verdict-pass.png") });
    await overlay.clickButton("Done");
    await overlay.waitForClosed();
    await page.close();
  });

  it("runs an ACTION capture with a data-URL reference, by keyboard, and hands the sandbox's failing verdict to the page", async () => {
    const page = await openPartnerPage();
    const overlay = new FirefoxOverlayDriver(page);
    const reference = await readFile(join(ROOT, "test/fixtures/camera/reference.jpg"));
    const marked = withSandboxOutcome(new Uint8Array(reference), "FailedOperation.CompareLowSimilarity");
    await page.evaluate(
      (referenceImage) =>
        (window as unknown as TestWindow).requestCapture({
          id: "ff-action",
          livenessType: "ACTION",
          actions: ["blink"],
          referenceImage,
        }),
      `data:image/jpeg;base64,${encodeBase64(marked)}`,
    );
    const ready = await overlay.waitForText("Position your face in the oval");
    expect(ready).toMatch(/1\. Blink/);
    await overlay.waitForVideo();
    // By keyboard: the ready screen puts the focus on the face checks' instructions; then come the camera,
    // Cancel, and the override.
    for (let i = 0; i < 3; i++) await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");

    const verdict = await waitForMessage(page, "ff-action", 90_000);
    expect(verdict).toMatchObject({
      type: "faceid-edge:capture-result",
      id: "ff-action",
      passed: false,
      result: "FailedOperation.CompareLowSimilarity",
    });
    const upload = compareUploads().at(-1);
    if (!upload) throw new Error("no upload");
    expect(
      new TextDecoder("latin1").decode((await tap.part(upload, COMPARE_FORM_FIELDS.video)).subarray(4, 8)),
    ).toBe("ftyp");
    expect(Buffer.from(await tap.part(upload, COMPARE_FORM_FIELDS.image)).equals(Buffer.from(marked))).toBe(
      true,
    );

    await overlay.waitForText("Not verified");
    await page.keyboard.press("Escape");
    await overlay.waitForClosed();
    await page.close();
  });

  it("tells the page when its CSP keeps the upload from the gateway, which Firefox applies to the extension", async () => {
    const page = await openPartnerPage(strictSite);
    const overlay = new FirefoxOverlayDriver(page);
    const uploadsBefore = compareUploads().length;
    await page.evaluate(() =>
      (window as unknown as TestWindow).requestCapture({
        id: "ff-csp",
        livenessType: "SILENT",
        referenceImage: "#id-photo",
      }),
    );
    await overlay.waitForText("Position your face in the oval");
    await overlay.waitForVideo();
    await overlay.clickButton(RECORD_ANYWAY);
    const shown = await overlay.waitForText("The verification cannot continue", 60_000);
    expect(shown).toContain(`must allow ${tap.url} in connect-src`);
    await overlay.clickButton("Close");
    expect(await waitForMessage(page, "ff-csp", 15_000)).toEqual({
      type: "faceid-edge:capture-error",
      id: "ff-csp",
      code: "not_configured",
      message: expect.stringContaining(`must allow ${tap.url} in connect-src`),
    });
    expect(compareUploads().length).toBe(uploadsBefore);
    await page.close();
  });

  it("prints what the conversion costs", async () => {
    expect(conversions.length).toBeGreaterThanOrEqual(3);
    for (const line of conversions) {
      expect(line).toMatch(
        /converted vp8 to H\.264: \d+\.\d\d s of 640×480 video, \d+ → \d+ bytes, in \d+ ms$/,
      );
    }
    const bytes = await measureConversionBundleBytes();
    console.log(
      `Firefox conversion cost (WebM VP8 → H.264 MP4 in the browser), ${conversions.length} captures of ${RECORDING_SECONDS} s:\n  ${conversions.join("\n  ")}\n` +
        `Bundle: content script ${bytes.contentScript} bytes; Mediabunny ${bytes.mediabunny} (also Chromium's remux), ` +
        `of which its WebM (Matroska) code ${bytes.webm}; Firefox-only encoder and realm copies ${bytes.firefoxOnly}.`,
    );
    expect(bytes.webm).toBeGreaterThan(0);
    expect(bytes.firefoxOnly).toBeGreaterThan(0);
  });
});

describe("a conversion that cannot happen", () => {
  it("reaches the page as a capture-error with its code, not silence", async () => {
    // A Firefox without WebCodecs cannot convert its WebM: the same build, the same page, WebCodecs off.
    const bare = await launchFirefoxWithExtension({ prefs: { "dom.media.webcodecs.enabled": false } });
    let bareProbe: { remove(): Promise<void> } | undefined;
    try {
      bareProbe = await installOverlayProbe(bare.browser);
      await configureThroughOptionsPage(bare);
      const page = await bare.browser.newPage();
      await page.goto(`${partnerSite.origin}/`);
      await waitForReady(page);
      const overlay = new FirefoxOverlayDriver(page);
      const uploadsBefore = compareUploads().length;
      await page.evaluate(() =>
        (window as unknown as TestWindow).requestCapture({
          id: "ff-no-webcodecs",
          livenessType: "SILENT",
          referenceImage: "#id-photo",
        }),
      );
      await overlay.waitForText("Position your face in the oval");
      await overlay.waitForVideo();
      await overlay.clickButton(RECORD_ANYWAY);
      const shown = await overlay.waitForText("The verification cannot continue", 60_000);
      expect(shown).toContain("H.264");
      await page.screenshot({ path: join(SCREENSHOTS, "firefox-conversion-unsupported.png") });
      await overlay.clickButton("Close");
      expect(await waitForMessage(page, "ff-no-webcodecs", 15_000)).toEqual({
        type: "faceid-edge:capture-error",
        id: "ff-no-webcodecs",
        code: "recording_unsupported",
        message: expect.stringContaining("H.264"),
      });
      // Nothing billable was sent.
      expect(compareUploads().length).toBe(uploadsBefore);
    } finally {
      await bare.close();
      await bareProbe?.remove();
    }
  });
});

function compareUploads() {
  return tap.requests.filter((request) => request.method === "POST" && request.path === REST_PATHS.compare);
}

/** Sets the gateway (through the tap), the agent key and the partner site, as the agent would. */
async function configureThroughOptionsPage(target: FirefoxExtensionBrowser): Promise<void> {
  const page = await openAddonPage(target.browser, "options/options.html");
  await page.type("#worker-url", tap.url);
  await page.type("#agent-key", agentKey);
  for (const site of [partnerSite, strictSite]) {
    await page.type("#new-site", site.origin);
    await page.click("#add-site");
  }
  await page.select("#recording-seconds", String(RECORDING_SECONDS));
  await page.select("#countdown-seconds", "2");
  await page.click("#save");
  await page.waitForFunction(() => document.querySelector("#save-status")?.textContent === "Saved.", {
    timeout: 15_000,
  });
  await page.click("#check-connection");
  await page.waitForFunction(
    () => document.querySelector("#connection-status")?.textContent?.startsWith("Connected to"),
    { timeout: 15_000 },
  );
  expect(await page.$eval("#agent-key", (input) => (input as HTMLInputElement).value)).toBe("");
  await page.close();
}

async function openPartnerPage(site: TestSite = partnerSite): Promise<Page> {
  const page = await firefox.browser.newPage();
  page.on("console", (message) => {
    if (message.text().startsWith("FaceID Edge: converted")) conversions.push(message.text());
  });
  await page.goto(`${site.origin}/`);
  await waitForReady(page);
  return page;
}

async function waitForReady(page: Page): Promise<void> {
  await page.waitForFunction(
    () => (window as unknown as TestWindow).faceid.messages.some((m) => m.type === "faceid-edge:ready"),
    { timeout: 20_000 },
  );
}

/** The first message the extension posted to the page for this request id. */
async function waitForMessage(page: Page, id: string, timeoutMs: number): Promise<PageMessage> {
  const handle = await page.waitForFunction(
    (wanted) =>
      (window as unknown as TestWindow).faceid.messages.find(
        (message) => "id" in message && message.id === wanted,
      ),
    { timeout: timeoutMs },
    id,
  );
  return (await handle.jsonValue()) as PageMessage;
}
