// The extension end to end, in a real headless Chromium against the real local stack (gateway + sandbox under
// wrangler dev): configured through its options page, driven on a partner page through the page protocol,
// with a fake camera playing test/fixtures/camera/face.mjpeg. Screenshots go to test-results/e2e/.
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { createRemoteJWKSet, jwtVerify } from "jose";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withSandboxOutcome } from "../../sandbox/outcome-marker";
import { encodeBase64 } from "../../shared/base64";
import type { CaptureErrorMessage, CaptureResultMessage, ReadyMessage } from "../../shared/page-protocol";
import { type LocalStack, startLocalStack } from "../support/local-stack";
import { exposeOverlayToAxe, seriousAccessibilityViolations, seriousOverlayViolations } from "./support/axe";
import { type ExtensionBrowser, launchExtensionBrowser, ROOT } from "./support/browser";
import { ContentMessages } from "./support/content-messages";
import { OverlayDriver } from "./support/overlay-driver";
import { startForeignSite, startPartnerSite, type TestSite } from "./support/partner-site";
import { RequestWatch } from "./support/request-watch";

const SCREENSHOTS = join(ROOT, "test-results/e2e");
const COMPARE_PATH = "/v1/liveness/compare";
const VERSION = JSON.parse(await readFile(join(ROOT, "package.json"), "utf8")).version as string;

type PageMessage = ReadyMessage | CaptureResultMessage | CaptureErrorMessage;

let stack: LocalStack;
let partnerSite: TestSite;
let foreignSite: TestSite;
let agentKey: string;
let partnerId: string;
let browser: ExtensionBrowser;

beforeAll(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
  [stack, partnerSite, foreignSite] = await Promise.all([
    startLocalStack(),
    startPartnerSite(),
    startForeignSite(),
  ]);
  const partner = await stack.createPartner({ name: "Acme Bank", origins: [partnerSite.origin] });
  partnerId = partner.partnerId;
  agentKey = await stack.createAgentKey(partner.partnerId, "e2e agent");
  browser = await launchExtensionBrowser({ camera: "allow" });
  await configureThroughOptionsPage(browser, { screenshot: "options.png" });
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([stack?.stop(), partnerSite?.close(), foreignSite?.close()]);
});

describe("the page protocol", () => {
  it("announces itself to an enabled partner page, with its version", async () => {
    const page = await openPartnerPage();
    const ready = await waitForMessage(page, { type: "faceid-edge:ready" });
    expect(ready).toEqual({ type: "faceid-edge:ready", version: VERSION });
    await page.close();
  });

  it("ignores a capture request from another origin's frame", async () => {
    const page = await openPartnerPage();
    await waitForMessage(page, { type: "faceid-edge:ready" });
    const overlay = await OverlayDriver.attach(page);
    // The frame posts its request and then tells us it did; the extension reads messages in order, so once
    // our own malformed probe is answered, the foreign request has been seen and passed over.
    await page.evaluate(
      (url) => (window as unknown as TestWindow).loadForeignFrame(url),
      `${foreignSite.origin}/`,
    );
    await page.evaluate(() =>
      (window as unknown as TestWindow).requestCapture({ id: "probe", livenessType: "LOUD" }),
    );
    const answer = await waitForMessage(page, { id: "probe" });
    expect(answer).toMatchObject({ type: "faceid-edge:capture-error", code: "invalid_request" });
    expect(await messages(page)).not.toContainEqual(expect.objectContaining({ id: "foreign-1" }));
    expect(await overlay.isOpen()).toBe(false);
    await page.close();
  });

  it("answers a malformed request with invalid_request and says which field", async () => {
    const page = await openPartnerPage();
    await waitForMessage(page, { type: "faceid-edge:ready" });
    await page.evaluate(() =>
      (window as unknown as TestWindow).requestCapture({
        id: "bad-1",
        livenessType: "ACTION",
        actions: ["wink"],
      }),
    );
    expect(await waitForMessage(page, { id: "bad-1" })).toEqual({
      type: "faceid-edge:capture-error",
      id: "bad-1",
      code: "invalid_request",
      message: "actions must be an array of open_mouth, blink, nod, shake_head.",
    });
    await page.close();
  });
});

