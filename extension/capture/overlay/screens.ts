/**
 * The overlay's screens, one function each. A screen that waits for the agent returns a promise of the choice,
 * rejected with `cancelled` when the overlay closes (Esc, ×). Every screen moves focus to its main control and
 * announces itself through the live region.
 */
import { decodeBase64 } from "../../../shared/base64";
import { describeCompareResult } from "../../../shared/faceid/result-codes";
import type { CompareResult } from "../../../shared/rest/api";
import { ExtensionError } from "../../messaging/errors";
import { h } from "../../ui/dom";
import type { CameraDevice } from "../camera";
import { ACTION_LABELS, CAMERA_PROBLEMS, type CameraProblem, PROMPTS } from "../guidance";
import { GAUGE_LEGEND, GAUGE_MARKS, readSimilarity } from "../similarity-gauge";
import type { PromptAt, RecordingPlan } from "../timeline";
import type { CaptureOverlay } from "./overlay";

export type ReferenceChoice = { kind: "image"; image: HTMLImageElement } | { kind: "file"; file: File };

export function showBusy(overlay: CaptureOverlay, title: string, detail = ""): void {
  overlay.setBody(
    h(
      "div",
      { class: "busy" },
      h("div", { class: "spinner", "aria-hidden": "true" }),
      h("div", {}, h("h3", {}, title), detail && h("p", { class: "muted" }, detail)),
    ),
  );
  overlay.announce(title);
}

export function askReferencePhoto(
  overlay: CaptureOverlay,
  candidates: HTMLImageElement[],
): Promise<ReferenceChoice> {
  overlay.setStage("hidden");
  return waitForChoice<ReferenceChoice>(overlay, (choose) => {
    const fileInput = h("input", {
      type: "file",
      accept: "image/jpeg,image/png,image/webp",
      class: "sr-only",
      tabindex: -1,
    });
    fileInput.addEventListener("change", () => {
      const file = fileInput.files?.[0];
      if (file) choose({ kind: "file", file });
    });
    const fileButton = button(
      candidates.length === 0 ? "Choose a photo file…" : "Choose a file instead…",
      () => fileInput.click(),
      candidates.length === 0,
    );
    const tiles = candidates.map((image, i) => {
      const tile = h(
        "button",
        {
          type: "button",
          "aria-label": `Use photo ${i + 1} from the page${image.alt ? `: ${image.alt}` : ""}`,
        },
        h("img", { src: image.currentSrc || image.src, alt: "" }),
      );
      tile.addEventListener("click", () => choose({ kind: "image", image }));
      return tile;
    });
    overlay.setBody(
      h("h3", {}, "Choose the reference photo"),
      h(
        "p",
        {},
        candidates.length > 0
          ? "Pick the ID or profile photo on this page that the face must match, or choose a file."
          : "No photo was found on this page. Choose the ID or profile photo as a file (JPEG or PNG).",
      ),
      tiles.length > 0 &&
        h("div", { class: "picker", role: "group", "aria-label": "Photos on this page" }, ...tiles),
      fileInput,
      h(
        "div",
        { class: "actions" },
        button("Cancel", () => overlay.close()),
        fileButton,
      ),
    );
    overlay.announce("Choose the reference photo.");
    overlay.focus(tiles[0] ?? fileButton);
  });
}

export function askAfterCameraProblem(
  overlay: CaptureOverlay,
  problem: CameraProblem,
  cameras: CameraDevice[],
): Promise<{ deviceId?: string }> {
  const screen = CAMERA_PROBLEMS[problem];
  overlay.setStage("hidden");
  return waitForChoice<{ deviceId?: string }>(
    overlay,
    (choose) => {
      const select = cameraSelect(cameras, undefined);
      const retry = button("Try again", () => choose(select?.value ? { deviceId: select.value } : {}), true);
      overlay.setBody(
        h(
          "div",
          { class: "notice", role: "alert" },
          h(
            "div",
            {},
            h("h3", {}, screen.title),
            h("ol", { class: "steps" }, ...screen.steps.map((step) => h("li", {}, step))),
          ),
        ),
        select && h("label", { class: "field" }, "Camera", select),
        h(
          "div",
          { class: "actions" },
          button("Cancel", () => overlay.close()),
          retry,
        ),
      );
      overlay.announce(`${screen.title}. ${screen.steps.join(" ")}`);
      overlay.focus(retry);
    },
    // Giving up here tells the page why the capture failed, not merely that it was cancelled.
    () => new ExtensionError(screen.code, screen.title),
  );
}

