/**
 * The flows Tencent's app SDKs run, in the sandbox: selfie verification (GetFaceIdTokenIntl →
 * GetFaceIdResultIntl; tencentcloud.com/document/api/1061/54556, 54557) and eKYC (ApplySdkVerificationToken →
 * GetSdkVerificationResult; 49954, 49951). The minting call's values are checked against its page and kept with
 * the token (./flow-tokens.ts); results are readable for 72 hours and 3 days respectively.
 *
 * There is no app here to finish a flow, so a flow ends only if its minting call asked for an ending: an
 * `Extra` of `faceid-sandbox-outcome=<code>` (the outcome marker's text, ./outcome-marker.ts) finishes it at
 * once with that result code (0 for a pass, or 1001, 1002, 1004, 1005, 1201, 2004, 2012–2017). Any other
 * token reads as not finished: -999, GetFaceIdResultIntl's documented "The verification process wasn't
 * finished" (for GetSdkVerificationResult, whose page lists no codes, the same code by analogy).
 * Tencent returns `Extra` as it was given, so the marker comes back too.
 */
import { encodeBase64 } from "../shared/base64";
import { describeLivenessResult } from "../shared/faceid/result-codes";
import { readReferenceImage } from "./compare-media";
import { FlowTokenStore } from "./flow-tokens";
import { PHOTOGRAPHED_RECORD } from "./identity-records";
import { SANDBOX_OUTCOME_PREFIX } from "./outcome-marker";
import { CatalogueParameters } from "./parameters";
import { textBytes } from "./resource-urls";
import { SAMPLE_BEST_FRAME, sampleFileInfo } from "./sample-files";
import { SAMPLE_LIVENESS_VIDEO_MP4_BASE64 } from "./sample-media";
import { sandboxSimilarity } from "./similarity";
import { TencentApiError } from "./tencent-response";

type Answer = Record<string, unknown>;

const HOUR = 60 * 60;

interface SelfieRequest {
  compare: boolean;
  actions: boolean;
  sdkVersion: string;
  extra: string | null;
  outcome: string | null;
}

interface EkycRequest {
  checkMode: number;
  idCardType: string;
  sdkVersion: string;
  extra: string | null;
  outcome: string | null;
}

export interface AppSdkTokens {
  selfie: FlowTokenStore<SelfieRequest>;
  ekyc: FlowTokenStore<EkycRequest>;
}

export function appSdkTokens(kv: KVNamespace, clock: () => number): AppSdkTokens {
  return {
    // "The SDK token is valid for 72 hours (72*3600s) after generation" (GetFaceIdResultIntl).
    selfie: new FlowTokenStore(kv, "selfie", 72 * HOUR, clock),
    // "The token is valid for three days after issuance" (GetSdkVerificationResult).
    ekyc: new FlowTokenStore(kv, "ekyc", 72 * HOUR, clock),
  };
}

export async function getFaceIdTokenIntl(
  params: Record<string, unknown>,
  tokens: AppSdkTokens,
): Promise<Answer> {
  const reader = new CatalogueParameters("GetFaceIdTokenIntl", params);
  // Its page documents InvalidParameter, not InvalidParameterValue, for values it refuses (54556).
  const refuse = (message: string) => new TencentApiError("InvalidParameter", message);
  const checkMode = oneOf(
    reader.string("CheckMode") ?? "liveness",
    "CheckMode",
    ["liveness", "compare"],
    refuse,
  );
  const secureLevel = oneOf(reader.string("SecureLevel") ?? "4", "SecureLevel", ["1", "2", "3", "4"], refuse);
  if (checkMode === "compare") {
    const image = readReferenceImage(reader.requiredString("Image", "when CheckMode is compare"));
    if (image.tooLarge)
      throw new TencentApiError("FailedOperation.ImageSizeTooLarge", "The image is too large.");
  }
  const actionList = reader.string("ActionList");
  if (actionList !== undefined)
    checkActionList(actionList, secureLevel === "2" || secureLevel === "4", refuse);
  checkRetryLimit(reader.number("RetryLimit"), refuse);
  const extra = reader.string("Extra") ?? null;
  const sdkVersion = oneOf(reader.string("SdkVersion") ?? "BASIC", "SdkVersion", SDK_VERSIONS, refuse);
  const token = await tokens.selfie.mint({
    compare: checkMode === "compare",
    actions: secureLevel === "2" || secureLevel === "4",
    sdkVersion,
    extra,
    outcome: requestedOutcome(extra, refuse),
  });
  return { SdkToken: token };
}