describe("the overlay in the language the page asks for", () => {
  it.each([
    // Thai: the ready screen's title, then Cancel; the page's error message is Thai too, its code is not.
    {
      locale: "th",
      lang: "th",
      dir: "ltr",
      title: "จัดใบหน้าให้อยู่ในกรอบวงรี",
      cancel: "ยกเลิก",
      said: "ยกเลิกการยืนยันแล้ว",
    },
    // A regional tag maps to the shipped Arabic, right to left.
    {
      locale: "ar-EG",
      lang: "ar",
      dir: "rtl",
      title: "ضع وجهك داخل الشكل البيضاوي",
      cancel: "إلغاء",
      said: "تم إلغاء التحقق.",
    },
  ])("speaks $lang ($dir) for locale $locale", async ({ locale, lang, dir, title, cancel, said }) => {
    const page = await openPartnerPage();
    await waitForMessage(page, { type: "faceid-edge:ready" });
    const overlay = await OverlayDriver.attach(page);
    const id = `locale-${locale}`;
    await page.evaluate((fields) => (window as unknown as TestWindow).requestCapture(fields), {
      id,
      livenessType: "SILENT",
      referenceImage: "#id-photo",
      locale,
    });
    await overlay.waitForText(title);
    expect(await overlay.language()).toEqual({ lang, dir });
    await page.screenshot({ path: join(SCREENSHOTS, `overlay-${lang}.png`) });
    await overlay.clickButton(cancel);
    expect(await waitForMessage(page, { id })).toEqual({
      type: "faceid-edge:capture-error",
      id,
      code: "cancelled",
      message: said,
    });
    await page.close();
  });
});