export type StartChoice = { kind: "start" } | { kind: "switch-camera"; deviceId: string };

export function askToStart(
  overlay: CaptureOverlay,
  plan: RecordingPlan,
  cameras: CameraDevice[],
  currentDeviceId: string,
  notice?: string,
): Promise<StartChoice> {
  overlay.setStage("preview");
  return waitForChoice<StartChoice>(overlay, (choose) => {
    const select = cameraSelect(cameras, currentDeviceId);
    select?.addEventListener("change", () => choose({ kind: "switch-camera", deviceId: select.value }));
    const start = button("Start recording", () => choose({ kind: "start" }), true);
    const seconds = Math.round(plan.totalMs / 1000);
    const actions = plan.steps.filter((step) => step.kind !== "look_at_camera" && step.kind !== "hold_still");
    overlay.setBody(
      notice && h("div", { class: "notice info", role: "status" }, h("p", {}, notice)),
      h("h3", {}, "Position your face in the oval"),
      h(
        "p",
        {},
        plan.livenessType === "ACTION"
          ? `Good light, no hat or glasses. The recording takes ${seconds} seconds; follow the prompts in this order:`
          : `Good light, no hat or glasses. Look at the camera and hold still for ${seconds} seconds.`,
      ),
      actions.length > 0 &&
        h(
          "ol",
          { class: "plan", "aria-label": "Actions, in order" },
          ...actions.map((step) => h("li", {}, `${step.index}. ${PROMPTS[step.kind].title}`)),
        ),
      select && h("label", { class: "field" }, "Camera", select),
      h(
        "div",
        { class: "actions" },
        button("Cancel", () => overlay.close()),
        start,
      ),
    );
    overlay.announce(
      plan.livenessType === "ACTION"
        ? `Position your face in the oval. You will be asked to ${actions.map((step) => ACTION_LABELS[step.kind as keyof typeof ACTION_LABELS]).join(", then ")}. Press Start recording when ready.`
        : "Position your face in the oval, then press Start recording and hold still.",
    );
    overlay.focus(start);
  });
}

/** One second of the countdown; the flow calls it for 3, 2, 1. */
export function showCountdown(overlay: CaptureOverlay, seconds: number, plan: RecordingPlan): void {
  overlay.setStage("countdown");
  overlay.setCountdown(seconds);
  const first = plan.steps.find((step) => step.kind !== "look_at_camera") ?? plan.steps[0];
  if (!overlay.closed.aborted && seconds > 0) {
    overlay.setBody(
      h("h3", {}, "Get ready…"),
      h("p", {}, first ? `First: ${PROMPTS[first.kind].title.toLowerCase()}.` : ""),
      h(
        "div",
        { class: "actions" },
        button("Cancel", () => overlay.close()),
      ),
    );
    overlay.announce(String(seconds));
  }
}

/** Called on every animation frame while recording; touches the DOM only when something changed. */
export function createRecordingView(
  overlay: CaptureOverlay,
  plan: RecordingPlan,
): (prompt: PromptAt) => void {
  // The prompt sits below the picture, never over it: the person must see the mouth they are asked to open.
  overlay.setStage("recording");
  const meta = h("p", { class: "step-count" });
  const title = h("p", { class: "prompt-title" });
  const hint = h("p", { class: "prompt-hint" });
  overlay.setBody(
    meta,
    title,
    hint,
    h(
      "div",
      { class: "actions" },
      button("Cancel", () => overlay.close()),
    ),
  );
  let shownStep = -1;
  let shownMeta = "";
  return (prompt) => {
    overlay.setProgress(prompt.progress);
    const stepIndex = plan.steps.indexOf(prompt.step);
    if (stepIndex !== shownStep) {
      shownStep = stepIndex;
      const text = PROMPTS[prompt.step.kind];
      title.textContent = text.title;
      hint.textContent = text.hint;
      overlay.announce(text.title);
    }
    const seconds = Math.ceil((plan.totalMs * (1 - prompt.progress)) / 1000);
    const step =
      plan.livenessType === "ACTION" && prompt.step.index > 0
        ? `Step ${prompt.step.index} of ${plan.actionCount} · `
        : "";
    const text = `Recording · ${step}${seconds > 0 ? `${seconds} s left` : "done"}`;
    if (text !== shownMeta) {
      shownMeta = text;
      meta.textContent = text;
    }
  };
}

