/**
 * What a guided capture needs from where it runs. The capture itself (flow.ts, the overlay's screens, the
 * camera, recorder, remux and upload) is one source; two hosts run it:
 * - the extension's content script (../extension-host.ts): settings, minted session tokens and the agent's
 *   history come from the background, and the overlay is a modal dialog over the partner's page;
 * - the `<faceid-capture>` web component (sdk/): the page gives the session token, the gateway is the one that
 *   served the component, and the overlay sits inside the element.
 * Nothing here may need a browser-extension API: the web component bundles this module on partner pages.
 */
import type { LivenessActionName, LivenessType } from "../../../shared/faceid/types";
import type { CompareResult } from "../../../shared/rest/api";
import type { CaptureSettings } from "../../messaging/protocol";
import type { CaptureOverlay } from "../overlay/overlay";

export type Liveness = { livenessType: LivenessType; actions: LivenessActionName[] } | null;

export interface CaptureHost {
  /** The overlay for one capture, where this host shows it; the flow destroys it when it ends. */
  openOverlay(): CaptureOverlay;
  /** Before the camera starts: the gateway to upload to and the capture's timings. */
  prepare(): Promise<CaptureSettings>;
  /**
   * A session token for a capture whose request brought none (the flow's retakes share it, and so its
   * attempts); `purpose` says which calls it must allow. Rejects when this host cannot mint one.
   */
  mintSession(request: SessionRequest): Promise<string>;
  /** After each verdict, before the page and the overlay learn it: the host's own record of it. */
  recordVerdict(source: "page" | "agent", liveness: Liveness, verdict: CompareResult): Promise<void>;
  /**
   * Whether the person may go on when the face checks before recording fail (issue 16: the agent always may;
   * on a partner page, only with the component's `allow-override`): the ready screen then offers "Record
   * anyway", and the override is recorded with the attempt.
   */
  readonly allowOverride: boolean;
  /**
   * The face detector's page (extension/detector/), which the overlay embeds as a hidden frame: the
   * extension's own, or the one the gateway serves beside the component.
   */
  readonly detectorPage: string;
  /** The language asked for (the page protocol's `locale`, the component's attribute); null: the browser's. */
  readonly locale: string | null;
}

export type SessionRequest =
  | { purpose: "capture"; flowId: string; livenessType: LivenessType; actions: LivenessActionName[] }
  | { purpose: "handoff"; flowId: string; liveness: Liveness };