describe("a verification requested by the page", () => {
  it("runs overlay → recording → upload and hands the verdict to the page", async () => {
    const page = await openPartnerPage();
    await waitForMessage(page, { type: "faceid-edge:ready" });
    const overlay = await OverlayDriver.attach(page);
    const contentMessages = await ContentMessages.record(page);
    const requests = await RequestWatch.start(page, COMPARE_PATH);
    await exposeOverlayToAxe(page);
    await page.evaluate(() =>
      (window as unknown as TestWindow).requestCapture({
        id: "silent-1",
        livenessType: "SILENT",
        referenceImage: "#id-photo",
      }),
    );

    await overlay.waitForText("Position your face in the oval");
    await overlay.recordAnnouncements();
    await waitForVideoFrames(overlay);
    await page.screenshot({ path: join(SCREENSHOTS, "overlay-ready.png") });
    expect(await seriousOverlayViolations(page)).toEqual([]);
    // No click: the face checks pass on the drawn face, and the recording starts by itself.
    await overlay.waitForText(/Recording · \d s left/);
    await page.screenshot({ path: join(SCREENSHOTS, "overlay-recording.png") });
    expect(await seriousOverlayViolations(page)).toEqual([]);

    const verdict = await waitForMessage(page, { id: "silent-1" }, 60_000);
    expect(verdict).toMatchObject({
      type: "faceid-edge:capture-result",
      id: "silent-1",
      passed: true,
      result: "Success",
    });
    const result = verdict as CaptureResultMessage;
    expect(result.similarity).toBeGreaterThanOrEqual(70);
    expect(result.tencentRequestId).toMatch(/^sandbox-/);
    expect(result.description).not.toBe("");

    await overlay.waitForText("Verified");
    const text = await overlay.text();
    expect(text).toContain("Similarity");
    expect(text).toContain(result.tencentRequestId);
    await page.screenshot({ path: join(SCREENSHOTS, "verdict-pass.png") });
    expect(await seriousOverlayViolations(page)).toEqual([]);

    const said = await overlay.announcements();
    expect(said).toContain("Hold still");
    expect(said).toContain("Sending the video for verification.");
    // The upload reported its progress up to the last byte before the verdict came.
    expect(said).toContain("Video sent. Waiting for the verdict.");
    expect(said.indexOf("Video sent. Waiting for the verdict.")).toBeLessThan(
      said.findIndex((s) => s.startsWith("Verified")),
    );

    // The content script sent the upload itself, from the page: with the page's Origin, as multipart binary,
    // with the token the background minted for it, answered by the Worker with the verdict.
    const exchanged = await contentMessages.messages();
    const sessionToken = exchanged
      .map((text) => JSON.parse(text) as { reply?: { value?: { sessionToken?: string } } })
      .find((message) => message.reply?.value?.sessionToken)?.reply?.value?.sessionToken;
    expect(sessionToken).toMatch(/^\S{20,}$/);
    const uploads = requests.requests().filter((request) => request.method === "POST");
    expect(uploads).toHaveLength(1);
    expect(uploads[0]).toMatchObject({ url: `${stack.gatewayUrl}${COMPARE_PATH}`, status: 200 });
    expect(uploads[0]?.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
    expect(uploads[0]?.headers.origin).toBe(partnerSite.origin);
    expect(uploads[0]?.headers.authorization).toBe(`Bearer ${sessionToken}`);

    // The page got the gateway's own signed verdict, which verifies against the gateway's published keys as a
    // partner's backend would check it: this partner, this gateway, the session the capture used.
    const [answer] = await requests.responseBodies();
    expect(result.verdictToken).toBe((JSON.parse(answer ?? "{}") as { verdictToken?: string }).verdictToken);
    const keys = createRemoteJWKSet(new URL("/.well-known/jwks.json", stack.gatewayUrl));
    const { payload } = await jwtVerify(result.verdictToken, keys, {
      issuer: new URL(stack.gatewayUrl).origin,
      audience: partnerId,
      typ: "faceid-edge-verdict+jwt",
      algorithms: ["EdDSA"],
    });
    const sessionClaims = JSON.parse(
      Buffer.from(sessionToken?.split(".")[1] ?? "", "base64url").toString("utf8"),
    ) as { sid?: string };
    expect(payload).toMatchObject({
      sub: sessionClaims.sid,
      externalId: null,
      passed: true,
      result: "Success",
      similarity: result.similarity,
      livenessType: "SILENT",
      tencentRequestId: result.tencentRequestId,
    });
    // Nothing the content script exchanged with the background holds the agent key, or a recording.
    expect(exchanged.some((text) => text.includes('"capture.session"'))).toBe(true);
    for (const text of exchanged) {
      expect(text).not.toContain(agentKey);
      expect(text.length).toBeLessThan(16 * 1024);
    }
    await requests.stop();

    await overlay.clickButton("Done");
    await overlay.waitForClosed();
    await page.close();
  });

  it("prompts the ACTION steps one by one in the requested order, and reports a failing verdict", async () => {
    const page = await openPartnerPage();
    await waitForMessage(page, { type: "faceid-edge:ready" });
    const overlay = await OverlayDriver.attach(page);
    const reference = await readFile(join(ROOT, "test/fixtures/camera/reference.jpg"));
    const marked = withSandboxOutcome(new Uint8Array(reference), "FailedOperation.CompareLowSimilarity");
    await exposeOverlayToAxe(page);
    await page.evaluate(
      (referenceImage) =>
        (window as unknown as TestWindow).requestCapture({
          id: "action-1",
          livenessType: "ACTION",
          actions: ["shake_head", "blink"],
          referenceImage,
        }),
      `data:image/jpeg;base64,${encodeBase64(marked)}`,
    );

    const ready = await overlay.waitForText("Position your face in the oval");
    expect(ready).toMatch(/1\. Shake your head\s+2\. Blink/);
    await overlay.recordAnnouncements();
    // No click: the face checks pass on the drawn face, and the recording starts by itself.
    await overlay.waitForText("Step 1 of 2");
    await page.screenshot({ path: join(SCREENSHOTS, "overlay-action-step-1.png") });
    await overlay.waitForText("Step 2 of 2");

    const verdict = await waitForMessage(page, { id: "action-1" }, 60_000);
    expect(verdict).toMatchObject({
      type: "faceid-edge:capture-result",
      passed: false,
      result: "FailedOperation.CompareLowSimilarity",
    });
    expect((verdict as CaptureResultMessage).similarity).toBeLessThan(70);

    const prompts = (await overlay.announcements()).filter((text) =>
      ["Look at the camera", "Shake your head", "Blink", "Hold still"].includes(text),
    );
    expect(prompts).toEqual(["Look at the camera", "Shake your head", "Blink"]);

    await overlay.waitForText("Not verified");
    await page.screenshot({ path: join(SCREENSHOTS, "verdict-fail.png") });
    expect(await seriousOverlayViolations(page)).toEqual([]);
    await overlay.clickButton("Done");
    await overlay.waitForClosed();
    await page.close();
  });

  it("offers a retake after a failure the person can fix, by keyboard alone, and sends each verdict", async () => {
    const page = await openPartnerPage();
    await waitForMessage(page, { type: "faceid-edge:ready" });
    const overlay = await OverlayDriver.attach(page);
    const reference = await readFile(join(ROOT, "test/fixtures/camera/reference.jpg"));
    const marked = withSandboxOutcome(new Uint8Array(reference), "FailedOperation.SilentFaceDetectFail");
    await exposeOverlayToAxe(page);
    await page.evaluate(
      (referenceImage) =>
        (window as unknown as TestWindow).requestCapture({
          id: "retake-1",
          livenessType: "SILENT",
          referenceImage,
        }),
      `data:image/jpeg;base64,${encodeBase64(marked)}`,
    );
    await overlay.waitForText("Position your face in the oval");
    // The recording starts by itself once the face checks pass; after the failure the focus is on Retake,
    // and Enter retakes.
    await overlay.waitForText("Retake", 60_000);
    expect(await overlay.text()).toContain("No face was found in the video.");
    expect(await seriousOverlayViolations(page)).toEqual([]);
    await page.keyboard.press("Enter");
    await overlay.waitForText(/Recording/);
    await overlay.waitForText("Retake", 60_000);

    const results = (await messages(page)).filter((m) => "id" in m && m.id === "retake-1");
    expect(results).toHaveLength(2);
    for (const result of results) {
      expect(result).toMatchObject({
        type: "faceid-edge:capture-result",
        passed: false,
        result: "FailedOperation.SilentFaceDetectFail",
      });
    }
    // Both attempts ran on the one session the extension minted for this request (3 attempts by default).
    await page.keyboard.press("Escape");
    await overlay.waitForClosed();
    expect((await messages(page)).filter((m) => "id" in m && m.id === "retake-1")).toHaveLength(2);
    await page.close();
  });

  it("cancels with Esc and tells the page", async () => {
    const page = await openPartnerPage();
    await waitForMessage(page, { type: "faceid-edge:ready" });
    const overlay = await OverlayDriver.attach(page);
    await page.evaluate(() =>
      (window as unknown as TestWindow).requestCapture({
        id: "esc-1",
        livenessType: "SILENT",
        referenceImage: "#id-photo",
      }),
    );
    await overlay.waitForText("Position your face in the oval");
    await page.keyboard.press("Escape");
    expect(await waitForMessage(page, { id: "esc-1" })).toMatchObject({
      type: "faceid-edge:capture-error",
      code: "cancelled",
    });
    await overlay.waitForClosed();
    await page.close();
  });
});

describe("a page of an origin no partner registered", () => {
  it("gets nothing from the Worker, even holding a valid session token", async () => {
    const session = await postJson(`${stack.gatewayUrl}/v1/sessions`, agentKey, {
      calls: ["CompareFaceLiveness"],
    });
    const page = await browser.context.newPage();
    await page.goto(`${foreignSite.origin}/`);
    const outcome = await page.evaluate(
      async ({ url, token }) => {
        const body = new FormData();
        body.append("livenessType", "SILENT");
        try {
          await fetch(url, { method: "POST", headers: { Authorization: `Bearer ${token}` }, body });
          return "answered";
        } catch {
          return "refused";
        }
      },
      { url: `${stack.gatewayUrl}${COMPARE_PATH}`, token: session.sessionToken as string },
    );
    expect(outcome).toBe("refused");
    await page.close();
  });
});

describe("the popup", () => {
  it("starts a verification on the partner page, with the reference photo picked on the page", async () => {
    const page = await openPartnerPage();
    await waitForMessage(page, { type: "faceid-edge:ready" });
    const overlay = await OverlayDriver.attach(page);
    await exposeOverlayToAxe(page);
    // The popup asks the browser for the active tab of its window: open it beside the page, then make the
    // page the active tab again, as when the agent clicks the toolbar button on it.
    const popup = await openPopup();
    await page.bringToFront();
    await popup.reload();
    await popup.locator("form.verify-form").waitFor({ timeout: 15_000 });
    expect(await popup.locator("#verify").textContent()).toContain(`On ${partnerSite.origin}.`);
    // The action pickers show only for ACTION (a flex row once showed them under Silent too).
    const firstAction = popup.getByLabel("First action");
    expect(await firstAction.isVisible()).toBe(false);
    await popup.getByLabel("Liveness type").selectOption("ACTION");
    expect(await firstAction.isVisible()).toBe(true);
    await popup.getByLabel("Liveness type").selectOption("SILENT");
    expect(await firstAction.isVisible()).toBe(false);
    await popup.click("form.verify-form button[type=submit]");

    await overlay.waitForText("Choose the reference photo");
    await page.screenshot({ path: join(SCREENSHOTS, "overlay-pick-reference.png") });
    expect(await seriousOverlayViolations(page)).toEqual([]);
    await overlay.clickButton("Use photo 1 from the page: ID photo");
    await overlay.waitForText("Position your face in the oval");
    // No click: the face checks pass on the drawn face, and the recording starts by itself.
    await overlay.waitForText("Verified", 60_000);
    await overlay.clickButton("Done");
    await overlay.waitForClosed();
    // The page did not ask, so it is told nothing; the agent's history has the verification.
    expect((await messages(page)).filter((m) => m.type !== "faceid-edge:ready")).toEqual([]);
    await Promise.all([page.close(), popup.close().catch(() => undefined)]);
  });

  it("has no serious or critical accessibility violations (axe-core), connected and on a partner page", async () => {
    const page = await openPartnerPage();
    await waitForMessage(page, { type: "faceid-edge:ready" });
    const popup = await openPopup();
    await page.bringToFront();
    await popup.reload();
    await popup.locator("form.verify-form").waitFor({ timeout: 15_000 });
    await popup.locator("#connection.ok").waitFor({ timeout: 15_000 });
    expect(await seriousAccessibilityViolations(popup)).toEqual([]);
    await popup.getByLabel("Liveness type").selectOption("ACTION");
    expect(await seriousAccessibilityViolations(popup)).toEqual([]);
    await Promise.all([page.close(), popup.close()]);
  });

  it("lists the recent verifications with thumbnails, and clears them", async () => {
    const popup = await openPopup();
    // Five verifications ran above; newest first: the agent's own (passed), the two retake failures, the
    // low-similarity ACTION request, the first SILENT request (passed).
    const items = popup.locator("#history li[data-request-id]");
    await expect.poll(() => items.count(), { timeout: 15_000 }).toBe(5);
    const texts = await items.allTextContents();
    expect(texts[0]).toContain("Passed");
    expect(texts.filter((text) => text.includes("FailedOperation.SilentFaceDetectFail"))).toHaveLength(2);
    expect(texts.filter((text) => text.includes("FailedOperation.CompareLowSimilarity"))).toHaveLength(1);
    // A thumbnail for each verdict that came with a best frame (Success and CompareLowSimilarity; Tencent sends
    // none for the face-detection failures), and each one decodes.
    const thumbnails = () =>
      popup.locator("#history li[data-request-id]").evaluateAll((entries) =>
        entries.map((entry) => {
          const image = entry.querySelector("img");
          return image ? image.naturalWidth > 0 : "none";
        }),
      );
    await expect.poll(thumbnails).toEqual([true, "none", "none", true, true]);
    // Nothing is cut off at the popup's height: the popup stays within it, and the oldest entry scrolls into
    // view inside it.
    expect(await popup.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(
      POPUP_MAX_HEIGHT,
    );
    const oldest = items.last();
    await oldest.scrollIntoViewIfNeeded();
    const box = await oldest.boundingBox();
    expect(box && box.y >= 0 && box.y + box.height <= POPUP_MAX_HEIGHT).toBe(true);
    await expect
      .poll(() => popup.locator("#connection").textContent(), { timeout: 15_000 })
      .toBe(`Connected · v${VERSION} · sandbox`);
    await popup.screenshot({ path: join(SCREENSHOTS, "popup.png"), fullPage: true });

    await popup.click("#clear-history");
    await expect
      .poll(() => popup.locator("#history").textContent())
      .toBe("No verifications in the last 24 hours.");
    await popup.close();
  });

  it("looks up a liveness result by SdkToken and shows its best frame", async () => {
    const sdkToken = await completedLivenessToken("0");
    const popup = await openPopup();
    await popup.fill("#sdk-token", sdkToken);
    await popup.click("#lookup-form button[type=submit]");
    const card = popup.locator(".lookup-card");
    await card.waitFor({ timeout: 20_000 });
    expect(await card.textContent()).toContain("Passed");
    await expect
      .poll(() => card.locator("img").evaluate((image) => (image as HTMLImageElement).naturalWidth), {
        timeout: 15_000,
      })
      .toBeGreaterThan(0);
    await popup.screenshot({ path: join(SCREENSHOTS, "popup-lookup.png"), fullPage: true });

    await popup.fill("#sdk-token", "not a token");
    await popup.click("#lookup-form button[type=submit]");
    await expect
      .poll(() => popup.locator("#lookup-result").textContent())
      .toBe("That does not look like an SdkToken.");
    await popup.close();
  });
});

describe("a new agent's first look", () => {
  it("has no serious or critical accessibility violations (axe-core) before anything is set up", async () => {
    const fresh = await launchExtensionBrowser({ camera: "allow" });
    try {
      // Not configured: the popup's connection pill in its idle state, and the options page as first opened.
      const popup = await fresh.context.newPage();
      await popup.goto(`chrome-extension://${fresh.extensionId}/popup/popup.html`);
      await popup.locator("#connection.idle", { hasText: "Not configured" }).waitFor({ timeout: 15_000 });
      expect(await seriousAccessibilityViolations(popup)).toEqual([]);
      const options = await fresh.context.newPage();
      await options.goto(`chrome-extension://${fresh.extensionId}/options/options.html`);
      await options.locator("#worker-url").waitFor();
      expect(await seriousAccessibilityViolations(options)).toEqual([]);
    } finally {
      await fresh.close();
    }
  });
});

describe("when the camera is refused", () => {
  let denied: ExtensionBrowser;

  beforeAll(async () => {
    denied = await launchExtensionBrowser({ camera: "deny" });
    await configureThroughOptionsPage(denied);
  });

  afterAll(async () => {
    await denied?.close();
  });

  it("explains what to do, and tells the page camera_denied when the agent gives up", async () => {
    const page = await denied.context.newPage();
    await page.goto(`${partnerSite.origin}/`);
    await waitForMessage(page, { type: "faceid-edge:ready" });
    const overlay = await OverlayDriver.attach(page);
    await exposeOverlayToAxe(page);
    await page.evaluate(() =>
      (window as unknown as TestWindow).requestCapture({
        id: "denied-1",
        livenessType: "SILENT",
        referenceImage: "#id-photo",
      }),
    );
    const text = await overlay.waitForText("Camera access is blocked");
    expect(text).toContain("Set Camera to Allow for this site.");
    await page.screenshot({ path: join(SCREENSHOTS, "camera-denied.png") });
    expect(await seriousOverlayViolations(page)).toEqual([]);

    await overlay.clickButton("Try again");
    await overlay.waitForText("Camera access is blocked");
    await overlay.clickButton("Cancel");
    expect(await waitForMessage(page, { id: "denied-1" })).toMatchObject({
      type: "faceid-edge:capture-error",
      code: "camera_denied",
    });
    await overlay.waitForClosed();
    await page.close();
  });
});

// ---------------------------------------------------------------------------------------------------------

interface TestWindow {
  requestCapture(fields: Record<string, unknown>): void;
  loadForeignFrame(url: string): Promise<void>;
  faceid: { messages: PageMessage[] };
}

/** The agent's setup, through the real options page: Worker URL, agent key, the partner site, short timings. */
async function configureThroughOptionsPage(
  target: ExtensionBrowser,
  options: { screenshot?: string } = {},
): Promise<void> {
  const page = await target.context.newPage();
  await page.goto(`chrome-extension://${target.extensionId}/options/options.html`);
  await page.fill("#worker-url", stack.gatewayUrl);
  await page.fill("#agent-key", agentKey);
  await page.fill("#new-site", partnerSite.origin);
  await page.click("#add-site");
  await page.selectOption("#recording-seconds", "3");
  await page.selectOption("#countdown-seconds", "2");
  await page.click("#save");
  await page.locator("#save-status", { hasText: /^Saved\.$/ }).waitFor({ timeout: 15_000 });
  // The gateway's first answer can be slow on a loaded machine (CI once missed it by the check's own 15 s):
  // one more check before the setup gives up.
  const connected = page.locator("#connection-status", { hasText: "Connected to" });
  for (let tries = 1; ; tries++) {
    await page.click("#check-connection");
    try {
      await connected.waitFor({ timeout: 20_000 });
      break;
    } catch (error) {
      if (tries === 2) throw error;
    }
  }
  expect(await page.locator("#agent-key").inputValue()).toBe("");
  if (options.screenshot)
    await page.screenshot({ path: join(SCREENSHOTS, options.screenshot), fullPage: true });
  await page.close();
}

async function openPartnerPage(): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`${partnerSite.origin}/`);
  return page;
}

