/**
 * The liveness actions as the extension names them to people: in the overlay's instructions (content script)
 * and the popup's capture form. Here, in the UI shared by every context, so no context imports another's code.
 */
import type { LivenessActionName } from "../../shared/faceid/types";

export const ACTION_LABELS: Readonly<Record<LivenessActionName, string>> = {
  open_mouth: "open your mouth",
  blink: "blink",
  nod: "nod",
  shake_head: "shake your head",
};
