// The <faceid-capture> web component end to end, with no extension: a real headless Chromium with the fake
// camera (test/fixtures/camera/face.mjpeg) opens a partner's page served with a strict CSP, which loads the
// component from the gateway's static assets with SRI; the partner's backend mints the session token with the
// official SDK (CreateCaptureSession), and the page learns the verdict or the error through DOM events.
// Screenshots go to test-results/e2e/.
import { mkdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { createRemoteJWKSet, jwtVerify } from "jose";
import type { Browser, Frame, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { integrityOf, sdkPath } from "../../scripts/build-sdk.mjs";
import type { CaptureErrorDetail, CaptureResultDetail } from "../../sdk/events";
import { type LocalStack, startLocalStack } from "../support/local-stack";
import { seriousAccessibilityViolations } from "./support/axe";
import { ROOT } from "./support/browser";
import {
  type ComponentSite,
  type FramingSite,
  launchCameraBrowser,
  type PagePolicy,
  startComponentSite,
  startFramingSite,
} from "./support/component-site";

const require = createRequire(import.meta.url);
const Credential = require("tencentcloud-sdk-nodejs-intl-en/tencentcloud/common/credential.js");
const ClientProfile = require("tencentcloud-sdk-nodejs-intl-en/tencentcloud/common/profile/client_profile.js");
const HttpProfile = require("tencentcloud-sdk-nodejs-intl-en/tencentcloud/common/profile/http_profile.js");
const CommonClient = require("tencentcloud-sdk-nodejs-intl-en/tencentcloud/common/common_client.js");

const SCREENSHOTS = join(ROOT, "test-results/e2e");
const START = "Start identity check";

type Call = (action: string, params: Record<string, unknown>) => Promise<Record<string, unknown>>;
type Captured = {
  events: (
    | { type: "faceid-capture:result"; detail: CaptureResultDetail }
    | { type: "faceid-capture:error"; detail: CaptureErrorDetail }
  )[];
  violations: string[];
};

let stack: LocalStack;
let site: ComponentSite;
let framing: FramingSite;
let partnerBackend: Call;
let partnerId: string;
let browser: Browser;

beforeAll(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
  stack = await startLocalStack();
  // The component as the gateway serves it (the local stack built it before starting).
  const path = await sdkPath();
  const integrity = integrityOf(await readFile(join(ROOT, "worker/assets", path)));
  site = await startComponentSite({ gatewayUrl: stack.gatewayUrl, path, integrity });
  framing = await startFramingSite(site.origin);
  const partner = await stack.createPartner({ name: "Acme Bank", origins: [site.origin] });
  partnerId = partner.partnerId;
  partnerBackend = commonClient(stack.gatewayUrl, partner.secretId, partner.secretKey);
  browser = await launchCameraBrowser("allow");
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([stack?.stop(), site?.close(), framing?.close()]);
});

describe("serving the component", () => {
  it("serves the bytes at a versioned path, cacheable forever, loadable with SRI from any origin", async () => {
    const path = await sdkPath();
    expect(path).toMatch(/^\/sdk\/\d+\.\d+\.\d+\/capture\.js$/);
    const response = await fetch(`${stack.gatewayUrl}${path}`, { headers: { Origin: "https://a.example" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^(text|application)\/javascript/);
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    const served = new Uint8Array(await response.arrayBuffer());
    expect(integrityOf(served)).toBe(integrityOf(await readFile(join(ROOT, "worker/assets", path))));
  });
});

describe("<faceid-capture> on a partner page with a strict CSP", () => {
  it("runs the whole capture from the keyboard alone and hands the page a verdict its backend can verify", async () => {
    const session = await createSession({ LivenessType: "SILENT" });
    const page = await browser.newPage({ viewport: { width: 900, height: 1000 } });
    await page.goto(silentPageUrl(session.token, { locale: "en" }));
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await recordAnnouncements(page);
    // Tab from the top of the page to the component's button, then Enter: no mouse anywhere.
    await tabUntilFocused(page, START);
    await page.keyboard.press("Enter");
    // No key to press: the face checks pass on the camera's drawn face, and the recording starts by itself.
    await waitForText(page, "Position your face in the oval");
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, "component-ready.png") });

    const result = await waitForEvent(page, "faceid-capture:result", 60_000);
    expect(result).toMatchObject({ passed: true, result: "Success" });
    expect(Object.keys(result).sort()).toEqual(
      ["description", "passed", "result", "similarity", "tencentRequestId", "verdictToken"].sort(),
    );
    const keys = createRemoteJWKSet(new URL("/.well-known/jwks.json", stack.gatewayUrl));
    const { payload } = await jwtVerify(result.verdictToken, keys, {
      issuer: new URL(stack.gatewayUrl).origin,
      audience: partnerId,
      typ: "faceid-edge-verdict+jwt",
      algorithms: ["EdDSA"],
    });
    expect(payload).toMatchObject({
      sub: session.id,
      passed: true,
      result: "Success",
      livenessType: "SILENT",
      tencentRequestId: result.tencentRequestId,
    });

    await waitForFocus(page, "Done");
    await waitForText(page, "Verified");
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, "component-verdict.png") });
    // Each step was announced to screen readers as it came (the overlay's live region, in the open shadow root).
    const said = await page.evaluate(() => (window as unknown as { announced: string[] }).announced);
    for (const step of [
      "Reading the reference photo…",
      "Starting the camera…",
      "Sending the video for verification.",
      "Video sent. Waiting for the verdict.",
    ]) {
      expect(said).toContain(step);
    }
    expect(said.at(-1)).toMatch(/^Verified\. /);
    await page.keyboard.press("Enter");
    await waitForFocus(page, START);
    expect(await waitForText(page, "Identity check complete.")).toBeTruthy();
    expect((await captured(page)).violations).toEqual([]);
    await page.close();
  });

  it("asks for the ACTION steps the attributes name, in their order", async () => {
    const session = await createSession({ LivenessType: "ACTION", Actions: ["blink", "shake_head"] });
    const page = await browser.newPage();
    await page.goto(
      site.pageUrl({
        "session-token": session.token,
        "liveness-type": "ACTION",
        actions: "blink,shake_head",
        "reference-image": "#id-photo",
      }),
    );
    await page.getByRole("button", { name: START }).click();
    const text = await waitForText(page, "follow the prompts in this order");
    expect(text.indexOf("1. Blink")).toBeGreaterThan(-1);
    expect(text.indexOf("2. Shake your head")).toBeGreaterThan(text.indexOf("1. Blink"));
    const result = await waitForEvent(page, "faceid-capture:result", 60_000);
    expect(result.verdictToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect((await captured(page)).violations).toEqual([]);
    await page.close();
  });

  it("speaks the locale attribute's language from its first button to its last word", async () => {
    const thai = JSON.parse(
      await readFile(join(ROOT, "extension/_locales/th/messages.json"), "utf8"),
    ) as Record<string, { message: string }>;
    const say = (key: string) => thai[key]?.message ?? `(no ${key} in th)`;
    const session = await createSession({ LivenessType: "SILENT" });
    const page = await browser.newPage();
    await page.goto(silentPageUrl(session.token, { locale: "th" }));
    // The button is Thai before anyone presses it; so is the capture behind it.
    await page.getByRole("button", { name: say("component_start") }).click();
    await waitForText(page, say("ready_title"));
    await page.getByRole("button", { name: say("common_cancel"), exact: true }).click();
    expect(await waitForEvent(page, "faceid-capture:error")).toEqual({
      code: "cancelled",
      message: say("error_cancelled"),
    });
    expect(await waitForText(page, say("error_cancelled"))).toContain(say("component_start"));
    await page.close();
  });

  it("turns the camera off and says cancelled when the page removes it mid-capture", async () => {
    const session = await createSession({ LivenessType: "SILENT" });
    const page = await browser.newPage();
    await page.goto(silentPageUrl(session.token));
    await page.getByRole("button", { name: START }).click();
    await waitForText(page, "Position your face in the oval");
    const ended = await page.evaluate(async () => {
      const element = document.querySelector("faceid-capture") as HTMLElement;
      const stream = element.shadowRoot?.querySelector("video")?.srcObject as MediaStream;
      const live = stream.getTracks().map((track) => track.readyState);
      const heard = new Promise<string>((resolve) =>
        element.addEventListener("faceid-capture:error", (event) =>
          resolve((event as CustomEvent<{ code: string }>).detail.code),
        ),
      );
      element.remove();
      return { live, code: await heard, after: stream.getTracks().map((track) => track.readyState) };
    });
    expect(ended).toEqual({ live: ["live"], code: "cancelled", after: ["ended"] });
    await page.close();
  });

  it("answers a malformed attribute at once with invalid_request, naming it", async () => {
    const page = await browser.newPage();
    await page.goto(site.pageUrl({ "session-token": "fes1.x", "liveness-type": "ACTION", actions: "wink" }));
    await page.getByRole("button", { name: START }).click();
    expect(await waitForEvent(page, "faceid-capture:error")).toEqual({
      code: "invalid_request",
      message: "actions must be an array of open_mouth, blink, nod, shake_head.",
    });
    await page.close();
  });

  it("passes on the gateway's code for a bad session token (unauthorized) and a revoked one (token_revoked)", async () => {
    const revoked = await createSession({ LivenessType: "SILENT" });
    await partnerBackend("RevokeCaptureSession", { SessionToken: revoked.token });
    for (const [token, code] of [
      ["fes1.not-a-session-token", "unauthorized"],
      [revoked.token, "token_revoked"],
    ] as const) {
      const page = await browser.newPage();
      await page.goto(silentPageUrl(token));
      await page.getByRole("button", { name: START }).click();
      await waitForText(page, "The verification cannot continue", 60_000);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await page.getByRole("button", { name: "Close" }).click();
      expect(await waitForEvent(page, "faceid-capture:error")).toMatchObject({ code });
      expect((await captured(page)).violations).toEqual([]);
      await page.close();
    }
  });

  it("tells the page camera_denied when the person refuses the camera and gives up", async () => {
    const denying = await launchCameraBrowser("deny");
    try {
      const session = await createSession({ LivenessType: "SILENT" });
      const page = await denying.newPage();
      await page.goto(silentPageUrl(session.token));
      await page.getByRole("button", { name: START }).click();
      await waitForText(page, "Try again");
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await page.screenshot({ path: join(SCREENSHOTS, "component-camera-denied.png") });
      await page.getByRole("button", { name: "Cancel", exact: true }).click();
      expect(await waitForEvent(page, "faceid-capture:error")).toMatchObject({ code: "camera_denied" });
      expect((await captured(page)).violations).toEqual([]);
    } finally {
      await denying.close();
    }
  });
});