export async function getFaceIdResultIntl(
  params: Record<string, unknown>,
  tokens: AppSdkTokens,
): Promise<Answer> {
  const sdkToken = new CatalogueParameters("GetFaceIdResultIntl", params).string("SdkToken") ?? "";
  const { request } = readable(await tokens.selfie.read(sdkToken));
  const result = request.outcome ?? "-999";
  const passed = result === "0";
  const video = passed ? SAMPLE_LIVENESS_VIDEO_MP4_BASE64 : "";
  return {
    Result: result,
    Description: describeLivenessResult(result).description,
    BestFrame: passed ? encodeBase64(SAMPLE_BEST_FRAME.bytes) : "",
    Video: video,
    ActionVideo: request.actions ? video : "",
    // "Exclusively valid for compare mode": 0.0 in liveness mode.
    Similarity:
      passed && request.compare
        ? await sandboxSimilarity(textBytes(sdkToken), SAMPLE_BEST_FRAME.bytes, "match")
        : 0,
    Extra: request.extra,
    ...premiumFields(request.sdkVersion),
  };
}

export async function applySdkVerificationToken(
  params: Record<string, unknown>,
  tokens: AppSdkTokens,
): Promise<Answer> {
  const reader = new CatalogueParameters("ApplySdkVerificationToken", params);
  const checkMode = reader.number("CheckMode") ?? 1;
  if (![1, 2, 3].includes(checkMode)) throw invalid("CheckMode must be 1, 2 or 3.");
  const securityLevel = reader.number("SecurityLevel") ?? 4;
  if (![1, 2, 3, 4].includes(securityLevel)) throw invalid("SecurityLevel must be 1, 2, 3 or 4.");
  const idCardType = oneOf(reader.string("IdCardType") ?? "HK", "IdCardType", ID_CARD_TYPES, invalid);
  if (checkMode === 2) readReferenceImage(reader.requiredString("CompareImage", "when CheckMode is 2"));
  const actionList = reader.string("ActionList");
  if (actionList !== undefined)
    checkActionList(actionList, securityLevel === 2 || securityLevel === 4, invalid);
  checkRetryLimit(reader.number("RetryLimit"), invalid);
  const unknownWarnings = (reader.numbers("SelectedWarningCodes") ?? []).filter(
    (code) => !WARNING_CODES.includes(code),
  );
  if (unknownWarnings.length > 0)
    throw invalid(
      `SelectedWarningCodes takes only ${WARNING_CODES.join(", ")}; not ${unknownWarnings.join(", ")}.`,
    );
  const extra = reader.string("Extra") ?? null;
  const token = await tokens.ekyc.mint({
    checkMode,
    idCardType,
    sdkVersion: oneOf(reader.string("SdkVersion") ?? "BASIC", "SdkVersion", SDK_VERSIONS, invalid),
    extra,
    outcome: requestedOutcome(extra, invalid),
  });
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", textBytes(token)));
  // "Encrypted string of server-side parameters": opaque to the caller, handed to the SDK as is.
  return { SdkToken: token, ServerParamInfo: encodeBase64(digest) };
}

export async function getSdkVerificationResult(
  params: Record<string, unknown>,
  tokens: AppSdkTokens,
  origin: string,
): Promise<Answer> {
  const sdkToken = new CatalogueParameters("GetSdkVerificationResult", params).string("SdkToken") ?? "";
  const { request } = readable(await tokens.ekyc.read(sdkToken));
  const result = request.outcome ?? "-999";
  const finished = result !== "-999";
  const passed = result === "0";
  return {
    Result: result,
    Description: describeLivenessResult(result).description,
    ChargeCount: finished ? 1 : 0,
    CardVerifyResults:
      finished && request.checkMode === 1 ? [await cardVerifyResult(request, sdkToken, origin)] : [],
    CompareResults: finished ? [await compareResult(request, sdkToken, result, passed, origin)] : [],
    Extra: request.extra,
    ...premiumFields(request.sdkVersion, false),
  };
}

