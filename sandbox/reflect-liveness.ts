/**
 * The reflection liveness SDK's two calls in the sandbox: GenerateReflectSequence (the light sequence for the
 * device data the SDK uploaded; tencentcloud.com/document/api/1061/47646) and DetectReflectLivenessAndCompare
 * (the liveness package against a photo; 44246). Both read their inputs by URL and MD5, which the sandbox checks
 * for form only (./resource-urls.ts). The sequence is a small file the sandbox serves, and its MD5 is that of
 * the bytes served; a comparison verifies as Success with a Sim derived from what was sent, and a best frame
 * at the sandbox's sample file.
 */
import { describeCompareResult } from "../shared/faceid/result-codes";
import { CatalogueParameters } from "./parameters";
import { checkMd5, checkResourceUrl, textBytes } from "./resource-urls";
import { sampleFileInfo } from "./sample-files";
import { sandboxSimilarity } from "./similarity";
import { TencentApiError } from "./tencent-response";

type Answer = Record<string, unknown>;

export async function generateReflectSequence(
  params: Record<string, unknown>,
  origin: string,
): Promise<Answer> {
  const reader = new CatalogueParameters("GenerateReflectSequence", params);
  checkResourceUrl("DeviceDataUrl", reader.string("DeviceDataUrl") ?? "");
  checkMd5("DeviceDataMd5", reader.string("DeviceDataMd5") ?? "");
  // "1 - silent 2 - blinking 3 - light 4 - blinking + light (default)".
  const level = reader.string("SecurityLevel") ?? "4";
  if (!["1", "2", "3", "4"].includes(level)) {
    throw new TencentApiError("InvalidParameterValue", "SecurityLevel must be 1, 2, 3 or 4.");
  }
  const sequence = await sampleFileInfo("reflect-sequence.json", origin);
  return { ReflectSequenceUrl: sequence.Url, ReflectSequenceMd5: sequence.MD5 };
}

export async function detectReflectLivenessAndCompare(
  params: Record<string, unknown>,
  origin: string,
): Promise<Answer> {
  const reader = new CatalogueParameters("DetectReflectLivenessAndCompare", params);
  const liveData = checkResourceUrl("LiveDataUrl", reader.string("LiveDataUrl") ?? "");
  const liveDataMd5 = checkMd5("LiveDataMd5", reader.string("LiveDataMd5") ?? "");
  const image = checkResourceUrl("ImageUrl", reader.string("ImageUrl") ?? "");
  const imageMd5 = checkMd5("ImageMd5", reader.string("ImageMd5") ?? "");
  const bestFrame = await sampleFileInfo("best-frame.jpg", origin);
  return {
    BestFrameUrl: bestFrame.Url,
    BestFrameMd5: bestFrame.MD5,
    Result: "Success",
    Description: describeCompareResult("Success").description,
    Sim: await sandboxSimilarity(textBytes(image, imageMd5), textBytes(liveData, liveDataMd5), "match"),
  };
}