describe("<faceid-capture> where the camera or the browser cannot do it", () => {
  // Each case gets its own screen, and the page the code it would act on when the person gives up. Nothing
  // is uploaded in any of them.
  it.each([
    {
      case: "a machine with no camera",
      launch: () => launchCameraBrowser("absent"),
      title: "No camera found",
      step: "Connect a camera, or turn on the built-in one.",
      code: "no_camera",
    },
    {
      // No fake device can be held by another application; the page stands in for the system and answers
      // getUserMedia as Chromium does then (Media Capture and Streams: NotReadableError).
      case: "a camera another application holds",
      launch: () => browser,
      before: (page: Page) =>
        page.addInitScript(() => {
          navigator.mediaDevices.getUserMedia = () =>
            Promise.reject(new DOMException("Could not start video source", "NotReadableError"));
        }),
      title: "The camera is in use",
      step: "Close other apps or tabs that use the camera (video calls, other verifications).",
      code: "camera_in_use",
    },
  ])("$case: a screen says what to do, and the page hears $code", async (bad) => {
    const target = await bad.launch();
    try {
      const session = await createSession({ LivenessType: "SILENT" });
      const page = await target.newPage();
      await bad.before?.(page);
      await page.goto(silentPageUrl(session.token));
      await page.getByRole("button", { name: START }).click();
      const text = await waitForText(page, bad.title);
      expect(text).toContain(bad.step);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await page.getByRole("button", { name: "Cancel", exact: true }).click();
      expect(await waitForEvent(page, "faceid-capture:error")).toEqual({
        code: bad.code,
        message: bad.title,
      });
      expect((await captured(page)).violations).toEqual([]);
      expect((await describeCaptureSession(session.id)).AttemptsUsed).toBe(0);
      await page.close();
    } finally {
      if (target !== browser) await target.close();
    }
  });

  it("a page that is no secure context (http, not loopback): says the page cannot use the camera", async () => {
    const insecure = await launchCameraBrowser("allow", { insecureHost: "partner.test" });
    try {
      const session = await createSession({ LivenessType: "SILENT" });
      const page = await insecure.newPage();
      const url = new URL(silentPageUrl(session.token));
      url.hostname = "partner.test";
      await page.goto(url.href);
      expect(await page.evaluate(() => window.isSecureContext)).toBe(false);
      await page.getByRole("button", { name: START }).click();
      const text = await waitForText(page, "This page cannot use the camera");
      expect(text).toContain("The page must be served over https.");
      // No retry can make the page secure: the agent or the person can only give up.
      expect(await page.getByRole("button", { name: "Try again" }).count()).toBe(0);
      await page.getByRole("button", { name: "Cancel", exact: true }).click();
      expect(await waitForEvent(page, "faceid-capture:error")).toEqual({
        code: "camera_denied",
        message: "This page cannot use the camera",
      });
    } finally {
      await insecure.close();
    }
  });

  it("a browser that cannot record video: says so before the camera starts, and the page hears recording_unsupported", async () => {
    const session = await createSession({ LivenessType: "SILENT" });
    const page = await browser.newPage();
    // A browser without MediaRecorder, as the oldest a partner's customer might use.
    await page.addInitScript(() => {
      Reflect.deleteProperty(window, "MediaRecorder");
    });
    await page.goto(silentPageUrl(session.token));
    await page.getByRole("button", { name: START }).click();
    const text = await waitForText(page, "The verification cannot continue");
    expect(text).toContain("This browser cannot record video. Use a current Chrome, Edge or Firefox.");
    await page.getByRole("button", { name: "Close" }).click();
    expect(await waitForEvent(page, "faceid-capture:error")).toEqual({
      code: "recording_unsupported",
      message: "This browser cannot record video. Use a current Chrome, Edge or Firefox.",
    });
    await page.close();
  });
});

