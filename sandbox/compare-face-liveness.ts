/**
 * CompareFaceLiveness in the sandbox (tencent-faceid.md §4). After the parameter rules, the outcome is:
 * 1. the one the reference image's outcome marker asks for (./outcome-marker.ts), when it has one;
 * 2. else what the media says: an image over 3 MB → FailedOperation.ImageSizeTooLarge; an image whose
 *    header cannot be read → FailedOperation.ImageDecodeFailed; a video whose duration cannot be read →
 *    API error FailedOperation.CompressVideoError; a video under 2 s → FailedOperation.SilentTooShort;
 * 3. else Success, with a Sim derived from the input bytes.
 * Business failures come back in `Result` without an Error object, as Tencent does.
 */

import { encodeBase64 } from "../shared/base64";
import { MIN_VIDEO_SECONDS } from "../shared/faceid/limits";
import { describeCompareResult, isApiErrorCode, isCompareResultCode } from "../shared/faceid/result-codes";
import type { CompareFaceLivenessResponse } from "../shared/faceid/types";
import { probeVideo } from "../shared/media/probe";
import {
  type LivenessVideo,
  type ReferenceImage,
  readLivenessVideo,
  readReferenceImage,
} from "./compare-media";
import { imageDimensions } from "./image-structure";
import { readSandboxOutcome } from "./outcome-marker";
import { ActionParameters } from "./parameters";
import { SAMPLE_BEST_FRAME } from "./sample-files";
import { sandboxSimilarity } from "./similarity";
import { TencentApiError } from "./tencent-response";

type ComparePayload = Omit<CompareFaceLivenessResponse, "RequestId">;

const PARAMETERS = ["ImageBase64", "VideoBase64", "LivenessType", "ValidateData"] as const;

export async function compareFaceLiveness(params: Record<string, unknown>): Promise<ComparePayload> {
  const reader = new ActionParameters(params, PARAMETERS);
  const imageBase64 = reader.requiredString("ImageBase64");
  const videoBase64 = reader.requiredString("VideoBase64");
  checkLiveness(reader.requiredString("LivenessType"), reader.optionalString("ValidateData"));
  const image = readReferenceImage(imageBase64);
  const video = readLivenessVideo(videoBase64);

  const requested = readSandboxOutcome(image.bytes);
  const outcome = requested === undefined ? naturalOutcome(image, video) : requestedOutcome(requested);
  return answer(outcome, image, video, imageBase64);
}

/** ACTION takes one or two distinct action codes 1–4 ("4,2"); SILENT takes none. */
function checkLiveness(livenessType: string, validateData: string | undefined): void {
  if (livenessType === "SILENT") {
    if (validateData) throw invalid("ValidateData must be empty when LivenessType is SILENT.");
    return;
  }
  if (livenessType !== "ACTION") throw invalid("LivenessType must be ACTION or SILENT.");
  if (validateData === undefined) {
    throw new TencentApiError("MissingParameter", "ValidateData is required when LivenessType is ACTION.");
  }
  const codes = validateData.split(",");
  if (!/^[1-4](,[1-4])?$/.test(validateData) || new Set(codes).size !== codes.length) {
    throw invalid('ValidateData must be one or two distinct action codes 1–4, comma-separated (e.g. "4,2").');
  }
}

function requestedOutcome(code: string): string {
  if (isCompareResultCode(code)) return code;
  if (isApiErrorCode(code)) {
    throw new TencentApiError(code, `Sandbox outcome marker: ${describeCompareResult(code).description}`);
  }
  throw invalid(
    `The sandbox outcome marker asks for ${JSON.stringify(code.slice(0, 80))}, which is not a known code.`,
  );
}

function naturalOutcome(image: ReferenceImage, video: LivenessVideo): string {
  if (image.tooLarge) return "FailedOperation.ImageSizeTooLarge";
  if (imageDimensions(image.bytes, image.type) === undefined) return "FailedOperation.ImageDecodeFailed";
  const seconds = probeVideo(video.bytes).durationSeconds;
  if (seconds === null) {
    throw new TencentApiError(
      "FailedOperation.CompressVideoError",
      `The ${video.container.toUpperCase()} video could not be read.`,
    );
  }
  return seconds < MIN_VIDEO_SECONDS ? "FailedOperation.SilentTooShort" : "Success";
}

async function answer(
  result: string,
  image: ReferenceImage,
  video: LivenessVideo,
  imageBase64: string,
): Promise<ComparePayload> {
  const compared = result === "Success" || result === "FailedOperation.CompareLowSimilarity";
  return {
    Result: result,
    Description: describeCompareResult(result).description,
    // Sim is meaningful only when the faces were compared (tencent-faceid.md §4); 0 otherwise.
    Sim: compared
      ? await sandboxSimilarity(image.bytes, video.bytes, result === "Success" ? "match" : "low")
      : 0,
    // The reference photo stands in for the best frame when it is a JPEG, as BestFrameBase64 must be.
    BestFrameBase64: compared
      ? image.type === "jpeg"
        ? imageBase64
        : encodeBase64(SAMPLE_BEST_FRAME.bytes)
      : null,
  };
}

function invalid(message: string): TencentApiError {
  return new TencentApiError("InvalidParameterValue", message);
}
