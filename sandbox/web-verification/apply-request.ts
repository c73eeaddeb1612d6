/**
 * ApplyWebVerificationBizTokenIntl's parameters (intl SDK 3.0.1426, ApplyWebVerificationBizTokenIntlRequest;
 * tencentcloud.com/document/api/1061/56227), checked as Tencent does. The action's documented errors are
 * InvalidParameter and InvalidParameterValue (the intl Go SDK's client.go lists them for it), besides the common
 * UnknownParameter and MissingParameter of ../parameters.ts:
 * - RedirectURL (required): an absolute http or https URL with a host ("including the protocol, hostname, and
 *   path"); anything else is InvalidParameterValue naming RedirectURL.
 * - CompareImageBase64: strict base64 of a JPEG or PNG (by magic bytes), at most 8 MB of base64. An empty string
 *   counts as absent. It may carry a sandbox outcome marker (./outcomes.ts).
 * - Extra: at most 1,000 characters, passed through to the result. RuleId: any string (no console here).
 * - Config: ./config.ts.
 */
import { checkBase64, decodeBase64, decodeBase64Prefix } from "../../shared/base64";
import { SNIFF_BYTES, sniffImageType } from "../../shared/media/sniff";
import { readSandboxOutcome } from "../outcome-marker";
import { ActionParameters } from "../parameters";
import { TencentApiError } from "../tencent-response";
import { readWebVerificationConfig, type WebVerificationConfig } from "./config";
import { outcomeFits, parseStepOutcome, type StepContext, stepsOf } from "./outcomes";

export const APPLY_PARAMETERS = ["RedirectURL", "CompareImageBase64", "Extra", "RuleId", "Config"] as const;

/** CompareImageBase64: "max 8 MB in size", as base64. */
export const MAX_COMPARE_IMAGE_BASE64_BYTES = 8 * 1024 * 1024;
export const MAX_EXTRA_CHARACTERS = 1000;

export interface ApplyRequest {
  redirectUrl: string;
  compareImage: Uint8Array | undefined;
  extra: string | undefined;
  config: WebVerificationConfig;
  /** The code CompareImageBase64's outcome marker asks for, if it has one. */
  marker: number | undefined;
}

export function readApplyRequest(params: Record<string, unknown>): ApplyRequest {
  const reader = new ActionParameters(params, APPLY_PARAMETERS);
  const redirectUrl = reader.requiredString("RedirectURL");
  checkRedirectUrl(redirectUrl);
  const imageBase64 = reader.optionalString("CompareImageBase64") || undefined;
  const extra = reader.optionalString("Extra");
  if (extra !== undefined && [...extra].length > MAX_EXTRA_CHARACTERS) {
    throw invalid(`Extra is ${[...extra].length} characters long; the limit is ${MAX_EXTRA_CHARACTERS}.`);
  }
  // The business process of the console, which the sandbox does not have: any string is accepted.
  reader.optionalString("RuleId");
  const config = readWebVerificationConfig(params.Config);
  const compareImage = imageBase64 === undefined ? undefined : readCompareImage(imageBase64);
  const marker = compareImage === undefined ? undefined : readMarker(compareImage, config);
  return { redirectUrl, compareImage, extra, config, marker };
}

/** Mode 1 compares with the document's portrait; mode 2 with CompareImageBase64 when there is one. */
export function comparesFaces(config: WebVerificationConfig, hasCompareImage: boolean): boolean {
  return config.checkMode === 1 || (config.checkMode === 2 && hasCompareImage);
}

function checkRedirectUrl(text: string): void {
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== "https:" && url.protocol !== "http:") || url.hostname === "") {
    throw invalid("RedirectURL must be an absolute http or https URL, such as https://kyc.example.com/done.");
  }
}

function readCompareImage(base64: string): Uint8Array {
  const problem = checkBase64(base64);
  if (problem !== undefined) {
    throw invalid(`CompareImageBase64 is not standard base64 (RFC 4648 with = padding, no data: prefix).`);
  }
  if (base64.length > MAX_COMPARE_IMAGE_BASE64_BYTES) {
    throw invalid(
      `CompareImageBase64 is ${(base64.length / (1024 * 1024)).toFixed(1)} MB of base64; the limit is 8 MB.`,
    );
  }
  const type = sniffImageType(decodeBase64Prefix(base64, SNIFF_BYTES));
  if (type !== "jpeg" && type !== "png") {
    throw invalid(
      `CompareImageBase64 must be a JPG or PNG image; the data is ${type === "unknown" ? "of an unknown type" : type.toUpperCase()}.`,
    );
  }
  return decodeBase64(base64);
}

function readMarker(image: Uint8Array, config: WebVerificationConfig): number | undefined {
  const text = readSandboxOutcome(image);
  if (text === undefined) return undefined;
  const code = parseStepOutcome(text);
  const context: StepContext = { checkMode: config.checkMode, compares: comparesFaces(config, true) };
  if (code === undefined || !stepsOf(config.checkMode).some((step) => outcomeFits(code, step, context))) {
    throw invalid(
      `The sandbox outcome marker asks for ${JSON.stringify(text.slice(0, 80))}, which no step of CheckMode ${config.checkMode} can end with.`,
    );
  }
  return code;
}

function invalid(message: string): TencentApiError {
  return new TencentApiError("InvalidParameterValue", message);
}
