/**
 * What the person being verified is asked to do, and what the agent is told when the camera fails: message
 * keys, read with `t()` when a screen shows them (the language is chosen per capture).
 */
import type { ExtensionErrorCode } from "../../../shared/page-protocol";
import type { MessageKey } from "../../ui/i18n";
import type { PromptKind } from "./timeline";

export interface Prompt {
  title: MessageKey;
  hint: MessageKey;
  /** The same inside a sentence ("First: open your mouth."). */
  inSentence: MessageKey;
}

export const PROMPTS: Readonly<Record<PromptKind, Prompt>> = {
  look_at_camera: {
    title: "prompt_look_at_camera_title",
    hint: "prompt_look_at_camera_hint",
    inSentence: "action_look_at_camera",
  },
  hold_still: {
    title: "prompt_hold_still_title",
    hint: "prompt_hold_still_hint",
    inSentence: "action_hold_still",
  },
  open_mouth: {
    title: "prompt_open_mouth_title",
    hint: "prompt_open_mouth_hint",
    inSentence: "action_open_mouth",
  },
  blink: {
    title: "prompt_blink_title",
    hint: "prompt_blink_hint",
    inSentence: "action_blink",
  },
  nod: {
    title: "prompt_nod_title",
    hint: "prompt_nod_hint",
    inSentence: "action_nod",
  },
  shake_head: {
    title: "prompt_shake_head_title",
    hint: "prompt_shake_head_hint",
    inSentence: "action_shake_head",
  },
};

/** Why the camera could not start, or why it stopped, as the overlay explains it. */
export type CameraProblem =
  | "permission-denied"
  | "no-camera"
  | "camera-in-use"
  | "unsupported"
  | "failed"
  | "disconnected";

export interface CameraProblemScreen {
  title: MessageKey;
  /** What to do, in order. */
  steps: MessageKey[];
  /** What the page is told if the agent gives up. */
  code: ExtensionErrorCode;
  /** Whether trying again can help; if not, the screen only lets the agent give up. */
  canRetry: boolean;
}

export const CAMERA_PROBLEMS: Readonly<Record<CameraProblem, CameraProblemScreen>> = {
  "permission-denied": {
    title: "camera_denied_title",
    steps: ["camera_denied_step_1", "camera_denied_step_2", "camera_step_press_try_again"],
    code: "camera_denied",
    canRetry: true,
  },
  "no-camera": {
    title: "camera_missing_title",
    steps: ["camera_missing_step_1", "camera_missing_step_2", "camera_step_press_try_again"],
    code: "no_camera",
    canRetry: true,
  },
  "camera-in-use": {
    title: "camera_in_use_title",
    steps: ["camera_in_use_step_1", "camera_in_use_step_2", "camera_step_press_try_again"],
    code: "camera_in_use",
    canRetry: true,
  },
  unsupported: {
    title: "camera_unsupported_title",
    steps: ["camera_unsupported_step_1", "camera_unsupported_step_2"],
    code: "camera_denied",
    canRetry: false,
  },
  failed: {
    title: "camera_failed_title",
    steps: ["camera_failed_step_1", "camera_step_press_try_again"],
    code: "camera_in_use",
    canRetry: true,
  },
  /** The camera went away while open: unplugged, taken by another application, or its driver failed. */
  disconnected: {
    title: "camera_disconnected_title",
    steps: ["camera_disconnected_step_1", "camera_step_press_try_again"],
    code: "camera_disconnected",
    canRetry: true,
  },
};

/** Classifies getUserMedia's DOMException by name (Media Capture and Streams §9.2). */
export function classifyCameraError(error: unknown): CameraProblem {
  const name = typeof error === "object" && error !== null ? String((error as { name?: unknown }).name) : "";
  switch (name) {
    case "NotAllowedError":
    case "PermissionDeniedError":
      return "permission-denied";
    case "NotFoundError":
    case "DevicesNotFoundError":
    case "OverconstrainedError":
      return "no-camera";
    case "NotReadableError":
    case "TrackStartError":
    case "AbortError":
      return "camera-in-use";
    case "SecurityError":
    case "TypeError":
      return "unsupported";
    default:
      return "failed";
  }
}