// ---------------------------------------------------------------------------------------------------------

const SDK_VERSIONS = ["BASIC", "ENHANCED", "PRO", "PLUS"] as const;

/** ApplySdkVerificationToken's IdCardType (49954). */
const ID_CARD_TYPES = [
  "HK",
  "ML",
  "IndonesiaIDCard",
  "PhilippinesVoteID",
  "PhilippinesDrivingLicense",
  "PhilippinesTinID",
  "PhilippinesSSSID",
  "PhilippinesUMID",
  "MLIDPassport",
  "ThailandIDCard",
  "MainlandIDCard",
  "SingaporeIDCard",
  "HMTPermit",
] as const;

/** ApplySdkVerificationToken's SelectedWarningCodes (49954). */
const WARNING_CODES: readonly number[] = [-9101, -9102, -9103, -9104, -9107, -9108, -9901];

/** The codes GetFaceIdResultIntl documents for a finished flow (54557). */
const FINISHED_RESULTS = [
  "0",
  "1001",
  "1002",
  "1004",
  "1005",
  "1201",
  "2004",
  "2012",
  "2013",
  "2014",
  "2015",
  "2016",
  "2017",
];

const ACTIONS = ["blink", "mouth", "nod", "shake"];

type Refusal = (message: string) => TencentApiError;

function oneOf<T extends string>(value: string, name: string, allowed: readonly T[], refuse: Refusal): T {
  if (!(allowed as readonly string[]).includes(value))
    throw refuse(`${name} must be one of ${allowed.join(", ")}.`);
  return value as T;
}

/** "Choose 1-2 actions from the four … only when SecureLevel is 2 or 4 … otherwise, the API returns an error." */
function checkActionList(actionList: string, levelTakesActions: boolean, refuse: Refusal): void {
  if (!levelTakesActions)
    throw refuse("ActionList is accepted only with the action security levels 2 and 4.");
  const actions = actionList.split(",");
  if (
    actions.length > 2 ||
    new Set(actions).size !== actions.length ||
    !actions.every((action) => ACTIONS.includes(action))
  ) {
    throw refuse(`ActionList must be one or two distinct actions of ${ACTIONS.join(", ")}, comma-separated.`);
  }
}

function checkRetryLimit(retryLimit: number | undefined, refuse: Refusal): void {
  if (retryLimit !== undefined && (retryLimit < 1 || retryLimit > 5))
    throw refuse("RetryLimit must be 1 to 5.");
}

/** The result code an `Extra` marker asks the flow to end with, or null when it asks for none. */
function requestedOutcome(extra: string | null, refuse: Refusal): string | null {
  if (extra === null || !extra.startsWith(SANDBOX_OUTCOME_PREFIX)) return null;
  const code = extra.slice(SANDBOX_OUTCOME_PREFIX.length).trim();
  if (!FINISHED_RESULTS.includes(code)) {
    throw refuse(
      `The sandbox outcome marker in Extra asks for ${JSON.stringify(code.slice(0, 40))}; use one of ${FINISHED_RESULTS.join(", ")}.`,
    );
  }
  return code;
}

function readable<T>(record: Awaited<ReturnType<FlowTokenStore<T>["read"]>>) {
  if (record === "unknown")
    throw new TencentApiError("InvalidParameterValue.BizTokenIllegal", "The SdkToken is not valid.");
  if (record === "expired")
    throw new TencentApiError(
      "InvalidParameterValue.BizTokenExpired",
      "The SdkToken has expired: its results are no longer kept.",
    );
  return record;
}

