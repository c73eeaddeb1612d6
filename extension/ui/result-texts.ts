/**
 * Tencent's CompareFaceLiveness results as the verdict screen tells them, in the UI's language. The shared
 * catalogue (shared/faceid/result-codes.ts) keeps its English, which the Worker's answers and the page's
 * `description` carry; test/extension/result-texts.test.ts holds the two in step.
 */
import { type MessageKey, t } from "./i18n";

export const COMPARE_RESULT_TEXTS: Readonly<Record<string, MessageKey>> = {
  Success: "result_success",
  "FailedOperation.CompareLowSimilarity": "result_compare_low_similarity",
  "FailedOperation.ActionFirstAction": "result_action_first_action",
  "FailedOperation.SilentTooShort": "result_silent_too_short",
  "FailedOperation.SilentFaceDetectFail": "result_silent_face_detect_fail",
  "FailedOperation.SilentMultiFaceFail": "result_silent_multi_face_fail",
  "FailedOperation.LifePhotoDetectNoFaces": "result_life_photo_detect_no_faces",
  "FailedOperation.LifePhotoDetectFaces": "result_life_photo_detect_faces",
  "FailedOperation.LifePhotoPoorQuality": "result_life_photo_poor_quality",
  // Tencent's own spelling of the code.
  "FailedOperation.LivessDetectFake": "result_liveness_detect_fake",
  "FailedOperation.ActionLightDark": "result_action_light_dark",
  "FailedOperation.ActionLightStrong": "result_action_light_strong",
  "FailedOperation.ActionNodetectFace": "result_action_no_face",
  "FailedOperation.ActionOpenMouth": "result_action_open_mouth",
  "FailedOperation.ActionCloseEye": "result_action_close_eye",
  "FailedOperation.ActionFaceClose": "result_action_face_close",
  "FailedOperation.ActionFaceFar": "result_action_face_far",
  "FailedOperation.ActionFaceLeft": "result_action_face_left",
  "FailedOperation.ActionFaceRight": "result_action_face_right",
  "FailedOperation.ImageBlur": "result_image_blur",
  "FailedOperation.ImageDecodeFailed": "result_image_decode_failed",
  "FailedOperation.ImageSizeTooLarge": "result_image_size_too_large",
};

/** The result's text in the UI's language, or `english` (the catalogue's) for a code with no message. */
export function compareResultText(code: string, english: string): string {
  const key = Object.hasOwn(COMPARE_RESULT_TEXTS, code) ? COMPARE_RESULT_TEXTS[code] : undefined;
  return key ? t(key) : english;
}
