/**
 * Tencent's hosted web verification (ApplyWebVerificationBizTokenIntl → VerificationURL → RedirectURL →
 * GetWebVerificationResultIntl): the request's documented values, from the intl SDK 3.0.1426's models
 * (ApplyWebVerificationBizTokenIntlRequest, WebVerificationConfigIntl) and tencentcloud.com/document/api/1061/
 * 56227. One table, read by the gateway's checks, the REST dialect and the sandbox.
 */

/** CheckMode: what the person does on Tencent's page (default 2). */
export const CHECK_MODES = {
  1: "OCR + liveness + face comparison",
  2: "liveness + face comparison",
  3: "liveness",
  4: "OCR",
} as const;
export type CheckMode = keyof typeof CHECK_MODES;

/** Whether a mode reads an identity document (OCR). */
export function modeHasOcr(mode: CheckMode): boolean {
  return mode === 1 || mode === 4;
}

/** Whether a mode runs liveness. */
export function modeHasLiveness(mode: CheckMode): boolean {
  return mode !== 4;
}

export const ID_CARD_TYPES = [
  "HKIDCard",
  "MLIDCard",
  "IndonesiaIDCard",
  "PhilippinesVoteID",
  "PhilippinesDrivingLicense",
  "PhilippinesTinID",
  "PhilippinesSSSID",
  "PhilippinesUMID",
  "InternationalIDPassport",
  "ThailandIDCard",
  "SingaporeIDCard",
  "MainlandIDCard",
] as const;
export type IdCardType = (typeof ID_CARD_TYPES)[number];

/** The page's languages: Thai, English, Simplified and Traditional Chinese, Indonesian. */
export const WEB_VERIFICATION_LANGUAGES = ["th", "en", "zh-cn", "zh-tc", "id"] as const;
export type WebVerificationLanguage = (typeof WEB_VERIFICATION_LANGUAGES)[number];

/** SecurityLevel: 1 silent, 2 action, 3 light (default), 4 action + light. */
export const SECURITY_LEVELS = [1, 2, 3, 4] as const;
/** ActionList is accepted only with the levels that ask for actions. */
export const ACTION_SECURITY_LEVELS: readonly number[] = [2, 4];
export const WEB_LIVENESS_ACTIONS = ["blink", "mouth", "nod", "shake"] as const;

/** The OCR alarms SelectedWarningCodes may name (comma-separated). */
export const OCR_WARNING_CODES = ["-9101", "-9102", "-9103", "-9104", "-9107", "-9108", "-9109"] as const;

/** Extra is passed through to the result, at most 1,000 characters. */
export const MAX_EXTRA_LENGTH = 1000;
/** CompareImageBase64: at most 8 MB as base64. */
export const MAX_COMPARE_IMAGE_BASE64_BYTES = 8 * 1024 * 1024;
/** A BizToken runs its flow for 10 minutes; its result is kept 3 days. */
export const BIZ_TOKEN_TTL_SECONDS = 600;
export const WEB_RESULT_TTL_SECONDS = 3 * 86_400;

type FieldRule =
  | { type: "boolean" }
  | { type: "string"; oneOf?: readonly string[]; check?: (value: string) => string | undefined }
  | { type: "integer"; oneOf?: readonly number[]; min?: number; max?: number };

/** WebVerificationConfigIntl's fields, each with its documented type and values. */
export const WEB_VERIFICATION_CONFIG: Readonly<Record<string, FieldRule>> = {
  AutoSkipStartPage: { type: "boolean" },
  AutoSkip: { type: "boolean" },
  CheckMode: { type: "integer", oneOf: [1, 2, 3, 4] },
  IDCardType: { type: "string", oneOf: ID_CARD_TYPES },
  DisableCheckOcrWarnings: { type: "boolean" },
  SecurityLevel: { type: "integer", oneOf: SECURITY_LEVELS },
  SkipPrivacyPolicy: { type: "boolean" },
  IdCardCutReturn: { type: "boolean" },
  // Tencent falls back to its default colour for a malformed one, so any string passes, as there.
  ThemeColor: { type: "string" },
  Language: { type: "string", oneOf: WEB_VERIFICATION_LANGUAGES },
  AutoDowngrade: { type: "integer", oneOf: [1, 2] },
  ActionList: { type: "string", check: checkActionList },
  LivenessRetryLimit: { type: "integer", min: 1, max: 99 },
  LivenessTimeout: { type: "integer", min: 0, max: 600 },
  SelectedWarningCodes: { type: "string", check: checkWarningCodes },
  AllowExpiredDocument: { type: "boolean" },
  Version: { type: "string", oneOf: ["BASIC", "PLUS"] },
};