export interface UploadView {
  progress(sentBytes: number, totalBytes: number): void;
  retrying(): void;
}

export function showUploading(overlay: CaptureOverlay, onCancel: () => void): UploadView {
  overlay.setStage("hidden");
  const bar = h("div", {});
  const meter = h(
    "div",
    {
      class: "progress",
      role: "progressbar",
      "aria-label": "Upload",
      "aria-valuemin": 0,
      "aria-valuemax": 100,
      "aria-valuenow": 0,
    },
    bar,
  );
  const label = h("p", { class: "muted" }, "Starting the upload…");
  const cancel = button("Cancel upload", onCancel);
  overlay.setBody(
    h("h3", {}, "Sending the video for verification"),
    meter,
    label,
    h("div", { class: "actions" }, cancel),
  );
  overlay.announce("Sending the video for verification.");
  overlay.focus(cancel);
  let shownPercent = -1;
  return {
    progress(sentBytes, totalBytes) {
      const percent = totalBytes > 0 ? Math.round((sentBytes / totalBytes) * 100) : 0;
      if (percent === shownPercent) return;
      shownPercent = percent;
      bar.style.width = `${percent}%`;
      meter.setAttribute("aria-valuenow", String(percent));
      label.textContent =
        percent < 100
          ? `Sent ${formatKb(sentBytes)} of ${formatKb(totalBytes)} (${percent} %)`
          : "Sent. Waiting for the verdict…";
      if (percent === 100) overlay.announce("Video sent. Waiting for the verdict.");
    },
    retrying() {
      label.textContent = "The connection failed. Trying once more…";
      overlay.announce("The connection failed. Trying once more.");
    },
  };
}

export function askAfterVerdict(
  overlay: CaptureOverlay,
  verdict: CompareResult,
  canRetake: boolean,
): Promise<"retake" | "done"> {
  overlay.setStage("hidden");
  const info = describeCompareResult(verdict.result);
  return waitForChoice<"retake" | "done">(
    overlay,
    (choose) => {
      const done = button("Done", () => choose("done"), !canRetake);
      const retake = canRetake ? button("Retake", () => choose("retake"), true) : null;
      const frame = bestFrameView(verdict.bestFrameBase64);
      const reading = readSimilarity(verdict.similarity);
      overlay.setBody(
        h(
          "div",
          { class: "verdict" },
          frame,
          h(
            "div",
            {},
            h(
              "p",
              { class: `outcome ${verdict.passed ? "passed" : "failed"}` },
              verdict.passed ? "Verified" : "Not verified",
            ),
            h("p", { class: "result-code" }, verdict.result),
            h("p", {}, info.description),
            reading
              ? similarityGauge(reading.score, reading.band, reading.summary)
              : h("p", { class: "muted" }, "Tencent gives no similarity score for this result."),
          ),
        ),
        requestIdRow(overlay, verdict.tencentRequestId),
        h("div", { class: "actions" }, done, retake),
      );
      overlay.announce(`${verdict.passed ? "Verified" : "Not verified"}. ${info.description}`);
      overlay.focus(retake ?? done);
    },
    // Closing the verdict is the same as Done: the page already has the result.
    () => "done",
  );
}

export interface ErrorScreen {
  title: string;
  message: string;
  canRetry: boolean;
  retryLabel?: string;
}

export function askAfterError(overlay: CaptureOverlay, screen: ErrorScreen): Promise<"retry" | "close"> {
  overlay.setStage("hidden");
  return waitForChoice<"retry" | "close">(
    overlay,
    (choose) => {
      const close = button(screen.canRetry ? "Cancel" : "Close", () => choose("close"), !screen.canRetry);
      const retry = screen.canRetry
        ? button(screen.retryLabel ?? "Try again", () => choose("retry"), true)
        : null;
      overlay.setBody(
        h(
          "div",
          { class: "notice", role: "alert" },
          h("div", {}, h("h3", {}, screen.title), h("p", {}, screen.message)),
        ),
        h("div", { class: "actions" }, close, retry),
      );
      overlay.announce(`${screen.title}. ${screen.message}`);
      overlay.focus(retry ?? close);
    },
    () => "close",
  );
}

// ---------------------------------------------------------------------------------------------------------

/**
 * Renders a screen and waits for `choose`. When the overlay closes first, the promise settles with
 * `onClose()`'s value, or rejects with what it throws (by default: cancelled).
 */
