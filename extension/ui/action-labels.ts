/**
 * The liveness actions as the popup's capture form names them (message keys, read with `t()`). Here, in the UI
 * shared by every context, so the popup imports nothing of the overlay's guidance.
 */
import type { LivenessActionName } from "../../shared/faceid/types";
import type { MessageKey } from "./i18n";

/** On their own, as an instruction ("Open your mouth"): the overlay's prompts and the popup's choices. */
export const ACTION_TITLES: Readonly<Record<LivenessActionName, MessageKey>> = {
  open_mouth: "prompt_open_mouth_title",
  blink: "prompt_blink_title",
  nod: "prompt_nod_title",
  shake_head: "prompt_shake_head_title",
};
