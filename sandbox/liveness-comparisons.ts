/**
 * The other selfie verifications in the sandbox: VideoLivenessCompare (photo and video at URLs;
 * tencentcloud.com/document/api/1061/74297) and the legacy LivenessCompare (base64 or URLs, LIP mode too; 36939).
 * Parameter rules follow their pages; the outcome follows CompareFaceLiveness's sandbox
 * (./compare-face-liveness.ts): base64 media are read (container, duration), a marked photo asks for an outcome,
 * and media known only by URL verify as Success (./resource-urls.ts: the sandbox downloads nothing), with a Sim
 * derived from what was sent. Business failures come back in `Result`, as at Tencent.
 */
import { encodeBase64 } from "../shared/base64";
import { MIN_VIDEO_SECONDS } from "../shared/faceid/limits";
import { describeCompareResult, isApiErrorCode, isCompareResultCode } from "../shared/faceid/result-codes";
import { probeVideo } from "../shared/media/probe";
import { readLivenessVideo, readReferenceImage } from "./compare-media";
import { readSandboxOutcome } from "./outcome-marker";
import { CatalogueParameters } from "./parameters";
import { checkMd5, checkResourceUrl, textBytes } from "./resource-urls";
import { SAMPLE_BEST_FRAME, sampleFileInfo } from "./sample-files";
import { sandboxSimilarity } from "./similarity";
import { TencentApiError } from "./tencent-response";

type Answer = Record<string, unknown>;

export async function videoLivenessCompare(params: Record<string, unknown>, origin: string): Promise<Answer> {
  const reader = new CatalogueParameters("VideoLivenessCompare", params);
  const imageUrl = checkResourceUrl("ImageUrl", reader.string("ImageUrl") ?? "");
  const imageMd5 = checkMd5("ImageMd5", reader.string("ImageMd5") ?? "");
  const videoUrl = checkResourceUrl("VideoUrl", reader.string("VideoUrl") ?? "");
  const videoMd5 = checkMd5("VideoMd5", reader.string("VideoMd5") ?? "");
  checkLiveness(reader.string("LivenessType") ?? "", reader.string("ValidateData"));
  return {
    Sim: await sandboxSimilarity(textBytes(imageUrl, imageMd5), textBytes(videoUrl, videoMd5), "match"),
    Result: "Success",
    Description: describeCompareResult("Success").description,
    BestFrame: await sampleFileInfo("best-frame.jpg", origin),
  };
}

export async function livenessCompare(params: Record<string, unknown>): Promise<Answer> {
  const reader = new CatalogueParameters("LivenessCompare", params);
  checkLiveness(reader.string("LivenessType") ?? "", reader.string("ValidateData"));
  const frames = bestFrameCount(reader.string("Optional"));
  // "If both are provided, only ImageBase64 (VideoBase64) will be used."
  const imageBase64 = reader.string("ImageBase64");
  const videoBase64 = reader.string("VideoBase64");
  const image = imageBase64 === undefined ? undefined : readReferenceImage(imageBase64);
  const video = videoBase64 === undefined ? undefined : readLivenessVideo(videoBase64);
  const imageBytes = image?.bytes ?? textBytes(checkResourceUrl("ImageUrl", reader.string("ImageUrl") ?? ""));
  const videoBytes = video?.bytes ?? textBytes(checkResourceUrl("VideoUrl", reader.string("VideoUrl") ?? ""));

  const marker = image === undefined ? undefined : readSandboxOutcome(image.bytes);
  let result: string;
  if (marker !== undefined) result = requestedOutcome(marker);
  else if (image?.tooLarge) result = "FailedOperation.LifePhotoSizeError";
  else if (video !== undefined) {
    const seconds = probeVideo(video.bytes).durationSeconds;
    if (seconds === null) {
      throw new TencentApiError(
        "FailedOperation.CompressVideoError",
        `The ${video.container.toUpperCase()} video could not be read.`,
      );
    }
    result = seconds < MIN_VIDEO_SECONDS ? "FailedOperation.SilentTooShort" : "Success";
  } else result = "Success";

  const compared = result === "Success" || result === "FailedOperation.CompareLowSimilarity";
  // The best frame is a JPEG: the photo itself when it is one, the sandbox's sample otherwise.
  const bestFrame = !compared
    ? ""
    : image?.type === "jpeg" && imageBase64 !== undefined
      ? imageBase64
      : encodeBase64(SAMPLE_BEST_FRAME.bytes);
  return {
    BestFrameBase64: bestFrame,
    Sim: compared
      ? await sandboxSimilarity(imageBytes, videoBytes, result === "Success" ? "match" : "low")
      : 0,
    Result: result,
    Description: describeCompareResult(result).description,
    // "Returned only when multiple best screenshots are configured to be returned."
    BestFrameList: compared && frames > 1 ? Array.from({ length: frames }, () => bestFrame) : [],
  };
}

// ---------------------------------------------------------------------------------------------------------

/**
 * LIP: a 4-digit code to read out; ACTION: one or two distinct action codes 1–4, comma-separated ("2,1");
 * SILENT: none (74297, 36939).
 */
function checkLiveness(livenessType: string, validateData: string | undefined): void {
  switch (livenessType) {
    case "SILENT":
      if (validateData) throw invalid("ValidateData must be empty when LivenessType is SILENT.");
      return;
    case "LIP":
      if (validateData === undefined)
        throw new TencentApiError("MissingParameter", "ValidateData is required when LivenessType is LIP.");
      if (!/^\d{4}$/.test(validateData)) throw invalid("ValidateData must be a 4-digit code for LIP.");
      return;
    case "ACTION": {
      if (validateData === undefined)
        throw new TencentApiError(
          "MissingParameter",
          "ValidateData is required when LivenessType is ACTION.",
        );
      const codes = validateData.split(",");
      if (!/^[1-4](,[1-4])?$/.test(validateData) || new Set(codes).size !== codes.length)
        throw invalid(
          'ValidateData must be one or two distinct action codes 1–4, comma-separated (e.g. "2,1").',
        );
      return;
    }
    default:
      throw invalid("LivenessType must be LIP, ACTION or SILENT.");
  }
}

/** Optional: `{"BestFrameNum": 2..10}` asks for several best frames (36939). */
function bestFrameCount(optional: string | undefined): number {
  if (optional === undefined || optional === "") return 1;
  let parsed: unknown;
  try {
    parsed = JSON.parse(optional);
  } catch {
    throw invalid('Optional must be a JSON object such as {"BestFrameNum": 2}.');
  }
  const count = (parsed as { BestFrameNum?: unknown } | null)?.BestFrameNum;
  if (count === undefined) return 1;
  if (!Number.isInteger(count) || (count as number) < 2 || (count as number) > 10)
    throw invalid("Optional.BestFrameNum must be an integer from 2 to 10.");
  return count as number;
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

function invalid(message: string): TencentApiError {
  return new TencentApiError("InvalidParameterValue", message);
}