function waitForChoice<T>(
  overlay: CaptureOverlay,
  render: (choose: (value: T) => void) => void,
  onClose: () => T | ExtensionError = () =>
    new ExtensionError("cancelled", "The verification was cancelled."),
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const settle = (value: T | ExtensionError) => {
      if (settled) return;
      settled = true;
      overlay.closed.removeEventListener("abort", onAbort);
      if (value instanceof ExtensionError) reject(value);
      else resolve(value);
    };
    const onAbort = () => settle(onClose());
    if (overlay.closed.aborted) {
      onAbort();
      return;
    }
    overlay.closed.addEventListener("abort", onAbort, { once: true });
    render((value) => settle(value));
  });
}

function button(label: string, onClick: () => void, primary = false): HTMLButtonElement {
  const element = h("button", { type: "button", class: primary ? "button primary" : "button" }, label);
  element.addEventListener("click", onClick);
  return element;
}

function cameraSelect(cameras: CameraDevice[], current: string | undefined): HTMLSelectElement | null {
  if (cameras.length === 0) return null;
  const select = h(
    "select",
    { "aria-label": "Camera" },
    ...cameras.map((camera) =>
      h("option", { value: camera.deviceId, selected: camera.deviceId === current }, camera.label),
    ),
  );
  return select;
}

/**
 * The best frame is drawn on a canvas rather than shown as an `<img>`: a page's CSP (img-src) governs images
 * inside our shadow root too, and may forbid data: URLs.
 */
function bestFrameView(base64: string | null): HTMLElement {
  if (!base64) return h("div", { class: "no-frame" }, "No best frame returned");
  const canvas = h("canvas", {
    width: 264,
    height: 352,
    role: "img",
    "aria-label": "Best frame chosen by Tencent",
  });
  void (async () => {
    try {
      const bytes = decodeBase64(base64) as Uint8Array<ArrayBuffer>;
      const bitmap = await createImageBitmap(new Blob([bytes], { type: "image/jpeg" }));
      const context = canvas.getContext("2d");
      if (!context) return;
      // Cover-fit into the 3:4 frame.
      const scale = Math.max(canvas.width / bitmap.width, canvas.height / bitmap.height);
      const width = bitmap.width * scale;
      const height = bitmap.height * scale;
      context.drawImage(bitmap, (canvas.width - width) / 2, (canvas.height - height) / 2, width, height);
      bitmap.close();
    } catch {
      canvas.setAttribute("aria-label", "The best frame could not be shown");
    }
  })();
  return canvas;
}

function similarityGauge(score: number, band: string, summary: string): HTMLElement {
  const fill = h("div", { class: `gauge-fill ${band}` });
  fill.style.width = `${score}%`;
  const marks = GAUGE_MARKS.map((mark) => {
    const element = h("div", { class: "gauge-mark", "aria-hidden": "true" }, h("span", {}, mark.label));
    element.style.left = `${mark.value}%`;
    return element;
  });
  return h(
    "div",
    { class: "gauge" },
    h("div", { class: "gauge-label" }, h("span", {}, "Similarity"), h("span", {}, `${score} / 100`)),
    h(
      "div",
      {
        class: "gauge-track",
        role: "meter",
        "aria-label": "Similarity",
        "aria-valuemin": 0,
        "aria-valuemax": 100,
        "aria-valuenow": score,
        "aria-valuetext": `${score}. ${summary}`,
      },
      fill,
      ...marks,
    ),
    h("p", { class: "muted" }, `${summary} ${GAUGE_LEGEND}`),
  );
}

function requestIdRow(overlay: CaptureOverlay, tencentRequestId: string): HTMLElement {
  const code = h("code", {}, tencentRequestId || "—");
  const copy = button("Copy", async () => {
    try {
      await navigator.clipboard.writeText(tencentRequestId);
      copy.textContent = "Copied";
      overlay.announce("Request id copied.");
    } catch {
      // Clipboard refused (page policy, no focus): select the text so Ctrl+C works.
      const selection = getSelection();
      const range = document.createRange();
      range.selectNodeContents(code);
      selection?.removeAllRanges();
      selection?.addRange(range);
      copy.textContent = "Press Ctrl+C";
    }
  });
  copy.setAttribute("aria-label", "Copy Tencent RequestId");
  return h(
    "div",
    { class: "request-id" },
    h("span", { class: "muted" }, "Tencent RequestId"),
    code,
    tencentRequestId ? copy : null,
  );
}

function formatKb(bytes: number): string {
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
