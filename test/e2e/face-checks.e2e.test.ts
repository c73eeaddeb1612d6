// The face checks before and during recording, end to end: the built extension in a real headless Chromium
// whose fake camera plays one of the real-face clips (test/fixtures/camera/REAL-FACES.md), the real local
// stack behind it. Each bad clip reaches its message and never reaches the gateway; the good take records by
// itself and is verified; "Record anyway" sends a bad take with the override, which the session's record
// keeps. A camera that stops mid-capture is told to the agent and, if they give up, to the page. The
// detector's cost is measured here, on the page as Chromium runs it, and printed.
// Screenshots go to test-results/e2e/.
import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CDPSession, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { CaptureErrorMessage, CaptureResultMessage, ReadyMessage } from "../../shared/page-protocol";
import type { SessionResponse } from "../../shared/rest/api";
import { type LocalStack, startLocalStack } from "../support/local-stack";
import { type ExtensionBrowser, launchExtensionBrowser, ROOT } from "./support/browser";
import { OverlayDriver } from "./support/overlay-driver";
import { startPartnerSite, type TestSite } from "./support/partner-site";
import { RequestWatch } from "./support/request-watch";
import { unpluggableCamera } from "./support/unpluggable-camera";

const SCREENSHOTS = join(ROOT, "test-results/e2e");
const CLIPS = join(ROOT, "test/fixtures/camera");
const COMPARE_PATH = "/v1/liveness/compare";
/** Must match extension/content/capture/live-face-checks.ts and extension/detector/detector-protocol.ts. */
const FACE_CHECK_MEASURE = "faceid-edge face check";
const DETECTOR_READ_MEASURE = "faceid-edge detector read";
const DETECTOR_READY_MARK = "faceid-edge detector ready";

type PageMessage = ReadyMessage | CaptureResultMessage | CaptureErrorMessage;

interface TestWindow {
  requestCapture(fields: Record<string, unknown>): void;
  faceid: { messages: PageMessage[] };
}

let stack: LocalStack;
let partnerSite: TestSite;
let agentKey: string;
let browser: ExtensionBrowser | null = null;

beforeAll(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
  [stack, partnerSite] = await Promise.all([startLocalStack(), startPartnerSite()]);
  const partner = await stack.createPartner({ name: "Acme Bank", origins: [partnerSite.origin] });
  agentKey = await stack.createAgentKey(partner.partnerId, "e2e agent");
});

afterEach(async () => {
  await browser?.close();
  browser = null;
});

afterAll(async () => {
  await Promise.all([stack?.stop(), partnerSite?.close()]);
});

describe("a clip the checks refuse", () => {
  it.each([
    ["no-face", "No face found", "Keep the whole face in the frame, facing the camera."],
    ["two-faces", "More than one face", "Make sure only the person verifying is in view."],
    ["too-dark", "Too dark", "The face is too dark. Move to a brighter place."],
    ["too-far", "Move closer", "The face is too far from the camera. Move closer."],
  ])("%s: says “%s”, never starts recording and sends nothing to the gateway", async (clip, title, hint) => {
    const page = await openPartnerPageWith(clip);
    const overlay = await OverlayDriver.attach(page);
    const compares = await RequestWatch.start(page, COMPARE_PATH);
    requestCapture(page, `${clip}-1`);

    const text = await overlay.waitForText(title, 30_000);
    expect(text).toContain(hint);
    await page.screenshot({ path: join(SCREENSHOTS, `face-checks-${clip}.png`) });
    // Far longer than the half second a good take needs: the checks keep refusing and nothing records.
    await page.waitForTimeout(3000);
    const later = await overlay.text();
    expect(later).toContain(title);
    expect(later).not.toMatch(/Recording ·/);

    await overlay.clickButton("Cancel");
    const answer = await waitForMessage(page, `${clip}-1`);
    expect(answer).toMatchObject({ type: "faceid-edge:capture-error", code: "cancelled" });
    expect(compares.requests()).toEqual([]);
    await compares.stop();
  });
});