/** The popup's page, opened in a tab of its own size (a toolbar popup cannot be opened by automation). */
const POPUP_MAX_HEIGHT = 600;

async function openPopup(): Promise<Page> {
  const popup = await browser.context.newPage();
  // Chrome's largest popup: 800 × 600.
  await popup.setViewportSize({ width: 424, height: POPUP_MAX_HEIGHT });
  await popup.goto(`chrome-extension://${browser.extensionId}/popup/popup.html`);
  return popup;
}

async function messages(page: Page): Promise<PageMessage[]> {
  return page.evaluate(() => (window as unknown as TestWindow).faceid.messages);
}

/** The first message the extension posted to the page with this type or this request id. */
async function waitForMessage(
  page: Page,
  match: { type: PageMessage["type"] } | { id: string },
  timeoutMs = 20_000,
): Promise<PageMessage> {
  const handle = await page.waitForFunction(
    (wanted) =>
      (window as unknown as TestWindow).faceid.messages.find((message) =>
        "id" in wanted ? "id" in message && message.id === wanted.id : message.type === wanted.type,
      ),
    match,
    { timeout: timeoutMs },
  );
  return (await handle.jsonValue()) as PageMessage;
}

/** The preview shows camera frames (not a black box) before the screenshot is taken. */
async function waitForVideoFrames(overlay: OverlayDriver): Promise<void> {
  const size = await overlay.waitForVideo();
  expect(size.width).toBeGreaterThan(0);
}

/** An SdkToken whose (sandbox) liveness flow has finished with `result`, as after a hosted flow. */
async function completedLivenessToken(result: string): Promise<string> {
  const session = await postJson(`${stack.gatewayUrl}/v1/sessions`, agentKey, {});
  const token = await postJson(`${stack.gatewayUrl}/v1/liveness/tokens`, session.sessionToken as string, {});
  const sdkToken = token.sdkToken as string;
  const completed = await fetch(`${stack.sandboxUrl}/sandbox/liveness/${sdkToken}/complete`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ result }),
  });
  expect(completed.status).toBe(200);
  return sdkToken;
}

async function postJson(url: string, bearer: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    method: "POST",
    headers: { Authorization: `Bearer ${bearer}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as Record<string, unknown>;
}