describe("<faceid-capture>'s allow-override", () => {
  let noFace: Browser;
  beforeAll(async () => {
    noFace = await launchCameraBrowser("allow", {
      cameraFixture: join(ROOT, "test/fixtures/camera/no-face.mjpeg"),
    });
  });
  afterAll(async () => {
    await noFace?.close();
  });

  it("without it, the person is told what to fix and cannot record past the checks", async () => {
    const session = await createSession({ LivenessType: "SILENT" });
    const page = await noFace.newPage();
    await page.goto(silentPageUrl(session.token));
    await page.getByRole("button", { name: START }).click();
    await waitForText(page, "No face found");
    // Well past the half second a passing take needs: still no recording, and no way around the checks.
    await page.waitForTimeout(2000);
    expect(await waitForText(page, "No face found")).not.toMatch(/Recording ·/);
    expect(await page.getByRole("button", { name: "Record anyway" }).count()).toBe(0);
    await page.getByRole("button", { name: "Cancel", exact: true }).click();
    expect(await waitForEvent(page, "faceid-capture:error")).toMatchObject({ code: "cancelled" });
    expect((await describeCaptureSession(session.id)).AttemptsUsed).toBe(0);
    await page.close();
  });

  it("with it, Record anyway records, and the partner's backend sees the override in the session's record", async () => {
    const session = await createSession({ LivenessType: "SILENT" });
    const page = await noFace.newPage();
    await page.goto(silentPageUrl(session.token, { "allow-override": true }));
    await page.getByRole("button", { name: START }).click();
    await waitForText(page, "No face found");
    await page.getByRole("button", { name: "Record anyway" }).click();
    const result = await waitForEvent(page, "faceid-capture:result", 60_000);
    expect(result).toMatchObject({ result: "Success" });
    const record = await describeCaptureSession(session.id);
    expect(record.Attempts).toEqual([expect.objectContaining({ Flow: "compare", ChecksOverridden: true })]);
    await page.close();
  });
});