describe("the good take", () => {
  it("records by itself once the checks hold, and only it reaches the gateway; the checks' cost is measured", async () => {
    const page = await openPartnerPageWith("good-take");
    const overlay = await OverlayDriver.attach(page);
    const compares = await RequestWatch.start(page, COMPARE_PATH);
    requestCapture(page, "good-1");

    await overlay.waitForText("Position your face in the oval");
    // No click: the recording starts when every check has held for half a second, then the countdown.
    await overlay.waitForText(/Recording · \d s left/, 30_000);
    const cost = await measureChecks(page, overlay, 2000);
    printCost("good take, while recording", cost);

    const verdict = await waitForMessage(page, "good-1", 60_000);
    expect(verdict).toMatchObject({ type: "faceid-edge:capture-result", id: "good-1", passed: true });
    const posts = compares.requests().filter((request) => request.method === "POST");
    expect(posts).toHaveLength(1);
    expect(posts[0]?.status).toBe(200);
    expect(cost.framesCheckedPerSecond).toBeGreaterThanOrEqual(3);
    expect(cost.previewFramesPerSecond).toBeGreaterThanOrEqual(20);
    await compares.stop();
  });

  it("keeps checking cheaply while the agent waits: frames per second and main-thread time", async () => {
    const page = await openPartnerPageWith("two-faces");
    const overlay = await OverlayDriver.attach(page);
    requestCapture(page, "cost-1");
    await overlay.waitForText("More than one face", 30_000);
    const cost = await measureChecks(page, overlay, 4000);
    printCost("two faces, before recording", cost);
    // Several readings a second; the page's own share stays a sliver of each second, and the preview keeps
    // the camera's 30 frames a second.
    expect(cost.framesCheckedPerSecond).toBeGreaterThanOrEqual(3);
    expect(cost.checkMainThreadMsPerSecond).toBeLessThan(50);
    expect(cost.previewFramesPerSecond).toBeGreaterThanOrEqual(20);
    await overlay.clickButton("Cancel");
  });
});

describe("a face that leaves while recording", () => {
  it("stops the take, says why, and starts again; nothing reaches the gateway", async () => {
    // The good take for 1.3 s, then 5.3 s of the empty backdrop, in a loop: JPEG frames back to back are an
    // MJPEG clip. Enough face to start; the countdown (2 s) and the recording (3 s) then fall in the gap.
    const clip = join(await mkdtemp(join(tmpdir(), "faceid-edge-clip-")), "face-leaves.mjpeg");
    const [good, empty] = await Promise.all(
      ["good-take", "no-face"].map((name) => readFile(join(CLIPS, `${name}.mjpeg`))),
    );
    await writeFile(clip, Buffer.concat([good as Buffer, ...Array(4).fill(empty as Buffer)]));
    const page = await openPartnerPageWith(clip);
    const overlay = await OverlayDriver.attach(page);
    const compares = await RequestWatch.start(page, COMPARE_PATH);
    requestCapture(page, "leaves-1");

    await overlay.waitForText(/Recording · \d s left/, 30_000);
    const text = await overlay.waitForText("No face found: the recording stopped.", 30_000);
    expect(text).toContain("It starts again once the face checks pass.");
    expect(text).toContain("Position your face in the oval");
    await overlay.waitForText(/Recording · \d s left/, 30_000);
    await overlay.clickButton("Cancel");
    expect(await waitForMessage(page, "leaves-1")).toMatchObject({ code: "cancelled" });
    expect(compares.requests()).toEqual([]);
    await compares.stop();
  });
});

describe("Record anyway", () => {
  it("records a take the checks refuse with one keypress, and the session's record says so", async () => {
    const session = await createSession();
    const page = await openPartnerPageWith("two-faces");
    const overlay = await OverlayDriver.attach(page);
    requestCapture(page, "override-1", session.sessionToken);
    await overlay.waitForText("More than one face", 30_000);
    // By keyboard: the focus starts on the instructions, never on the override; Tab reaches it.
    expect(await overlay.focused()).toContain("More than one face");
    for (let presses = 0; presses < 5 && (await overlay.focused()) !== "Record anyway"; presses++) {
      await page.keyboard.press("Tab");
    }
    expect(await overlay.focused()).toBe("Record anyway");
    await page.keyboard.press("Enter");
    await overlay.waitForText(/Recording · \d s left/, 30_000);
    const verdict = await waitForMessage(page, "override-1", 60_000);
    expect(verdict).toMatchObject({ type: "faceid-edge:capture-result", id: "override-1" });

    const record = await describeSession(session.sessionId);
    expect(record.attempts).toHaveLength(1);
    expect(record.attempts[0]).toMatchObject({ flow: "compare", checksOverridden: true });
  });
});

