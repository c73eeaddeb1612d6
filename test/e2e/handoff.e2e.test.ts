// "Continue on the customer's phone" end to end: the agent's Chromium (the built extension, a fake camera) on
// the partner page starts a hand-off; a second Chromium, the customer's phone, reads the QR code off the
// agent's screen, opens the link, goes through the sandbox's stand-in for Tencent's hosted page with its own
// fake camera, and lands back on the partner's redirect URL; the agent's overlay follows along and shows the
// verdict, and the page receives it with the gateway's signed token. Real local stack, nothing stubbed.
// Screenshots go to test-results/e2e/.
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { createRemoteJWKSet, jwtVerify } from "jose";
import jsQR from "jsqr";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lastJsonLine } from "../../scripts/partner-cli.mjs";
import type { CaptureErrorMessage, CaptureResultMessage, ReadyMessage } from "../../shared/page-protocol";
import type { CreateWebVerificationResponse } from "../../shared/rest/api";
import { type LocalStack, startLocalStack } from "../support/local-stack";
import { exposeOverlayToAxe, seriousOverlayViolations } from "./support/axe";
import { type ExtensionBrowser, launchExtensionBrowser, ROOT } from "./support/browser";
import { ContentMessages } from "./support/content-messages";
import { OverlayDriver } from "./support/overlay-driver";
import { PARTNER_RETURN_PATH, startPartnerSite, type TestSite } from "./support/partner-site";
import { launchPhone, type Phone } from "./support/phone";
import { RequestWatch } from "./support/request-watch";

const SCREENSHOTS = join(ROOT, "test-results/e2e");
const WEB_VERIFICATIONS_PATH = "/v1/web-verifications";
/** How a session token names the two hosted-verification calls (worker/sessions/session-token.ts). */
const WEB_CALLS = ["web", "web-results"];

type PageMessage = ReadyMessage | CaptureResultMessage | CaptureErrorMessage;

let stack: LocalStack;
let partnerSite: TestSite;
let partnerId: string;
let agentKey: string;
let agent: ExtensionBrowser;
let phone: Phone;

beforeAll(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
  [stack, partnerSite] = await Promise.all([startLocalStack(), startPartnerSite()]);
  // The operator grants the two hosted-verification actions and registers the page the phone returns to.
  const partner = lastJsonLine<{ partnerId: string }>(
    await stack.cli([
      "create",
      "--name",
      "Acme Bank",
      "--json",
      "--origin",
      partnerSite.origin,
      "--redirect-url",
      `${partnerSite.origin}${PARTNER_RETURN_PATH}`,
      ...["CompareFaceLiveness", "ApplyWebVerificationBizTokenIntl", "GetWebVerificationResultIntl"].flatMap(
        (action) => ["--action", action],
      ),
    ]),
  );
  partnerId = partner.partnerId;
  agentKey = await stack.createAgentKey(partnerId, "e2e agent");
  [agent, phone] = await Promise.all([launchExtensionBrowser({ camera: "allow" }), launchPhone()]);
  await configureAgent(agent);
});

afterAll(async () => {
  await Promise.all([agent?.close(), phone?.close()]);
  await Promise.all([stack?.stop(), partnerSite?.close()]);
});

