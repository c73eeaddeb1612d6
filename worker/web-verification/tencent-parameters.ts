/**
 * The hosted verification's two calls, checked at the edge as CompareFaceLiveness is: what Tencent would
 * refuse, and what would hurt another party, is refused before anything reaches Tencent.
 * - ApplyWebVerificationBizTokenIntl: RedirectURL must be one of the partner's registered redirect URLs
 *   (partners/redirect-urls.ts: Tencent sends the person, with the BizToken, there); CompareImageBase64 a JPG or
 *   PNG within 8 MB of base64 (its type by magic bytes); Extra at most 1,000 characters; Config's members and
 *   values as documented (shared/faceid/web-verification.ts).
 * - GetWebVerificationResultIntl: BizToken alone. Whose it is, is the handle ledger's check
 *   (handles/ledger.ts): another partner's is answered as an unknown one.
 */
import { checkBase64, decodeBase64Prefix, decodedLength } from "../../shared/base64";
import {
  checkWebVerificationConfig,
  MAX_COMPARE_IMAGE_BASE64_BYTES,
  MAX_EXTRA_LENGTH,
} from "../../shared/faceid/web-verification";
import { ACCEPTED_IMAGE_TYPES, SNIFF_BYTES, sniffImageType } from "../../shared/media/sniff";
import { fail } from "../errors/failure";
import { redirectUrlProblem } from "../partners/redirect-urls";
import type { PartnerRecord } from "../partners/store";
import { allowOnly, isHandleText, type Parameters, requiredString } from "../validation/parameters";

const APPLY_PARAMETERS = ["RedirectURL", "CompareImageBase64", "Extra", "RuleId", "Config"] as const;

export function checkApplyWebVerification(
  parameters: Parameters,
  partner: PartnerRecord,
  allowLoopbackRedirects: boolean,
): void {
  allowOnly(parameters, APPLY_PARAMETERS);
  const redirect = requiredString(parameters, "RedirectURL");
  const problem = redirectUrlProblem(redirect, partner.redirectUrls ?? [], allowLoopbackRedirects);
  if (problem) fail({ kind: "invalid-parameter", parameter: "RedirectURL", detail: problem });
  if (parameters.CompareImageBase64 !== undefined && parameters.CompareImageBase64 !== null) {
    checkCompareImage(parameters.CompareImageBase64);
  }
  for (const name of ["Extra", "RuleId"] as const) {
    const value = parameters[name];
    if (value !== undefined && value !== null && typeof value !== "string") {
      fail({ kind: "invalid-parameter", parameter: name, detail: "must be a string." });
    }
  }
  if (typeof parameters.Extra === "string" && parameters.Extra.length > MAX_EXTRA_LENGTH) {
    fail({
      kind: "invalid-parameter",
      parameter: "Extra",
      detail: `must be at most ${MAX_EXTRA_LENGTH} characters.`,
    });
  }
  if (parameters.Config !== undefined && parameters.Config !== null) {
    const configProblem = checkWebVerificationConfig(parameters.Config);
    if (configProblem?.kind === "unknown")
      fail({ kind: "unknown-parameter", parameter: configProblem.field });
    if (configProblem)
      fail({ kind: "invalid-parameter", parameter: configProblem.field, detail: configProblem.detail });
  }
}

export function checkWebVerificationResult(parameters: Parameters): void {
  allowOnly(parameters, ["BizToken"]);
  const token = requiredString(parameters, "BizToken");
  if (!isHandleText(token)) {
    fail({ kind: "invalid-parameter", parameter: "BizToken", detail: "is not a BizToken." });
  }
}

function checkCompareImage(value: unknown): void {
  const parameter = "CompareImageBase64";
  if (typeof value !== "string") fail({ kind: "invalid-parameter", parameter, detail: "must be a string." });
  if (value.length > MAX_COMPARE_IMAGE_BASE64_BYTES) {
    fail({ kind: "media-too-large", parameter, limitBytes: MAX_COMPARE_IMAGE_BASE64_BYTES });
  }
  const base64 = checkBase64(value);
  if (base64 !== undefined)
    fail({ kind: "invalid-media", parameter, detail: `is not valid base64 (${base64}).` });
  const type = sniffImageType(decodeBase64Prefix(value, SNIFF_BYTES));
  if (!ACCEPTED_IMAGE_TYPES.includes(type) || decodedLength(value) < SNIFF_BYTES) {
    fail({ kind: "invalid-media", parameter, detail: "must be a JPG or PNG image." });
  }
}
