/** The upload's progress bar, the one retry, and Cancel upload. */
import { h } from "../../../ui/dom";
import { t } from "../../../ui/i18n";
import type { CaptureOverlay } from "../overlay";
import { actions, button } from "./controls";

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
      "aria-label": t("upload_label"),
      "aria-valuemin": 0,
      "aria-valuemax": 100,
      "aria-valuenow": 0,
    },
    bar,
  );
  const label = h("p", { class: "muted" }, t("upload_starting"));
  const cancel = button(t("upload_cancel"), onCancel);
  overlay.setBody(h("h3", {}, t("upload_title")), meter, label, actions(cancel));
  overlay.announce(t("upload_announce"));
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
          ? t("upload_progress", formatKb(sentBytes), formatKb(totalBytes), percent)
          : t("upload_waiting");
      if (percent === 100) overlay.announce(t("upload_sent_announce"));
    },
    retrying() {
      label.textContent = t("upload_retrying");
      overlay.announce(t("upload_retrying_announce"));
    },
  };
}

function formatKb(bytes: number): string {
  return t("upload_kilobytes", Math.max(1, Math.round(bytes / 1024)));
}