describe("a hand-off requested by the page (mode: handoff)", () => {
  it("shows a QR code the phone reads, follows the phone's progress, and hands the signed verdict to the page", async () => {
    const page = await openPartnerPage();
    const overlay = await OverlayDriver.attach(page);
    await exposeOverlayToAxe(page);
    const contentMessages = await ContentMessages.record(page);
    const starts = await RequestWatch.start(page, WEB_VERIFICATIONS_PATH);
    const returnUrl = `${partnerSite.origin}${PARTNER_RETURN_PATH}?case=4711`;
    await page.evaluate(
      (redirectUrl) =>
        (window as unknown as TestWindow).requestCapture({
          id: "phone-1",
          mode: "handoff",
          redirectUrl,
          checkMode: 1,
          idCardType: "HKIDCard",
          language: "en",
        }),
      returnUrl,
    );

    await overlay.waitForText("Continue on the customer's phone");
    await overlay.recordAnnouncements();
    const shown = await overlay.waitForText("Waiting for the customer to open the link.");
    const started = await startedHandoff(starts);
    expect(started.handoffUrl).toBe(`${stack.gatewayUrl}/h/${started.handoffCode.replace("-", "")}`);
    expect(started.handoffCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(shown).toContain(started.handoffUrl);
    expect(shown).toContain(started.handoffCode);
    expect(shown).toContain(`Or type this code at ${stack.gatewayUrl}/h:`);
    await page.screenshot({ path: join(SCREENSHOTS, "handoff-qr.png") });
    expect(await seriousOverlayViolations(page)).toEqual([]);

    // The hand-off left the partner page itself: its Origin, the session token minted for it, JSON.
    const [post] = starts.requests().filter((request) => request.method === "POST");
    const sessionToken = mintedToken(await contentMessages.messages());
    expect(post).toMatchObject({ url: `${stack.gatewayUrl}${WEB_VERIFICATIONS_PATH}`, status: 201 });
    expect(post?.headers.origin).toBe(partnerSite.origin);
    expect(post?.headers.authorization).toBe(`Bearer ${sessionToken}`);
    // Least privilege: the minted session may start a hosted verification and read it (the token's names for
    // ApplyWebVerificationBizTokenIntl and GetWebVerificationResultIntl), from this page only.
    expect(claimsOf(sessionToken)).toMatchObject({ origin: partnerSite.origin, calls: WEB_CALLS });
    expect(claimsOf(sessionToken).livenessType).toBeUndefined();
    const polls = await RequestWatch.start(page, `${WEB_VERIFICATIONS_PATH}/${started.bizToken}`);

    // The phone's camera reads the code off the agent's screen, and the phone opens what it says.
    const link = await readQrCodeOnScreen(page, overlay);
    expect(link).toBe(started.handoffUrl);
    const handset = await phone.context.newPage();
    await handset.goto(link);
    expect(handset.url()).toBe(started.verificationUrl);
    await overlay.waitForText("The customer opened the link on their phone.");

    // The customer goes through Tencent's page (the sandbox's stand-in): document photo, then liveness.
    await handset.getByLabel(/I agree to the privacy notice/).check();
    await handset.getByRole("button", { name: "Start verification" }).click();
    await waitForStatus(handset, "Step 1: photograph your document");
    await handset.getByRole("button", { name: "Start camera" }).click();
    await waitForStatus(handset, "Camera on.");
    await handset.getByRole("button", { name: "Take document photo" }).click();
    await waitForStatus(handset, "Document photo accepted.");
    // A first liveness attempt that fails (the sandbox's control for the next step's outcome) leaves a step on
    // record while the flow goes on: the agent sees it in progress. The second attempt passes.
    await handset.locator("summary", { hasText: "Sandbox controls" }).click();
    await handset.getByLabel("Outcome of the next step").selectOption("2016");
    await handset.getByRole("button", { name: "Record liveness video" }).click();
    await waitForStatus(handset, "Attempt 1 failed");
    await overlay.waitForText("The customer is going through the check on their phone.");
    await page.screenshot({ path: join(SCREENSHOTS, "handoff-in-progress.png") });
    expect(await seriousOverlayViolations(page)).toEqual([]);
    await handset.getByLabel("Outcome of the next step").selectOption("");
    await handset.getByRole("button", { name: "Record liveness video" }).click();
    await waitForStatus(handset, "Verification passed.");
    await handset.getByRole("button", { name: "Next" }).click();
    await handset.waitForURL(`${returnUrl}&token=${started.bizToken}`);
    expect(await handset.locator("h1").textContent()).toBe("Back at Acme Bank");
    await handset.close();

    const result = (await waitForMessage(page, "phone-1", 30_000)) as CaptureResultMessage;
    expect(result).toMatchObject({
      type: "faceid-edge:capture-result",
      id: "phone-1",
      passed: true,
      result: "0",
      description: "Success",
    });
    expect(result.similarity).toBeGreaterThanOrEqual(70);
    expect(result.tencentRequestId).toMatch(/^sandbox-/);
    // The same signed verdict the gateway answered the overlay's last read with, verifiable by the partner.
    const lastAnswer = JSON.parse((await polls.responseBodies("GET")).at(-1) ?? "{}") as Record<
      string,
      unknown
    >;
    expect(lastAnswer).toMatchObject({ status: "completed", verdictToken: result.verdictToken });
    const keys = createRemoteJWKSet(new URL("/.well-known/jwks.json", stack.gatewayUrl));
    const { payload } = await jwtVerify(result.verdictToken, keys, {
      issuer: new URL(stack.gatewayUrl).origin,
      audience: partnerId,
      typ: "faceid-edge-verdict+jwt",
      algorithms: ["EdDSA"],
    });
    expect(payload).toMatchObject({
      sub: claimsOf(sessionToken).sid,
      passed: true,
      result: "0",
      tencentRequestId: result.tencentRequestId,
    });
    // Every read came from the page, with the same token, and was answered.
    const reads = polls.requests().filter((request) => request.method === "GET");
    expect(reads.length).toBeGreaterThanOrEqual(2);
    for (const read of reads) {
      expect(read.headers.authorization).toBe(`Bearer ${sessionToken}`);
      expect(read.headers.origin).toBe(partnerSite.origin);
      expect(read.status).toBe(200);
    }

    const text = await overlay.waitForText("Verified");
    expect(text).toContain("Similarity");
    expect(text).toContain(result.tencentRequestId);
    await page.screenshot({ path: join(SCREENSHOTS, "handoff-verdict.png") });
    expect(await seriousOverlayViolations(page)).toEqual([]);
    // Screen readers heard the status as it moved, in order, then the verdict.
    const said = await overlay.announcements();
    const order = [
      "The customer opened the link on their phone.",
      "The customer is going through the check on their phone.",
      "The verdict arrived.",
    ].map((status) => said.indexOf(status));
    expect(order.every((index) => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(said.some((text) => text.startsWith("Hand-off to the customer's phone."))).toBe(true);
    expect(said.findIndex((text) => text.startsWith("Verified. Success"))).toBeGreaterThan(order[2] ?? -1);
    // Nothing the content script exchanged with the background holds the agent key.
    for (const message of await contentMessages.messages()) expect(message).not.toContain(agentKey);

    await Promise.all([starts.stop(), polls.stop()]);
    await overlay.clickButton("Done");
    await overlay.waitForClosed();
    await page.close();
  });

  it("answers a hand-off without its redirect URL with invalid_request, naming the field", async () => {
    const page = await openPartnerPage();
    await page.evaluate(() =>
      (window as unknown as TestWindow).requestCapture({ id: "phone-bad", mode: "handoff" }),
    );
    expect(await waitForMessage(page, "phone-bad")).toEqual({
      type: "faceid-edge:capture-error",
      id: "phone-bad",
      code: "invalid_request",
      message: 'mode "handoff" needs redirectUrl, the page Tencent sends the phone back to.',
    });
    await page.close();
  });

  it("ends the hand-off when the agent cancels: the page hears cancelled and nothing is read after", async () => {
    const page = await openPartnerPage();
    const overlay = await OverlayDriver.attach(page);
    const starts = await RequestWatch.start(page, WEB_VERIFICATIONS_PATH);
    await page.evaluate(
      (redirectUrl) =>
        (window as unknown as TestWindow).requestCapture({
          id: "phone-cancel",
          mode: "handoff",
          redirectUrl,
        }),
      `${partnerSite.origin}${PARTNER_RETURN_PATH}`,
    );
    await overlay.waitForText("Waiting for the customer to open the link.");
    const started = await startedHandoff(starts);
    const polls = await RequestWatch.start(page, `${WEB_VERIFICATIONS_PATH}/${started.bizToken}`);
    await expect.poll(() => polls.requests().length, { timeout: 10_000 }).toBeGreaterThan(0);

    await page.keyboard.press("Escape");
    expect(await waitForMessage(page, "phone-cancel")).toMatchObject({
      type: "faceid-edge:capture-error",
      code: "cancelled",
    });
    await overlay.waitForClosed();
    const readsAtClose = polls.requests().length;
    // Three poll intervals later, still nothing new.
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    expect(polls.requests().length).toBe(readsAtClose);
    await Promise.all([starts.stop(), polls.stop()]);
    await page.close();
  });
});

describe("the agent's Continue on phone", () => {
  it("switches a webcam request that carries a redirect URL to the phone, keeping its options and liveness", async () => {
    const page = await openPartnerPage();
    const overlay = await OverlayDriver.attach(page);
    const contentMessages = await ContentMessages.record(page);
    const starts = await RequestWatch.start(page, WEB_VERIFICATIONS_PATH);
    await page.evaluate(
      (redirectUrl) =>
        (window as unknown as TestWindow).requestCapture({
          id: "switch-1",
          livenessType: "ACTION",
          actions: ["blink"],
          referenceImage: "#id-photo",
          redirectUrl,
          checkMode: 3,
        }),
      `${partnerSite.origin}${PARTNER_RETURN_PATH}`,
    );
    await overlay.waitForText("Position your face in the oval");
    await page.screenshot({ path: join(SCREENSHOTS, "handoff-offered.png") });
    await overlay.clickButton("Continue on phone");
    const shown = await overlay.waitForText("Waiting for the customer to open the link.");
    const started = await startedHandoff(starts);
    expect(JSON.parse(starts.requestBodies("POST")[0] ?? "{}")).toEqual({
      redirectUrl: `${partnerSite.origin}${PARTNER_RETURN_PATH}`,
      checkMode: 3,
    });
    // The session keeps the page's liveness rules, for Tencent's page to ask the same of the customer.
    expect(claimsOf(mintedToken(await contentMessages.messages()))).toMatchObject({
      calls: WEB_CALLS,
      livenessType: "ACTION",
      actions: ["blink"],
    });

    // No camera app this time: the customer types the code the overlay shows at the gateway's /h page.
    const shownLink = /Or open this link on the phone:\s+(\S+)/.exec(shown)?.[1];
    expect(shownLink).toBe(started.handoffUrl);
    const typedCode = new RegExp(`Or type this code at ${stack.gatewayUrl}/h:\\s+([A-Z0-9-]{9})`).exec(
      shown,
    )?.[1];
    expect(typedCode).toBe(started.handoffCode);
    const handset = await phone.context.newPage();
    await handset.goto(`${stack.gatewayUrl}/h`);
    await handset.getByLabel("The code on the agent's screen").fill((typedCode ?? "").toLowerCase());
    await handset.getByRole("button", { name: "Continue" }).click();
    await handset.waitForURL(started.verificationUrl);
    await overlay.waitForText("The customer opened the link on their phone.");
    await handset.getByLabel(/I agree to the privacy notice/).check();
    await handset.getByRole("button", { name: "Start verification" }).click();
    await waitForStatus(handset, "Record a liveness video, or choose one.");
    await handset.getByRole("button", { name: "Start camera" }).click();
    await waitForStatus(handset, "Camera on.");
    await handset.getByRole("button", { name: "Record liveness video" }).click();
    await waitForStatus(handset, "Verification passed.");
    await handset.getByRole("button", { name: "Next" }).click();
    await handset.waitForURL(`${partnerSite.origin}${PARTNER_RETURN_PATH}?token=${started.bizToken}`);
    await handset.close();

    expect(await waitForMessage(page, "switch-1", 30_000)).toMatchObject({
      type: "faceid-edge:capture-result",
      passed: true,
      result: "0",
      verdictToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
    });
    await overlay.waitForText("Verified");
    await overlay.clickButton("Done");
    await overlay.waitForClosed();
    await starts.stop();
    await page.close();
  });
});

// ---------------------------------------------------------------------------------------------------------

interface TestWindow {
  requestCapture(fields: Record<string, unknown>): void;
  faceid: { messages: PageMessage[] };
}

/** The agent's setup through the real options page: Worker URL, agent key, the partner site. */
async function configureAgent(target: ExtensionBrowser): Promise<void> {
  const page = await target.context.newPage();
  await page.goto(`chrome-extension://${target.extensionId}/options/options.html`);
  await page.fill("#worker-url", stack.gatewayUrl);
  await page.fill("#agent-key", agentKey);
  await page.fill("#new-site", partnerSite.origin);
  await page.click("#add-site");
  await page.click("#save");
  await page.locator("#save-status", { hasText: /^Saved\.$/ }).waitFor({ timeout: 15_000 });
  await page.close();
}

/** The partner page, once the extension said it is ready there. */
async function openPartnerPage(): Promise<Page> {
  const page = await agent.context.newPage();
  await page.goto(`${partnerSite.origin}/`);
  await page.waitForFunction(
    () => (window as unknown as TestWindow).faceid.messages.some((m) => m.type === "faceid-edge:ready"),
    undefined,
    { timeout: 20_000 },
  );
  return page;
}

/** The first message the extension posted to the page for this request id. */
async function waitForMessage(page: Page, id: string, timeoutMs = 20_000): Promise<PageMessage> {
  const handle = await page.waitForFunction(
    (wanted) => (window as unknown as TestWindow).faceid.messages.find((m) => "id" in m && m.id === wanted),
    id,
    { timeout: timeoutMs },
  );
  return (await handle.jsonValue()) as PageMessage;
}

/** The gateway's answer to the overlay's POST /v1/web-verifications. */
async function startedHandoff(starts: RequestWatch): Promise<CreateWebVerificationResponse> {
  await expect.poll(async () => (await starts.responseBodies("POST")).length, { timeout: 15_000 }).toBe(1);
  const [body] = await starts.responseBodies("POST");
  return JSON.parse(body ?? "{}") as CreateWebVerificationResponse;
}

/**
 * What the QR code on the agent's screen says, read as a phone's camera would: a screenshot of the code as the
 * page shows it, turned into pixels by the phone's browser, decoded by jsQR.
 */
async function readQrCodeOnScreen(page: Page, overlay: OverlayDriver): Promise<string> {
  const box = await overlay.boundingBox("canvas.qr");
  const margin = 12;
  const shot = await page.screenshot({
    clip: {
      x: box.x - margin,
      y: box.y - margin,
      width: box.width + 2 * margin,
      height: box.height + 2 * margin,
    },
  });
  const camera = await phone.context.newPage();
  const image = await camera.evaluate(async (png) => {
    const bytes = Uint8Array.from(atob(png), (char) => char.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: "image/png" }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext("2d");
    if (!context) throw new Error("no 2d context");
    context.drawImage(bitmap, 0, 0);
    const { data } = context.getImageData(0, 0, bitmap.width, bitmap.height);
    let binary = "";
    for (const byte of data) binary += String.fromCharCode(byte);
    return { width: bitmap.width, height: bitmap.height, rgba: btoa(binary) };
  }, shot.toString("base64"));
  await camera.close();
  const decoded = jsQR(new Uint8ClampedArray(Buffer.from(image.rgba, "base64")), image.width, image.height);
  if (!decoded) throw new Error("no QR code found in the screenshot of the overlay");
  return decoded.data;
}

/** The session token the background minted for the hand-off, as the content script received it. */
function mintedToken(exchanged: string[]): string {
  for (const text of exchanged) {
    const message = JSON.parse(text) as { reply?: { value?: { sessionToken?: string } } };
    const token = message.reply?.value?.sessionToken;
    if (token) return token;
  }
  throw new Error("no session token crossed from the background");
}

function claimsOf(sessionToken: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(sessionToken.split(".")[1] ?? "", "base64url").toString("utf8"));
}

/** Waits until the sandbox page's status line contains `text`. */
async function waitForStatus(page: Page, text: string): Promise<void> {
  await page.locator("#status", { hasText: text }).waitFor({ timeout: 30_000 });
}