describe("the CSP recorder (a control for the checks above)", () => {
  it("sees the violation, and the page not_configured naming the gateway, when connect-src leaves it out", async () => {
    const session = await createSession({ LivenessType: "SILENT" });
    const page = await browser.newPage();
    await page.goto(silentPageUrl(session.token, {}, "gateway-not-in-connect-src"));
    await page.getByRole("button", { name: START }).click();
    // The upload's refusal is the page's policy, not the network: no retry, and the partner is told the fix.
    await waitForText(page, "The verification cannot continue", 60_000);
    await page.getByRole("button", { name: "Close" }).click();
    expect(await waitForEvent(page, "faceid-capture:error")).toMatchObject({
      code: "not_configured",
      message: `This page's Content-Security-Policy does not allow connections to the Worker, and this browser applies it to the extension's upload. The partner's page must allow ${new URL(stack.gatewayUrl).origin} in connect-src.`,
    });
    expect((await captured(page)).violations).toContain(
      `connect-src ${stack.gatewayUrl}/v1/liveness/compare`,
    );
    await page.close();
  });
});

describe("<faceid-capture> in another site's iframe", () => {
  it('works in a frame with allow="camera"', async () => {
    const session = await createSession({ LivenessType: "SILENT" });
    const page = await browser.newPage({ viewport: { width: 900, height: 1000 } });
    const src = silentPageUrl(session.token);
    await page.goto(framing.pageUrl(src));
    const frame = await framed(page, site.origin);
    await frame.getByRole("button", { name: START }).click();
    const result = await waitForEvent(frame, "faceid-capture:result", 60_000);
    expect(result).toMatchObject({ passed: true, result: "Success" });
    await page.screenshot({ path: join(SCREENSHOTS, "component-in-iframe.png") });
    expect((await captured(frame)).violations).toEqual([]);
    expect((await captured(page)).violations).toEqual([]);
    await page.close();
  });

  it('cannot use the camera in a frame without allow="camera", and says so', async () => {
    const session = await createSession({ LivenessType: "SILENT" });
    const page = await browser.newPage();
    const src = silentPageUrl(session.token);
    await page.goto(framing.pageUrl(src, false));
    const frame = await framed(page, site.origin);
    await frame.getByRole("button", { name: START }).click();
    await waitForText(frame, "Camera access is blocked");
    await frame.getByRole("button", { name: "Cancel", exact: true }).click();
    expect(await waitForEvent(frame, "faceid-capture:error")).toMatchObject({ code: "camera_denied" });
    await page.close();
  });
});

