/**
 * ApplyLivenessToken and GetLivenessResult in the sandbox (tencent-faceid.md §4). A fresh token's flow is
 * not finished (Result -999) until `POST /sandbox/liveness/<SdkToken>/complete` plays the person's part
 * (./liveness-completion.ts); a flow not finished within 10 minutes reads as 15 (token expired); after 2 hours,
 * or for a token never minted, GetLivenessResult answers InvalidParameterValue.BizTokenExpired / BizTokenIllegal.
 */

import { describeLivenessResult } from "../shared/faceid/result-codes";
import type {
  ApplyLivenessTokenResponse,
  GetLivenessResultResponse,
  SecureLevel,
} from "../shared/faceid/types";
import type { LivenessTokenStore } from "./liveness-tokens";
import { ActionParameters } from "./parameters";
import { sampleFileInfo } from "./sample-files";
import { TencentApiError } from "./tencent-response";

const SECURE_LEVELS: readonly string[] = ["1", "2", "3", "4"] satisfies SecureLevel[];
const DEFAULT_SECURE_LEVEL: SecureLevel = "4";

export async function applyLivenessToken(
  params: Record<string, unknown>,
  tokens: LivenessTokenStore,
): Promise<Omit<ApplyLivenessTokenResponse, "RequestId">> {
  const secureLevel =
    new ActionParameters(params, ["SecureLevel"]).optionalString("SecureLevel") ?? DEFAULT_SECURE_LEVEL;
  if (!SECURE_LEVELS.includes(secureLevel)) {
    throw new TencentApiError(
      "InvalidParameterValue",
      "SecureLevel must be 1 (silent), 2 (blinking), 3 (light) or 4 (blinking + light).",
    );
  }
  return { SdkToken: await tokens.mint(secureLevel as SecureLevel) };
}

/** `origin` is the sandbox's own origin, where the FileInfo URLs of a passed flow point. */
export async function getLivenessResult(
  params: Record<string, unknown>,
  tokens: LivenessTokenStore,
  origin: string,
): Promise<Omit<GetLivenessResultResponse, "RequestId">> {
  const sdkToken = new ActionParameters(params, ["SdkToken"]).requiredString("SdkToken");
  const token = await tokens.state(sdkToken);
  switch (token.state) {
    case "unknown":
      throw new TencentApiError("InvalidParameterValue.BizTokenIllegal", "The SdkToken is not valid.");
    case "results-expired":
      throw new TencentApiError(
        "InvalidParameterValue.BizTokenExpired",
        "The SdkToken has expired: results are kept for 2 hours.",
      );
    case "in-flow":
      return withoutFiles("-999");
    case "flow-expired":
      return withoutFiles("15");
    case "completed":
      if (token.result !== "0") return withoutFiles(token.result);
      return {
        Result: "0",
        Description: describeLivenessResult("0").description,
        BestFrame: await sampleFileInfo("best-frame.jpg", origin),
        Video: await sampleFileInfo("liveness-video.mp4", origin),
      };
  }
}

function withoutFiles(result: string): Omit<GetLivenessResultResponse, "RequestId"> {
  return {
    Result: result,
    Description: describeLivenessResult(result).description,
    BestFrame: null,
    Video: null,
  };
}
