/** The upload's progress bar, the one retry, and Cancel upload. */
import { h } from "../../../ui/dom";
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
      "aria-label": "Upload",
      "aria-valuemin": 0,
      "aria-valuemax": 100,
      "aria-valuenow": 0,
    },
    bar,
  );
  const label = h("p", { class: "muted" }, "Starting the upload…");
  const cancel = button("Cancel upload", onCancel);
  overlay.setBody(h("h3", {}, "Sending the video for verification"), meter, label, actions(cancel));
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

function formatKb(bytes: number): string {
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
