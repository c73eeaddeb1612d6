// Tencent's hosted web verification end to end, as the sandbox plays it: a partner backend applies for a
// BizToken through the gateway with the official SDK's CommonClient, a real headless Chromium with a fake camera
// (test/fixtures/camera/face.mjpeg) opens VerificationURL and does the steps, the browser lands on the partner's
// RedirectURL (a tiny server on loopback) with token=<BizToken>, and GetWebVerificationResultIntl answers the
// result. Screenshots go to test-results/e2e/.
import { readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalStack, startLocalStack } from "../support/local-stack";
import { ROOT } from "./support/browser";
import { launchPhone, type Phone } from "./support/phone";

const require = createRequire(import.meta.url);
const Credential = require("tencentcloud-sdk-nodejs-intl-en/tencentcloud/common/credential.js");
const ClientProfile = require("tencentcloud-sdk-nodejs-intl-en/tencentcloud/common/profile/client_profile.js");
const HttpProfile = require("tencentcloud-sdk-nodejs-intl-en/tencentcloud/common/profile/http_profile.js");
const CommonClient = require("tencentcloud-sdk-nodejs-intl-en/tencentcloud/common/common_client.js");

const SCREENSHOTS = join(ROOT, "test-results/e2e");
const VIDEO_FILE = join(ROOT, "test/fixtures/media/video-3s.mp4");
const DOCUMENT_FILE = join(ROOT, "test/fixtures/camera/reference.jpg");

type Call = (action: string, params: Record<string, unknown>) => Promise<Record<string, unknown>>;

let stack: LocalStack;
let partnerSite: { origin: string; visits: string[]; close(): Promise<void> };
/** The person's device: a Chromium with the committed fake camera (test/e2e/support/phone.ts). */
let phone: Phone;
let faceId: Call;

beforeAll(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
  [stack, partnerSite] = await Promise.all([startLocalStack(), startRedirectTarget()]);
  const partner = lastJsonLine(
    await stack.cli([
      "create",
      "--name",
      "Hosted Flow Partner",
      "--json",
      "--action",
      "ApplyWebVerificationBizTokenIntl",
      "--action",
      "GetWebVerificationResultIntl",
      "--redirect-url",
      `${partnerSite.origin}/done`,
    ]),
  ) as { secretId: string; secretKey: string };
  faceId = commonClient(stack.gatewayUrl, partner.secretId, partner.secretKey);
  phone = await launchPhone();
});

afterAll(async () => {
  await phone?.close();
  await Promise.all([stack?.stop(), partnerSite?.close()]);
});