describe("a camera that stops (unplugged, or taken by another application)", () => {
  it("while recording: says so, sends nothing, and records again once the camera is back", async () => {
    const camera = await unpluggableCamera();
    try {
      const session = await createSession();
      const page = await openPartnerPageWith(camera.path);
      const overlay = await OverlayDriver.attach(page);
      const compares = await RequestWatch.start(page, COMPARE_PATH);
      requestCapture(page, "unplugged-1", session.sessionToken);
      // The clip has no face: the agent records anyway, and the camera goes in the middle of the take.
      await overlay.waitForText("No face found", 30_000);
      await overlay.clickButton("Record anyway");
      await overlay.waitForText(/Recording · \d s left/, 30_000);
      await camera.unplug();

      const text = await overlay.waitForText("The camera stopped", 15_000);
      expect(text).toContain(
        "Check that the camera is still connected and that no other app has taken it, or choose another one.",
      );
      await page.screenshot({ path: join(SCREENSHOTS, "camera-stopped.png") });
      expect(compares.requests()).toEqual([]);
      expect(await messagesFor(page, "unplugged-1")).toEqual([]);

      await camera.plugIn();
      await overlay.clickButton("Try again");
      await overlay.waitForText("No face found", 30_000);
      await overlay.clickButton("Record anyway");
      const verdict = await waitForMessage(page, "unplugged-1", 60_000);
      expect(verdict).toMatchObject({ type: "faceid-edge:capture-result", id: "unplugged-1" });
      expect(compares.requests().filter((request) => request.method === "POST")).toHaveLength(1);
      expect((await describeSession(session.sessionId)).attempts).toHaveLength(1);
      await compares.stop();
    } finally {
      await camera.remove();
    }
  });

  it("before recording: the agent gives up, and the page hears camera_disconnected", async () => {
    const camera = await unpluggableCamera();
    try {
      const page = await openPartnerPageWith(camera.path);
      const overlay = await OverlayDriver.attach(page);
      const compares = await RequestWatch.start(page, COMPARE_PATH);
      requestCapture(page, "unplugged-2");
      await overlay.waitForText("No face found", 30_000);
      await camera.unplug();
      await overlay.waitForText("The camera stopped", 15_000);
      await overlay.clickButton("Cancel");
      expect(await waitForMessage(page, "unplugged-2")).toMatchObject({
        type: "faceid-edge:capture-error",
        code: "camera_disconnected",
        message: "The camera stopped",
      });
      expect(compares.requests()).toEqual([]);
      await compares.stop();
    } finally {
      await camera.remove();
    }
  });
});

describe("a detector that cannot load", () => {
  it("says so on screen, and lets the agent record without the checks, which is no override", async () => {
    const session = await createSession();
    const page = await openPartnerPageWith("two-faces", ["detector/blazeface-front-128.onnx"]);
    const overlay = await OverlayDriver.attach(page);
    const compares = await RequestWatch.start(page, COMPARE_PATH);
    requestCapture(page, "no-detector-1", session.sessionToken);

    const text = await overlay.waitForText("Face checks are unavailable", 30_000);
    expect(text).toContain("You can still record, without the checks.");
    expect(text).not.toContain("Record anyway");
    await page.screenshot({ path: join(SCREENSHOTS, "face-checks-unavailable.png") });
    await overlay.clickButton("Start recording");
    await overlay.waitForText(/Recording · \d s left/, 30_000);
    await waitForMessage(page, "no-detector-1", 60_000);
    expect(compares.requests().filter((request) => request.method === "POST")).toHaveLength(1);
    const record = await describeSession(session.sessionId);
    expect(record.attempts[0]).toMatchObject({ flow: "compare", checksOverridden: false });
    await compares.stop();
  });
});

async function describeSession(sessionId: string): Promise<SessionResponse> {
  const described = await fetch(`${stack.gatewayUrl}/v1/sessions/${sessionId}`, {
    headers: { Authorization: `Bearer ${agentKey}` },
  });
  expect(described.status).toBe(200);
  return (await described.json()) as SessionResponse;
}

/** `clip`: a clip's name in test/fixtures/camera, or an absolute path. */
async function openPartnerPageWith(clip: string, withoutFiles?: string[]): Promise<Page> {
  browser = await launchExtensionBrowser({
    camera: "allow",
    cameraFixture: clip.startsWith("/") ? clip : join(CLIPS, `${clip}.mjpeg`),
    ...(withoutFiles ? { withoutFiles } : {}),
  });
  await configure(browser);
  const page = await browser.context.newPage();
  await page.goto(`${partnerSite.origin}/`);
  await page.waitForFunction(
    () => (window as unknown as TestWindow).faceid.messages.some((m) => m.type === "faceid-edge:ready"),
    undefined,
    { timeout: 20_000 },
  );
  return page;
}

/** The agent's setup through the real options page, with short timings. */
async function configure(target: ExtensionBrowser): Promise<void> {
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
  await page.close();
}

function requestCapture(page: Page, id: string, sessionToken?: string): void {
  void page.evaluate((fields) => (window as unknown as TestWindow).requestCapture(fields), {
    id,
    livenessType: "SILENT",
    referenceImage: "#id-photo",
    ...(sessionToken ? { sessionToken } : {}),
  });
}

async function messagesFor(page: Page, id: string): Promise<PageMessage[]> {
  return page.evaluate(
    (wanted) => (window as unknown as TestWindow).faceid.messages.filter((m) => "id" in m && m.id === wanted),
    id,
  );
}

