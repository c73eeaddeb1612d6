/**
 * DetectAIFakeFaces in the sandbox (AI Face Shield; tencentcloud.com/document/api/1061/64467): the attack risk
 * of a face photo (FaceInputType 1: JPG or PNG) or video (2: MP4, AVI or FLV, at most 20 s). The media are
 * read as Tencent reads them: strict base64, type by magic bytes, a decodable image, a video whose duration
 * can be read (errors and their texts from the intl Go SDK's errors.go). What the sandbox cannot judge, the
 * risk, is "Low" unless a photo's outcome marker (./outcome-marker.ts) asks for "Mid" or "High" (each with a
 * detected trace, as the page says only those carry one), or for one of the action's error codes.
 */
import { checkBase64, decodeBase64, decodeBase64Prefix } from "../shared/base64";
import { isApiErrorCode } from "../shared/faceid/result-codes";
import { probeVideo } from "../shared/media/probe";
import { SNIFF_BYTES, sniffImageType, sniffVideoContainer } from "../shared/media/sniff";
import { imageDimensions } from "./image-structure";
import { readSandboxOutcome } from "./outcome-marker";
import { CatalogueParameters } from "./parameters";
import { refuseEncryptedFields } from "./sensitive-data";
import { TencentApiError } from "./tencent-response";

type RiskLevel = "Low" | "Mid" | "High";

/** "The maximum video duration supported by the current interface is 20s." */
const MAX_VIDEO_SECONDS = 20;

export async function detectAiFakeFaces(params: Record<string, unknown>): Promise<Record<string, unknown>> {
  const reader = new CatalogueParameters("DetectAIFakeFaces", params);
  // The encrypted form carries FaceInput and FaceInputType inside EncryptedBody, which needs a KMS key.
  refuseEncryptedFields(reader, ["Encryption", "EncryptedBody"], "InvalidParameterValue");
  const faceInput = reader.requiredString("FaceInput", "unless the request is encrypted");
  const inputType = reader.number("FaceInputType");
  if (inputType === undefined) {
    throw new TencentApiError(
      "MissingParameter",
      "The parameter FaceInputType is required unless the request is encrypted.",
    );
  }
  const form = checkBase64(faceInput);
  if (form !== undefined) {
    throw new TencentApiError(
      "InvalidParameterValue",
      `FaceInput is not standard base64 (RFC 4648 with = padding): ${form}.`,
    );
  }
  const head = decodeBase64Prefix(faceInput, SNIFF_BYTES);
  let level: RiskLevel = "Low";
  if (inputType === 1) {
    const type = sniffImageType(head);
    if (type !== "jpeg" && type !== "png")
      throw new TencentApiError(
        "InvalidParameterValue",
        "FaceInput must be a JPG or PNG image when FaceInputType is 1.",
      );
    const bytes = decodeBase64(faceInput);
    if (imageDimensions(bytes, type) === undefined) throw failed("FailedOperation.ImageDecodeFailed");
    const marker = readSandboxOutcome(bytes);
    if (marker !== undefined) level = requestedLevel(marker);
  } else if (inputType === 2) {
    const container = sniffVideoContainer(head);
    if (container !== "mp4" && container !== "avi" && container !== "flv")
      throw new TencentApiError(
        "InvalidParameterValue",
        "FaceInput must be an MP4, AVI or FLV video when FaceInputType is 2.",
      );
    const seconds = probeVideo(decodeBase64(faceInput)).durationSeconds;
    if (seconds === null) throw failed("FailedOperation.VideoDecodeFailed");
    if (seconds > MAX_VIDEO_SECONDS) throw failed("FailedOperation.VideoDurationExceeded");
  } else {
    // "Other: Return error code InvalidParameter."
    throw new TencentApiError("InvalidParameter", "FaceInputType must be 1 (image) or 2 (video).");
  }
  return {
    AttackRiskLevel: level,
    // "Returned only when AttackRiskLevel is High or Mid … an empty array if no attack traces are detected."
    AttackRiskDetailList: level === "Low" ? [] : [{ Type: "SuspectedSpoofingAttack" }],
    ExtraInfo: { RetrievalLivenessExtraInfo: [] },
  };
}

const ERRORS: Readonly<Record<string, string>> = {
  "FailedOperation.CoveredFace":
    "The face in the picture is blocked, please upload a picture without any blockage",
  "FailedOperation.ImageDecodeFailed": "Image decoding failed.",
  "FailedOperation.IncompleteFace": "No complete face was detected. Please enter a complete face image.",
  "FailedOperation.PoorImageQuality": "The image quality is too poor, please check the image quality",
  "FailedOperation.VideoDecodeFailed": "Video decoding abnormality",
  "FailedOperation.VideoDurationExceeded":
    "The video duration is too long. The maximum video duration supported by the current interface is 20s.",
};

function requestedLevel(marker: string): RiskLevel {
  if (marker === "Low" || marker === "Mid" || marker === "High") return marker;
  if (Object.hasOwn(ERRORS, marker)) throw failed(marker);
  if (isApiErrorCode(marker)) throw new TencentApiError(marker, `Sandbox outcome marker: ${marker}.`);
  throw new TencentApiError(
    "InvalidParameterValue",
    `The sandbox outcome marker asks for ${JSON.stringify(marker.slice(0, 80))}; use Low, Mid, High or an error code of DetectAIFakeFaces.`,
  );
}

function failed(code: string): TencentApiError {
  return new TencentApiError(code, ERRORS[code] ?? code);
}
