/**
 * The verdict for the agent: passed or not, the catalogue's description, the similarity gauge, Tencent's best
 * frame and RequestId, then Done, or Retake after a failure the person can fix.
 */
import { decodeBase64 } from "../../../../shared/base64";
import { describeCompareResult } from "../../../../shared/faceid/result-codes";
import type { CompareResult } from "../../../../shared/rest/api";
import { h } from "../../../ui/dom";
import { GAUGE_LEGEND, GAUGE_MARKS, readSimilarity } from "../../capture/similarity-gauge";
import type { CaptureOverlay } from "../overlay";
import { actions, button, waitForChoice } from "./controls";

export function askAfterVerdict(
  overlay: CaptureOverlay,
  verdict: CompareResult,
  canRetake: boolean,
  /** What the result means; by default the catalogue's text for a compare's result code. */
  description = describeCompareResult(verdict.result).description,
): Promise<"retake" | "done"> {
  overlay.setStage("hidden");
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
            h("p", {}, description),
            reading
              ? similarityGauge(reading.score, reading.band, reading.summary)
              : h("p", { class: "muted" }, "Tencent gives no similarity score for this result."),
          ),
        ),
        requestIdRow(overlay, verdict.tencentRequestId),
        actions(done, retake),
      );
      overlay.announce(`${verdict.passed ? "Verified" : "Not verified"}. ${description}`);
      overlay.focus(retake ?? done);
    },
    // Closing the verdict is the same as Done: the page already has the result.
    () => "done",
  );
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