/** A problem with one member of Config, in words that follow its name; undefined when all is well. */
export interface ConfigProblem {
  field: string;
  kind: "unknown" | "invalid";
  detail: string;
}

/** Checks Config as Tencent documents it, members and the rules between them. */
export function checkWebVerificationConfig(config: unknown): ConfigProblem | undefined {
  if (typeof config !== "object" || config === null || Array.isArray(config)) {
    return { field: "Config", kind: "invalid", detail: "must be an object." };
  }
  const members = config as Record<string, unknown>;
  for (const [field, value] of Object.entries(members)) {
    // SDK models serialise an unset member as null: it is absent.
    if (value === null) continue;
    const rule = WEB_VERIFICATION_CONFIG[canonicalField(field) ?? ""];
    if (rule === undefined)
      return { field: `Config.${field}`, kind: "unknown", detail: "is not a Config field." };
    const problem = checkField(rule, value);
    if (problem) return { field: `Config.${field}`, kind: "invalid", detail: problem };
  }
  const member = (name: string) =>
    members[Object.keys(members).find((field) => canonicalField(field) === name) ?? ""];
  if (member("ActionList") !== undefined) {
    const level = member("SecurityLevel");
    if (!ACTION_SECURITY_LEVELS.includes(typeof level === "number" ? level : 3)) {
      return {
        field: "Config.ActionList",
        kind: "invalid",
        detail: "is accepted only with SecurityLevel 2 or 4 (the levels with actions).",
      };
    }
  }
  return undefined;
}

/**
 * A member's documented name, whatever its case: the SDK's model names `IDCardType` while Tencent's own API page
 * sends `IdCardType`, so the service reads names without regard to case, and so does this check.
 */
function canonicalField(field: string): string | undefined {
  const lower = field.toLowerCase();
  return Object.keys(WEB_VERIFICATION_CONFIG).find((name) => name.toLowerCase() === lower);
}

function checkField(rule: FieldRule, value: unknown): string | undefined {
  switch (rule.type) {
    case "boolean":
      return typeof value === "boolean" ? undefined : "must be true or false.";
    case "string":
      if (typeof value !== "string") return "must be a string.";
      if (rule.oneOf && !rule.oneOf.includes(value)) return `must be one of ${rule.oneOf.join(", ")}.`;
      return rule.check?.(value);
    case "integer":
      if (typeof value !== "number" || !Number.isInteger(value)) return "must be a whole number.";
      if (rule.oneOf && !rule.oneOf.includes(value)) return `must be one of ${rule.oneOf.join(", ")}.`;
      if ((rule.min !== undefined && value < rule.min) || (rule.max !== undefined && value > rule.max)) {
        return `must be from ${rule.min} to ${rule.max}.`;
      }
      return undefined;
  }
}

/** One or two of blink, mouth, nod, shake, comma-separated. */
function checkActionList(value: string): string | undefined {
  const actions = value.split(",");
  const known: readonly string[] = WEB_LIVENESS_ACTIONS;
  if (actions.length > 2 || actions.some((action) => !known.includes(action))) {
    return `must be one or two of ${WEB_LIVENESS_ACTIONS.join(", ")}, comma-separated.`;
  }
  return undefined;
}

function checkWarningCodes(value: string): string | undefined {
  const known: readonly string[] = OCR_WARNING_CODES;
  if (value === "") return undefined;
  return value.split(",").every((code) => known.includes(code))
    ? undefined
    : `must be codes of ${OCR_WARNING_CODES.join(", ")}, comma-separated.`;
}