/** DeviceInfoLevel for ENHANCED and PLUS, LivenessInfoTag for PRO and PLUS (none on a pass). */
function premiumFields(sdkVersion: string, withTags = true): Answer {
  return {
    DeviceInfoLevel: sdkVersion === "ENHANCED" || sdkVersion === "PLUS" ? "1" : "",
    ...(withTags ? { LivenessInfoTag: sdkVersion === "PRO" || sdkVersion === "PLUS" ? [] : null } : {}),
  };
}

/** The document step of an eKYC flow that read one (CheckMode 1): the card of its IdCardType. */
async function cardVerifyResult(request: EkycRequest, sdkToken: string, origin: string): Promise<Answer> {
  const person = PHOTOGRAPHED_RECORD;
  const [year, month, day] = person.birth.split("/");
  return {
    IsPass: true,
    IsEdit: false,
    CardVideo: null,
    CardImage: await sampleFileInfo("best-frame.jpg", origin),
    CardInfoOcrJson: null,
    RequestId: stepId(sdkToken, "card"),
    CardInfo:
      request.idCardType === "HK"
        ? {
            HKIDCard: {
              CnName: person.name,
              EnName: "ZHANG, San",
              TelexCode: null,
              Sex: person.sex === "男" ? "男M" : "女F",
              Birthday: `${day?.padStart(2, "0")}-${month?.padStart(2, "0")}-${year}`,
              Permanent: "1",
              IdNum: "Z000000(0)",
              Symbol: "***AZ",
              FirstIssueDate: null,
              CurrentIssueDate: null,
            },
          }
        : null,
    NormalCardInfo:
      request.idCardType === "MainlandIDCard"
        ? {
            MainlandIDCard: {
              FullName: person.name,
              Sex: person.sex,
              Nation: person.nation,
              Birthday: person.birth,
              Address: person.address,
              LicenseNumber: person.idCard,
              FormattedAddress: person.address,
              Authority: person.issuingAuthority,
              ValidDate: `${dotted(person.validityBegin)}-${dotted(person.validityEnd)}`,
            },
          }
        : null,
    WarnCardInfos: [],
    EditDetails: [],
  };
}

/** The liveness (and comparison) step of an eKYC flow. */
async function compareResult(
  request: EkycRequest,
  sdkToken: string,
  result: string,
  passed: boolean,
  origin: string,
): Promise<Answer> {
  const compares = request.checkMode !== 3;
  const description = describeLivenessResult(result).description;
  return {
    ErrorCode: result,
    ErrorMsg: description,
    LiveData: null,
    LiveVideo: passed ? await sampleFileInfo("liveness-video.mp4", origin) : null,
    ActionVideo: null,
    LiveErrorCode: result.startsWith("2") ? "0" : result,
    LiveErrorMsg: result.startsWith("2") ? describeLivenessResult("0").description : description,
    BestFrame: passed ? await sampleFileInfo("best-frame.jpg", origin) : null,
    ProfileImage: passed && request.checkMode === 1 ? await sampleFileInfo("best-frame.jpg", origin) : null,
    CompareErrorCode: compares ? (result.startsWith("2") || passed ? result : null) : null,
    CompareErrorMsg: compares && (result.startsWith("2") || passed) ? description : null,
    Sim:
      passed && compares
        ? await sandboxSimilarity(textBytes(sdkToken), SAMPLE_BEST_FRAME.bytes, "match")
        : null,
    IsNeedCharge: true,
    CardInfoInputJson: null,
    RequestId: stepId(sdkToken, "compare"),
    LivenessInfoTag: [],
  };
}

/** A step's own request id: stable for a token, so every read of a result says the same. */
function stepId(sdkToken: string, step: string): string {
  const hex = [...textBytes(`${step}:${sdkToken}`)]
    .reduce((hash, byte) => (hash * 31 + byte) >>> 0, 7)
    .toString(16);
  return `sandbox-${step}-${hex.padStart(8, "0")}`;
}

function dotted(date: string): string {
  return date === "00000000" ? "长期" : `${date.slice(0, 4)}.${date.slice(4, 6)}.${date.slice(6, 8)}`;
}

function invalid(message: string): TencentApiError {
  return new TencentApiError("InvalidParameterValue", message);
}
