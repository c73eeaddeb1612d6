/**
 * The words the person being verified sees and hears (through the live region), in one place so that the
 * overlay, the tests and a future translation share them.
 */
import type { ExtensionErrorCode } from "../../../shared/page-protocol";
import type { PromptKind } from "./timeline";

export interface Prompt {
  title: string;
  hint: string;
}

export const PROMPTS: Readonly<Record<PromptKind, Prompt>> = {
  look_at_camera: { title: "Look at the camera", hint: "Keep your face inside the oval." },
  hold_still: { title: "Hold still", hint: "Look at the camera and keep your face inside the oval." },
  open_mouth: { title: "Open your mouth", hint: "Open it wide, then close it again." },
  blink: { title: "Blink", hint: "Close your eyes and open them again, slowly." },
  nod: { title: "Nod your head", hint: "Move your head down, then back up." },
  shake_head: { title: "Shake your head", hint: "Turn your head left and right, slowly." },
};

/** Why the camera could not start, as the overlay explains it. */
export type CameraProblem = "permission-denied" | "no-camera" | "camera-in-use" | "unsupported" | "failed";

export interface CameraProblemScreen {
  title: string;
  /** What to do, in order. */
  steps: string[];
  /** What the page is told if the agent gives up. */
  code: ExtensionErrorCode;
}

export const CAMERA_PROBLEMS: Readonly<Record<CameraProblem, CameraProblemScreen>> = {
  "permission-denied": {
    title: "Camera access is blocked",
    steps: [
      "Click the camera or lock icon at the left of the address bar.",
      "Set Camera to Allow for this site.",
      "Press Try again.",
    ],
    code: "camera_denied",
  },
  "no-camera": {
    title: "No camera found",
    steps: [
      "Connect a camera, or turn on the built-in one.",
      "If it has a privacy switch or cover, open it.",
      "Press Try again.",
    ],
    code: "no_camera",
  },
  "camera-in-use": {
    title: "The camera is in use",
    steps: [
      "Close other apps or tabs that use the camera (video calls, other verifications).",
      "Or choose another camera below.",
      "Press Try again.",
    ],
    code: "camera_in_use",
  },
  unsupported: {
    title: "This page cannot use the camera",
    steps: ["The page must be served over https.", "Ask the partner to enable camera access for this page."],
    code: "camera_denied",
  },
  failed: {
    title: "The camera could not start",
    steps: ["Unplug and reconnect the camera, or choose another one.", "Press Try again."],
    code: "camera_in_use",
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
