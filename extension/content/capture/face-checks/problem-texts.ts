/**
 * What to say for each problem: a short instruction, and a hint in the words of Tencent's own result code
 * for the same failure where there is one (shared/faceid/result-codes.ts), so the agent hears before the
 * recording what Tencent would otherwise answer after it. Message keys, read with `t()` when a screen shows
 * them (the language is chosen per capture).
 */
import type { MessageKey } from "../../../ui/i18n";
import type { FaceProblem } from "./frame-checks";

export interface ProblemText {
  title: MessageKey;
  hint: MessageKey;
  /** The Tencent code whose failure this check prevents. */
  tencentCode?: string;
}

export const FACE_PROBLEM_TEXTS: Readonly<Record<FaceProblem, ProblemText>> = {
  too_dark: {
    title: "face_problem_too_dark_title",
    hint: "face_problem_too_dark_hint",
    tencentCode: "FailedOperation.ActionLightDark",
  },
  too_bright: {
    title: "face_problem_too_bright_title",
    hint: "face_problem_too_bright_hint",
    tencentCode: "FailedOperation.ActionLightStrong",
  },
  no_face: {
    title: "face_problem_no_face_title",
    hint: "face_problem_no_face_hint",
    tencentCode: "FailedOperation.SilentFaceDetectFail",
  },
  multiple_faces: {
    title: "face_problem_multiple_faces_title",
    hint: "face_problem_multiple_faces_hint",
    tencentCode: "FailedOperation.SilentMultiFaceFail",
  },
  outside_oval: {
    title: "face_problem_outside_oval_title",
    hint: "face_problem_outside_oval_hint",
  },
  too_far: {
    title: "face_problem_too_far_title",
    hint: "face_problem_too_far_hint",
    tencentCode: "FailedOperation.ActionFaceFar",
  },
  too_close: {
    title: "face_problem_too_close_title",
    hint: "face_problem_too_close_hint",
    tencentCode: "FailedOperation.ActionFaceClose",
  },
  not_frontal: {
    title: "face_problem_not_frontal_title",
    hint: "face_problem_not_frontal_hint",
  },
};