describe("the demo partner page (/demo, npm start)", () => {
  it("verifies with the webcam through the component, the photo picked as a file", async () => {
    const page = await browser.newPage({ viewport: { width: 900, height: 1100 } });
    await page.goto(`${stack.gatewayUrl}/demo`);
    // The page's script gets its development session token and gives it to the component.
    await page.waitForSelector('faceid-capture[session-token^="fes1."]', { state: "attached" });
    await page.getByRole("button", { name: START }).click();
    await waitForText(page, "Choose the reference photo");
    await page
      .locator("faceid-capture input[type=file]")
      .setInputFiles(join(ROOT, "test/fixtures/camera/reference.jpg"));
    await page.locator("#verdict-outcome").getByText("passed").waitFor({ timeout: 60_000 });
    expect(await page.locator("#verdict-result").textContent()).toBe("Success");
    await page.screenshot({ path: join(SCREENSHOTS, "demo-webcam-verdict.png"), fullPage: true });
    // The upload form stays, folded away, for a recorded video.
    expect(await page.locator("#upload-fallback summary").textContent()).toBe(
      "No camera? Upload a recorded video instead",
    );
    await page.close();
  });
});

// ---------------------------------------------------------------------------------------------------------

/** The partner's backend: a session token for its page's origin, through the official SDK. */
async function createSession(rules: Record<string, unknown>): Promise<{ token: string; id: string }> {
  const response = await partnerBackend("CreateCaptureSession", { Origin: site.origin, ...rules });
  return { token: response.SessionToken as string, id: response.SessionId as string };
}

