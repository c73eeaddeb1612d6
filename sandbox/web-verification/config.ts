/**
 * ApplyWebVerificationBizTokenIntl's `Config` (WebVerificationConfigIntl), read as Tencent documents it in the
 * intl SDK 3.0.1426's models.js: each member's JSON type, its values and its default. A member of the wrong
 * JSON type is InvalidParameter, a value outside the documented ones InvalidParameterValue, a member the model
 * does not define UnknownParameter; `null` counts as absent, as SDK models serialise unset fields that way.
 *
 * Member names match without regard to case: the API page's own example passes `IdCardType` where the model
 * names `IDCardType` (tencentcloud.com/document/api/1061/56227), so Tencent evidently accepts both.
 */
import {
  type CheckMode,
  ID_CARD_TYPES,
  type IdCardType,
  modeHasLiveness,
  modeHasOcr,
} from "../../shared/faceid/web-verification";
import { TencentApiError } from "../tencent-response";

export { type CheckMode, type IdCardType, modeHasLiveness, modeHasOcr };
export type SecurityLevel = 1 | 2 | 3 | 4;

/** What the page does and how the result reads; the members the sandbox plays have defaults filled in. */
export interface WebVerificationConfig {
  /** 1 OCR + liveness + comparison, 2 liveness + comparison (default), 3 liveness, 4 OCR. */
  checkMode: CheckMode;
  /** The document the OCR step reads; null in the modes without OCR. */
  idCardType: IdCardType | null;
  /** 1 silent, 2 action, 3 light (default), 4 action + light. */
  securityLevel: SecurityLevel;
  /** "blink" by default at the levels with actions; null at the others. */
  actionList: string | null;
  /** th, en (default), zh-cn, zh-tc, id. The sandbox page shows it and speaks English. */
  language: string;
  /** Liveness attempts allowed, 1–99 (default 99). */
  livenessRetryLimit: number;
  /** Seconds, 0–600 (default 45). Shown, not enforced: the sandbox has no timing a person must meet. */
  livenessTimeout: number;
  autoSkip: boolean;
  autoSkipStartPage: boolean;
  skipPrivacyPolicy: boolean;
  idCardCutReturn: boolean;
  /** `#rrggbb`; Tencent falls back to its default for a malformed one, and so does the sandbox. */
  themeColor: string;
  version: "BASIC" | "PLUS";
}

export const LANGUAGES: Readonly<Record<string, string>> = {
  th: "Thai",
  en: "English",
  "zh-cn": "Simplified Chinese",
  "zh-tc": "Traditional Chinese",
  id: "Indonesian",
};

export const DEFAULT_THEME_COLOR = "#2d72f1";
/** The document read when an OCR mode names none: the type of Tencent's own example (a sandbox choice). */
export const DEFAULT_ID_CARD_TYPE: IdCardType = "HKIDCard";

/** Reads `Config` (absent or null: every default). Throws the TencentApiError Tencent would answer with. */
export function readWebVerificationConfig(value: unknown): WebVerificationConfig {
  const members = configMembers(value);
  const checkMode = (members.read("CheckMode", integerOf([1, 2, 3, 4])) ?? 2) as CheckMode;
  const securityLevel = (members.read("SecurityLevel", integerOf([1, 2, 3, 4])) ?? 3) as SecurityLevel;
  const idCardType = members.read("IDCardType", stringOf(ID_CARD_TYPES)) as IdCardType | undefined;
  const actionList = members.read("ActionList", stringMatching(ACTION_LIST, ACTION_LIST_RULE));
  const actionLevel = securityLevel === 2 || securityLevel === 4;
  if (actionList !== undefined && !actionLevel) {
    throw invalid("Config.ActionList is accepted only with SecurityLevel 2 or 4, the levels with actions.");
  }
  const themeColor = members.read("ThemeColor", anyString);
  const config: WebVerificationConfig = {
    checkMode,
    idCardType: modeHasOcr(checkMode) ? (idCardType ?? DEFAULT_ID_CARD_TYPE) : null,
    securityLevel,
    actionList: actionLevel ? (actionList ?? "blink") : null,
    language: members.read("Language", stringOf(Object.keys(LANGUAGES))) ?? "en",
    livenessRetryLimit: members.read("LivenessRetryLimit", integerWithin(1, 99)) ?? 99,
    livenessTimeout: members.read("LivenessTimeout", integerWithin(0, 600)) ?? 45,
    autoSkip: members.read("AutoSkip", boolean) ?? false,
    autoSkipStartPage: members.read("AutoSkipStartPage", boolean) ?? false,
    skipPrivacyPolicy: members.read("SkipPrivacyPolicy", boolean) ?? false,
    idCardCutReturn: members.read("IdCardCutReturn", boolean) ?? false,
    themeColor: themeColor && THEME_COLOR.test(themeColor) ? themeColor : DEFAULT_THEME_COLOR,
    version: (members.read("Version", stringOf(["BASIC", "PLUS"])) ?? "BASIC") as "BASIC" | "PLUS",
  };
  // Documented members the sandbox checks but does not play (OCR alarms, downgrade, expired HKIDs).
  members.read("DisableCheckOcrWarnings", boolean);
  members.read("AllowExpiredDocument", boolean);
  members.read("AutoDowngrade", integerOf([1, 2]));
  members.read("SelectedWarningCodes", stringMatching(WARNING_CODES, WARNING_CODES_RULE));
  return config;
}

