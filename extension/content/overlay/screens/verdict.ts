/**
 * The verdict for the agent: passed or not, the catalogue's description, the similarity gauge, Tencent's best
 * frame and RequestId, then Done, or Retake after a failure the person can fix.
 */
import { decodeBase64 } from "../../../../shared/base64";
import { describeCompareResult } from "../../../../shared/faceid/result-codes";
import type { CompareResult } from "../../../../shared/rest/api";
import { h } from "../../../ui/dom";
import { t } from "../../../ui/i18n";
import { GAUGE_MARKS, gaugeLegend, readSimilarity } from "../../capture/similarity-gauge";
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
      const done = button(t("verdict_done"), () => choose("done"), !canRetake);
      const retake = canRetake ? button(t("verdict_retake"), () => choose("retake"), true) : null;
      const frame = bestFrameView(verdict.bestFrameBase64);
      const reading = readSimilarity(verdict.similarity);
      const outcome = verdict.passed ? t("verdict_passed") : t("verdict_failed");
      overlay.setBody(
        h(
          "div",
          { class: "verdict" },
          frame,
          h(
            "div",
            {},
            h("p", { class: `outcome ${verdict.passed ? "passed" : "failed"}` }, outcome),
            h("p", { class: "result-code" }, verdict.result),
            h("p", {}, description),
            reading
              ? similarityGauge(reading.score, reading.band, reading.summary)
              : h("p", { class: "muted" }, t("verdict_no_similarity")),
          ),
        ),
        requestIdRow(overlay, verdict.tencentRequestId),
        actions(done, retake),
      );
      overlay.announce(t("announce_title_and_text", outcome, description));
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
  if (!base64) return h("div", { class: "no-frame" }, t("verdict_no_frame"));
  const canvas = h("canvas", {
    width: 264,
    height: 352,
    role: "img",
    "aria-label": t("verdict_frame_label"),
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
      canvas.setAttribute("aria-label", t("verdict_frame_failed"));
    }
  })();
  return canvas;
}

function similarityGauge(score: number, band: string, summary: string): HTMLElement {
  const fill = h("div", { class: `gauge-fill ${band}` });
  fill.style.width = `${score}%`;
  const marks = GAUGE_MARKS.map((mark) => {
    const element = h("div", { class: "gauge-mark", "aria-hidden": "true" }, h("span", {}, mark.label));
    element.style.insetInlineStart = `${mark.value}%`;
    return element;
  });
  return h(
    "div",
    { class: "gauge" },
    h(
      "div",
      { class: "gauge-label" },
      h("span", {}, t("verdict_similarity")),
      h("span", {}, t("verdict_score", score)),
    ),
    h(
      "div",
      {
        class: "gauge-track",
        role: "meter",
        "aria-label": t("verdict_similarity"),
        "aria-valuemin": 0,
        "aria-valuemax": 100,
        "aria-valuenow": score,
        "aria-valuetext": `${score}. ${summary}`,
      },
      fill,
      ...marks,
    ),
    h("p", { class: "muted" }, `${summary} ${gaugeLegend()}`),
  );
}

function requestIdRow(overlay: CaptureOverlay, tencentRequestId: string): HTMLElement {
  const code = h("code", {}, tencentRequestId || "—");
  const copy = button(t("common_copy"), async () => {
    try {
      await navigator.clipboard.writeText(tencentRequestId);
      copy.textContent = t("common_copied");
      overlay.announce(t("verdict_request_id_copied"));
    } catch {
      // Clipboard refused (page policy, no focus): select the text so Ctrl+C works.
      const selection = getSelection();
      const range = document.createRange();
      range.selectNodeContents(code);
      selection?.removeAllRanges();
      selection?.addRange(range);
      copy.textContent = t("common_press_ctrl_c");
    }
  });
  copy.setAttribute("aria-label", t("verdict_copy_request_id"));
  return h(
    "div",
    { class: "request-id" },
    h("span", { class: "muted" }, t("verdict_request_id")),
    code,
    tencentRequestId ? copy : null,
  );
}