describe("the sandbox's hosted verification page in Chromium", () => {
  it("runs document photo and liveness with the camera, lands on RedirectURL?…&token=<BizToken>, and the result is a pass", async () => {
    const applied = await faceId("ApplyWebVerificationBizTokenIntl", {
      RedirectURL: `${partnerSite.origin}/done?case=4711`,
      Extra: "case-4711",
      Config: { CheckMode: 1, IDCardType: "HKIDCard", Language: "zh-cn", SecurityLevel: 1 },
    });
    const bizToken = applied.BizToken as string;
    const verificationUrl = applied.VerificationURL as string;
    expect(verificationUrl).toBe(`${stack.sandboxUrl}/sandbox/web-verification?token=${bizToken}`);
    expect((await faceId("GetWebVerificationResultIntl", { BizToken: bizToken })).ErrorCode).toBe(-999);

    const page = await phone.context.newPage();
    await page.goto(verificationUrl);
    await expect.poll(() => page.locator("#language").textContent()).toContain("zh-cn · Simplified Chinese");
    await page.getByLabel(/I agree to the privacy notice/).check();
    await page.getByRole("button", { name: "Start verification" }).click();
    await waitForStatus(page, "Step 1: photograph your document");
    await page.getByRole("button", { name: "Start camera" }).click();
    await waitForStatus(page, "Camera on.");
    await page.screenshot({ path: join(SCREENSHOTS, "web-verification-document.png") });
    await page.getByRole("button", { name: "Take document photo" }).click();
    await waitForStatus(page, "Document photo accepted.");
    await page.getByRole("button", { name: "Record liveness video" }).click();
    await waitForStatus(page, "Recording…");
    await waitForStatus(page, "Verification passed.");
    await page.screenshot({ path: join(SCREENSHOTS, "web-verification-passed.png") });
    await page.getByRole("button", { name: "Next" }).click();
    await page.waitForURL(`${partnerSite.origin}/done?case=4711&token=${bizToken}`);
    expect(partnerSite.visits).toContain(`/done?case=4711&token=${bizToken}`);
    expect(await page.textContent("body")).toContain(`token=${bizToken}`);

    const result = await faceId("GetWebVerificationResultIntl", { BizToken: bizToken });
    expect(result).toMatchObject({ ErrorCode: 0, ErrorMsg: "Success", Extra: "case-4711" });
    const details = result.VerificationDetailList as Record<string, unknown>[];
    expect(details).toHaveLength(1);
    expect(details[0]).toMatchObject({ ErrorCode: 0, LivenessErrorCode: 0, CompareErrorCode: 0 });
    expect(details[0]?.Similarity).toBeGreaterThanOrEqual(70);
    // What the browser recorded (Chromium: MP4) and photographed (a JPEG), handed back as Tencent does.
    const video = Buffer.from(result.VideoBase64 as string, "base64");
    expect(video.subarray(4, 8).toString("latin1")).toBe("ftyp");
    expect(Buffer.from(result.BestFrameBase64 as string, "base64").subarray(0, 3)).toEqual(
      Buffer.from([0xff, 0xd8, 0xff]),
    );
    const [ocr] = result.OCRResult as Record<string, unknown>[];
    expect(ocr).toMatchObject({
      IsPass: true,
      NormalCardInfo: { HKIDCard: { LicenseNumber: "C123456(9)" } },
    });
    expect(Buffer.from(ocr?.CardImageBase64 as string, "base64").subarray(0, 3)).toEqual(
      Buffer.from([0xff, 0xd8, 0xff]),
    );

    // The link is used up: opening it again says so instead of running the flow twice.
    await page.goto(verificationUrl);
    await expect
      .poll(() => page.getByRole("heading", { level: 2 }).first().textContent())
      .toBe("This verification has already been completed");
    await page.close();
  });

  it("works from chosen files instead of the camera, retries after a failure the sandbox controls asked for, and skips the result page with AutoSkip", async () => {
    const applied = await faceId("ApplyWebVerificationBizTokenIntl", {
      RedirectURL: `${partnerSite.origin}/done`,
      CompareImageBase64: readFileSync(DOCUMENT_FILE).toString("base64"),
      Config: { CheckMode: 2, AutoSkip: true, SkipPrivacyPolicy: true, LivenessRetryLimit: 3 },
    });
    const bizToken = applied.BizToken as string;

    const page = await phone.context.newPage();
    await page.goto(applied.VerificationURL as string);
    await page.getByRole("button", { name: "Start verification" }).click();
    await waitForStatus(page, "Record a liveness video, or choose one.");
    await page.locator("summary", { hasText: "Sandbox controls" }).click();
    await page.getByLabel("Outcome of the next step").selectOption("2016");
    await page.getByLabel("Or choose a liveness video").setInputFiles(VIDEO_FILE);
    await waitForStatus(
      page,
      "Attempt 1 failed: The similarity did not reach the standard passing threshold (ErrorCode 2016). 2 attempts left",
    );
    await page.screenshot({ path: join(SCREENSHOTS, "web-verification-retry.png") });
    await page.getByLabel("Outcome of the next step").selectOption("");
    await page.getByLabel("Or choose a liveness video").setInputFiles(VIDEO_FILE);
    await page.waitForURL(`${partnerSite.origin}/done?token=${bizToken}`);

    const result = await faceId("GetWebVerificationResultIntl", { BizToken: bizToken });
    expect(result.ErrorCode).toBe(0);
    expect(
      (result.VerificationDetailList as { ErrorCode: number }[]).map((detail) => detail.ErrorCode),
    ).toEqual([2016, 0]);
    expect(result.VideoBase64).toBe(readFileSync(VIDEO_FILE).toString("base64"));
    expect(result.OCRResult).toBeNull();
    await page.close();
  });
});

/** Waits until the page's status line contains `text`. */
async function waitForStatus(page: Page, text: string): Promise<void> {
  await page.locator("#status", { hasText: text }).waitFor({ timeout: 30_000 });
}

/** The official intl SDK's generic client pointed at the gateway, as a partner backend configures it. */
function commonClient(gatewayUrl: string, secretId: string, secretKey: string): Call {
  const url = new URL(gatewayUrl);
  const client = new CommonClient(
    url.host,
    "2018-03-01",
    new Credential(secretId, secretKey),
    "ap-singapore",
    new ClientProfile("TC3-HMAC-SHA256", new HttpProfile("http://", url.host)),
  );
  return (action, params) =>
    new Promise((resolve, reject) =>
      client.request(action, params, (error: Error | null, response: Record<string, unknown>) =>
        error ? reject(error) : resolve(response),
      ),
    );
}

function lastJsonLine(stdout: string): unknown {
  return JSON.parse(stdout.trim().split("\n").at(-1) ?? "null");
}

/** The partner's page at RedirectURL: records each visit and shows what it was given. */
async function startRedirectTarget(): Promise<{ origin: string; visits: string[]; close(): Promise<void> }> {
  const visits: string[] = [];
  const server: Server = createServer((request, response) => {
    visits.push(request.url ?? "");
    const token = new URL(request.url ?? "/", "http://x").searchParams.get("token") ?? "";
    response.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" });
    response.end(
      `<!doctype html><title>Back at the partner</title><p>Returned with token=${token.replace(/[^0-9a-f-]/gi, "")}</p>`,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    visits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