// ---------------------------------------------------------------------------------------------------------

/** A member's rule: its JSON type, then its value. Returns the value, or a problem. */
type MemberRule<T> = (value: unknown) => { value: T } | { wrongType: string } | { badValue: string };

const MEMBER_NAMES = [
  "AutoSkipStartPage",
  "AutoSkip",
  "CheckMode",
  "IDCardType",
  "DisableCheckOcrWarnings",
  "SecurityLevel",
  "SkipPrivacyPolicy",
  "IdCardCutReturn",
  "ThemeColor",
  "Language",
  "AutoDowngrade",
  "ActionList",
  "LivenessRetryLimit",
  "LivenessTimeout",
  "SelectedWarningCodes",
  "AllowExpiredDocument",
  "Version",
] as const;
type MemberName = (typeof MEMBER_NAMES)[number];

const THEME_COLOR = /^#[0-9a-fA-F]{6}$/;
const ACTION_LIST = /^(blink|mouth|nod|shake)(,(blink|mouth|nod|shake))?$/;
const ACTION_LIST_RULE = 'one or two of blink, mouth, nod, shake, comma-separated (e.g. "blink,mouth")';
const WARNING_CODES = /^(|-91(0[1-4]|0[7-9])(,-91(0[1-4]|0[7-9]))*)$/;
const WARNING_CODES_RULE = "alarm codes of -9101, -9102, -9103, -9104, -9107, -9108, -9109, comma-separated";

function configMembers(value: unknown) {
  const given = new Map<MemberName, unknown>();
  if (value !== undefined && value !== null) {
    if (typeof value !== "object" || Array.isArray(value)) {
      throw new TencentApiError("InvalidParameter", "The parameter Config must be an object.");
    }
    for (const [name, member] of Object.entries(value)) {
      const known = MEMBER_NAMES.find((candidate) => candidate.toLowerCase() === name.toLowerCase());
      if (known === undefined) {
        throw new TencentApiError(
          "UnknownParameter",
          `The parameter Config.${JSON.stringify(name.slice(0, 64)).slice(1, -1)} is not recognized.`,
        );
      }
      if (member !== null) given.set(known, member);
    }
  }
  return {
    read<T>(name: MemberName, rule: MemberRule<T>): T | undefined {
      if (!given.has(name)) return undefined;
      const outcome = rule(given.get(name));
      if ("value" in outcome) return outcome.value;
      if ("wrongType" in outcome) {
        throw new TencentApiError(
          "InvalidParameter",
          `The parameter Config.${name} must be ${outcome.wrongType}.`,
        );
      }
      throw invalid(`Config.${name} must be ${outcome.badValue}.`);
    },
  };
}

const boolean: MemberRule<boolean> = (value) =>
  typeof value === "boolean" ? { value } : { wrongType: "true or false" };

const anyString: MemberRule<string> = (value) =>
  typeof value === "string" ? { value } : { wrongType: "a string" };

function stringOf(values: readonly string[]): MemberRule<string> {
  return (value) => {
    if (typeof value !== "string") return { wrongType: "a string" };
    return values.includes(value) ? { value } : { badValue: `one of ${values.join(", ")}` };
  };
}

function stringMatching(pattern: RegExp, rule: string): MemberRule<string> {
  return (value) => {
    if (typeof value !== "string") return { wrongType: "a string" };
    return pattern.test(value) ? { value } : { badValue: rule };
  };
}

function integerOf(values: readonly number[]): MemberRule<number> {
  return (value) => {
    if (typeof value !== "number" || !Number.isInteger(value)) return { wrongType: "an integer" };
    return values.includes(value) ? { value } : { badValue: `one of ${values.join(", ")}` };
  };
}

function integerWithin(min: number, max: number): MemberRule<number> {
  return (value) => {
    if (typeof value !== "number" || !Number.isInteger(value)) return { wrongType: "an integer" };
    return value >= min && value <= max ? { value } : { badValue: `from ${min} to ${max}` };
  };
}

function invalid(message: string): TencentApiError {
  return new TencentApiError("InvalidParameterValue", message);
}
