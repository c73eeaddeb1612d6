/**
 * What to say for each problem: a short instruction, and a hint in the words of Tencent's own result code
 * for the same failure where there is one (shared/faceid/result-codes.ts), so the agent hears before the
 * recording what Tencent would otherwise answer after it.
 */
import type { FaceProblem } from "./frame-checks";

export interface ProblemText {
  title: string;
  hint: string;
  /** The Tencent code whose failure this check prevents. */
  tencentCode?: string;
}

export const FACE_PROBLEM_TEXTS: Record<FaceProblem, ProblemText> = {
  too_dark: {
    title: "Too dark",
    hint: "The face is too dark. Move to a brighter place.",
    tencentCode: "FailedOperation.ActionLightDark",
  },
  too_bright: {
    title: "Too bright",
    hint: "The face is over-exposed. Avoid strong direct light or backlight.",
    tencentCode: "FailedOperation.ActionLightStrong",
  },
  no_face: {
    title: "No face found",
    hint: "Keep the whole face in the frame, facing the camera.",
    tencentCode: "FailedOperation.SilentFaceDetectFail",
  },
  multiple_faces: {
    title: "More than one face",
    hint: "Make sure only the person verifying is in view.",
    tencentCode: "FailedOperation.SilentMultiFaceFail",
  },
  outside_oval: {
    title: "Centre your face in the oval",
    hint: "Move until your face is in the middle of the oval.",
  },
  too_far: {
    title: "Move closer",
    hint: "The face is too far from the camera. Move closer.",
    tencentCode: "FailedOperation.ActionFaceFar",
  },
  too_close: {
    title: "Move back a little",
    hint: "The face is too close to the camera. Move back a little.",
    tencentCode: "FailedOperation.ActionFaceClose",
  },
  not_frontal: {
    title: "Look straight at the camera",
    hint: "Turn your head to face the camera.",
  },
};