async function waitForMessage(page: Page, id: string, timeoutMs = 20_000): Promise<PageMessage> {
  const handle = await page.waitForFunction(
    (wanted) => (window as unknown as TestWindow).faceid.messages.find((m) => "id" in m && m.id === wanted),
    id,
    { timeout: timeoutMs },
  );
  return (await handle.jsonValue()) as PageMessage;
}

/** A session the page holds, so that its record can be looked up by id afterwards. */
async function createSession(): Promise<{ sessionId: string; sessionToken: string }> {
  const response = await fetch(`${stack.gatewayUrl}/v1/sessions`, {
    method: "POST",
    headers: { Authorization: `Bearer ${agentKey}`, "Content-Type": "application/json" },
    body: JSON.stringify({}),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { sessionId: string; sessionToken: string };
}

interface ChecksCost {
  seconds: number;
  /** From the detector page's start to its model ready (WebAssembly compiled, model loaded). */
  detectorLoadMs: number;
  /** Readings judged by the overlay (the page's side). */
  framesCheckedPerSecond: number;
  /** The overlay's own synchronous work for those readings, on the page's main thread. */
  checkMainThreadMsPerSecond: number;
  /** Inference and pre-processing in the detector's frame (its own process in Chromium). */
  detectorMsPerFrame: number;
  /** Everything the page's main thread did (layout, paint, all scripts), from the DevTools protocol. */
  pageMainThreadMsPerSecond: number;
  /** Frames the preview presented, and dropped, per second. */
  previewFramesPerSecond: number;
  previewDroppedPerSecond: number;
}

/**
 * The cost over `windowMs`, from User Timing entries the content script and the detector page write (the
 * content script's land in the page's timeline), the page's task time, and the preview's playback quality.
 */
async function measureChecks(page: Page, overlay: OverlayDriver, windowMs: number): Promise<ChecksCost> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  await cdp.send("Performance.enable");
  const detectorFrame = page.frames().find((frame) => frame.url().endsWith("/detector/detector.html"));
  if (!detectorFrame) throw new Error("the detector's frame is not on the page");
  const taskSeconds = async () =>
    (await cdp.send("Performance.getMetrics")).metrics.find((metric) => metric.name === "TaskDuration")
      ?.value ?? 0;
  const checks = () =>
    page.evaluate(
      (name) => performance.getEntriesByName(name).map((entry) => entry.duration),
      FACE_CHECK_MEASURE,
    );
  const reads = () =>
    detectorFrame.evaluate(
      (name) => performance.getEntriesByName(name).map((entry) => entry.duration),
      DETECTOR_READ_MEASURE,
    );

  const detectorLoadMs = await detectorFrame.evaluate(
    (name) => performance.getEntriesByName(name)[0]?.startTime ?? Number.NaN,
    DETECTOR_READY_MARK,
  );
  const before = {
    checks: await checks(),
    reads: await reads(),
    task: await taskSeconds(),
    video: await overlay.videoQuality(),
  };
  const started = Date.now();
  await page.waitForTimeout(windowMs);
  const after = {
    checks: await checks(),
    reads: await reads(),
    task: await taskSeconds(),
    video: await overlay.videoQuality(),
  };
  const seconds = (Date.now() - started) / 1000;
  await cdp.detach();

  const newChecks = after.checks.slice(before.checks.length);
  const newReads = after.reads.slice(before.reads.length);
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
  return {
    seconds,
    detectorLoadMs,
    // Two entries per reading: grabbing the frame, then judging the answer.
    framesCheckedPerSecond: newReads.length / seconds,
    checkMainThreadMsPerSecond: sum(newChecks) / seconds,
    detectorMsPerFrame: newReads.length > 0 ? sum(newReads) / newReads.length : Number.NaN,
    pageMainThreadMsPerSecond: ((after.task - before.task) * 1000) / seconds,
    previewFramesPerSecond: (after.video.total - before.video.total) / seconds,
    previewDroppedPerSecond: (after.video.dropped - before.video.dropped) / seconds,
  };
}

function printCost(label: string, cost: ChecksCost): void {
  const round = (value: number) => Math.round(value * 10) / 10;
  console.log(
    `face checks (${label}, ${round(cost.seconds)} s): detector ready after ${Math.round(cost.detectorLoadMs)} ms; ` +
      `${round(cost.framesCheckedPerSecond)} frames checked/s; ` +
      `overlay main thread ${round(cost.checkMainThreadMsPerSecond)} ms/s; detector ${round(cost.detectorMsPerFrame)} ms/frame ` +
      `(own process); page main thread in all ${round(cost.pageMainThreadMsPerSecond)} ms/s; preview ` +
      `${round(cost.previewFramesPerSecond)} frames/s, ${round(cost.previewDroppedPerSecond)} dropped/s`,
  );
}
