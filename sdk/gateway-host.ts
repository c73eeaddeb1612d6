/**
 * The capture's host on a partner's own page (extension/content/capture/host.ts), with no extension: the page
 * gives the session token (its backend minted it), the uploads go straight to the gateway's REST API (the one
 * that served this script), and the overlay sits inline in the element's shadow root. Nothing is kept: the
 * partner's backend has the session record and the verdict token.
 */

import type { CaptureHost } from "../extension/content/capture/host";
import { CaptureOverlay } from "../extension/content/overlay/overlay";
import { ExtensionError } from "../extension/messaging/errors";
import { COUNTDOWN_SECONDS, RECORDING_SECONDS } from "../extension/settings/settings";

export interface GatewayHostOptions {
  /** The element's shadow root, its styles applied: the overlay goes inside. */
  root: ShadowRoot;
  /** The gateway's origin, e.g. https://faceid.edge.example.com. */
  gatewayUrl: string;
  allowOverride: boolean;
  locale: string | null;
  /** Where the component's script was served from (/sdk/<release>/capture.js). */
  componentUrl: string;
  /** Told of each overlay as it opens, so the element can close it when it leaves the page. */
  onOverlay(overlay: CaptureOverlay): void;
}

export function gatewayHost(options: GatewayHostOptions): CaptureHost {
  return {
    openOverlay: () => {
      const overlay = new CaptureOverlay(`For ${location.host}`, {
        root: options.root,
        modal: false,
        remove: () => undefined,
      });
      options.onOverlay(overlay);
      return overlay;
    },
    prepare: async () => ({
      workerUrl: options.gatewayUrl,
      recordingSeconds: RECORDING_SECONDS.default,
      countdownSeconds: COUNTDOWN_SECONDS.default,
      cameraLabel: null,
    }),
    // The element refuses to start without the page's token, so the flow never asks for another.
    mintSession: () =>
      Promise.reject(new ExtensionError("invalid_request", "session-token is required on <faceid-capture>.")),
    // The verdict goes to the page as an event; its signed token is the partner backend's record.
    recordVerdict: async () => undefined,
    allowOverride: options.allowOverride,
    // The detector's page, served beside the component (scripts/build-sdk.mjs): a frame of the gateway's origin.
    detectorPage: new URL("detector/detector.html", options.componentUrl).href,
    locale: options.locale,
  };
}