async function describeCaptureSession(
  sessionId: string,
): Promise<Record<string, unknown> & { Attempts: unknown[] }> {
  return (await partnerBackend("DescribeCaptureSession", { SessionId: sessionId })) as Record<
    string,
    unknown
  > & {
    Attempts: unknown[];
  };
}

/** The partner page with the element for a SILENT capture of `token`, reading the page's ID photo. */
function silentPageUrl(token: string, more: Record<string, string | true> = {}, policy?: PagePolicy): string {
  return site.pageUrl(
    { "session-token": token, "liveness-type": "SILENT", "reference-image": "#id-photo", ...more },
    policy,
  );
}

async function captured(target: Page | Frame): Promise<Captured> {
  return target.evaluate(() => (window as unknown as { captured: Captured }).captured);
}

interface EventDetails {
  "faceid-capture:result": CaptureResultDetail;
  "faceid-capture:error": CaptureErrorDetail;
}

async function waitForEvent<T extends keyof EventDetails>(
  target: Page | Frame,
  type: T,
  timeoutMs = 20_000,
): Promise<EventDetails[T]> {
  const handle = await target.waitForFunction(
    (wanted) =>
      (window as unknown as { captured: Captured }).captured.events.find((event) => event.type === wanted)
        ?.detail,
    type,
    { timeout: timeoutMs },
  );
  return (await handle.jsonValue()) as EventDetails[T];
}

/** The component's visible text, once it contains `expected`. */
async function waitForText(target: Page | Frame, expected: string, timeoutMs = 30_000): Promise<string> {
  const handle = await target.waitForFunction(
    (wanted) => {
      const text = (document.querySelector("faceid-capture")?.shadowRoot?.textContent ?? "").trim();
      return text.includes(wanted) ? text : null;
    },
    expected,
    { timeout: timeoutMs },
  );
  return (await handle.jsonValue()) as string;
}

/** Keeps, in `window.announced`, each text the component's live region says, in order. */
async function recordAnnouncements(page: Page): Promise<void> {
  await page.evaluate(() => {
    const root = document.querySelector("faceid-capture")?.shadowRoot as ShadowRoot;
    const announced: string[] = [];
    (window as unknown as { announced: string[] }).announced = announced;
    new MutationObserver(() => {
      const text = root.querySelector("[aria-live]")?.textContent ?? "";
      if (text && text !== announced.at(-1)) announced.push(text);
    }).observe(root, { subtree: true, childList: true, characterData: true });
  });
}

/** The text of the element that has the keyboard focus, through shadow roots. */
function focusedLabel(page: Page): Promise<string> {
  return page.evaluate(() => {
    let element: Element | null = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    return element?.textContent?.trim() ?? "";
  });
}

async function waitForFocus(page: Page, label: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await focusedLabel(page)) !== label) {
    if (Date.now() > deadline)
      throw new Error(`focus never reached "${label}" (on "${await focusedLabel(page)}")`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function tabUntilFocused(page: Page, label: string): Promise<void> {
  for (let presses = 0; presses < 10; presses++) {
    await page.keyboard.press("Tab");
    if ((await focusedLabel(page)) === label) return;
  }
  throw new Error(`Tab never reached "${label}"`);
}

async function framed(page: Page, origin: string): Promise<Frame> {
  for (let tries = 0; tries < 100; tries++) {
    const frame = page.frames().find((candidate) => candidate.url().startsWith(origin));
    if (frame) {
      await frame.waitForLoadState("load");
      return frame;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no frame of ${origin}`);
}

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
