/**
 * CompareFaceLiveness's rules, once for every dialect and every reader (../shared/tencent-faceid.md §4): what
 * Tencent would reject is refused at the edge, before a paid round trip. Media is judged by its bytes (base64
 * form, size, magic bytes), never by a name or a declared type. Each check takes the caller's own name for
 * the input (`ImageBase64` in the Tencent dialect, `image` in REST) and fails with it.
 *
 * The raw-bytes reader (in-place.ts) reads the same table to prove a body valid without parsing it; the
 * parsed readers (parsed.ts) run the checks below and say what is wrong.
 */
import { checkBase64, decodeBase64Prefix } from "../../shared/base64";
import { base64Length, MAX_IMAGE_BASE64_BYTES, MAX_VIDEO_BASE64_BYTES } from "../../shared/faceid/limits";
import { LIVENESS_ACTION_CODES, type LivenessActionName, type LivenessType } from "../../shared/faceid/types";
import {
  ACCEPTED_IMAGE_TYPES,
  ACCEPTED_VIDEO_CONTAINERS,
  SNIFF_BYTES,
  sniffImageType,
  sniffVideoContainer,
} from "../../shared/media/sniff";
import { fail } from "../errors/failure";

export interface MediaRule {
  /** Tencent's limit, as base64 text; raw uploads are counted as the base64 they become. */
  base64Limit: number;
  /** What the first SNIFF_BYTES decoded bytes say the medium is. */
  sniff(head: Uint8Array): string;
  accepted: readonly string[];
  /** What is accepted, for the error. */
  expected: string;
}

/** The two media of a comparison. */
export const COMPARE_MEDIA = {
  image: {
    base64Limit: MAX_IMAGE_BASE64_BYTES,
    sniff: sniffImageType,
    accepted: ACCEPTED_IMAGE_TYPES,
    expected: "a JPG or PNG image",
  },
  video: {
    base64Limit: MAX_VIDEO_BASE64_BYTES,
    sniff: sniffVideoContainer,
    accepted: ACCEPTED_VIDEO_CONTAINERS,
    expected: "an MP4, AVI or FLV video",
  },
} as const satisfies Record<string, MediaRule>;
export type CompareMedium = keyof typeof COMPARE_MEDIA;

export const LIVENESS_TYPES: readonly LivenessType[] = ["ACTION", "SILENT"];

export function isLivenessType(value: unknown): value is LivenessType {
  return (LIVENESS_TYPES as readonly unknown[]).includes(value);
}

/** Whether the decoded head of a medium is of an accepted type. */
export function acceptsHead(rule: MediaRule, head: Uint8Array): boolean {
  return rule.accepted.includes(rule.sniff(head.subarray(0, SNIFF_BYTES)));
}

/** A medium as base64 text (the Tencent dialect, REST JSON). */
export function checkMediaBase64(rule: MediaRule, field: string, base64: string): void {
  if (base64.length > rule.base64Limit)
    fail({ kind: "media-too-large", parameter: field, limitBytes: rule.base64Limit });
  const problem = checkBase64(base64);
  if (problem) {
    fail({
      kind: "invalid-parameter",
      parameter: field,
      detail: `is not base64 (RFC 4648 with = padding, no data: prefix or line breaks): ${problem}.`,
    });
  }
  checkHead(rule, field, decodeBase64Prefix(base64, SNIFF_BYTES));
}

/** A medium as raw bytes (REST multipart). */
export function checkMediaBytes(rule: MediaRule, field: string, bytes: Uint8Array): void {
  if (bytes.byteLength === 0) fail({ kind: "missing-parameter", parameter: field });
  if (base64Length(bytes.byteLength) > rule.base64Limit)
    fail({ kind: "media-too-large", parameter: field, limitBytes: rule.base64Limit });
  checkHead(rule, field, bytes);
}

/** The largest raw upload whose base64 fits Tencent's limit. */
export function maxRawBytes(base64Limit: number): number {
  return Math.floor(base64Limit / 4) * 3;
}

/** Tencent's `ValidateData` against the liveness type: ACTION needs one or two distinct actions, SILENT none. */
export function checkValidateData(
  field: string,
  livenessType: LivenessType,
  validateData: string | undefined,
): void {
  if (livenessType === "SILENT") {
    if (validateData)
      fail({ kind: "invalid-parameter", parameter: field, detail: "must be empty for SILENT liveness." });
    return;
  }
  if (!validateData) {
    fail({ kind: "missing-parameter", parameter: field });
  }
  const codes = validateData.split(",");
  if (
    codes.length > 2 ||
    codes.some((code) => !/^[1-4]$/.test(code)) ||
    new Set(codes).size !== codes.length
  ) {
    fail({
      kind: "invalid-parameter",
      parameter: field,
      detail: 'must be one or two distinct action codes 1–4, comma-separated (e.g. "4,2").',
    });
  }
}

/** Action names (REST, extension) → Tencent's `ValidateData`; refuses unknown names. */
export function validateDataOf(field: string, actions: readonly string[]): string {
  const codes = actions.map((name) => {
    const code = LIVENESS_ACTION_CODES[name as LivenessActionName];
    if (code === undefined || !Object.hasOwn(LIVENESS_ACTION_CODES, name)) {
      return fail({
        kind: "invalid-parameter",
        parameter: field,
        detail: `has an unknown action ${JSON.stringify(name)}; use ${Object.keys(LIVENESS_ACTION_CODES).join(", ")}.`,
      });
    }
    return code;
  });
  return codes.join(",");
}

/** What a capture session fixed when it was minted (CreateCaptureSession's LivenessType/Actions), if anything. */
export interface CompareScope {
  livenessType?: LivenessType;
  actions?: readonly string[];
}

/** The liveness of one attempt: its type, and its actions by name and as Tencent's `ValidateData`. */
export interface CheckedLiveness {
  livenessType: LivenessType;
  /** Action names, in order (none for SILENT). */
  actions: readonly string[];
  /** Tencent's action codes, e.g. "4,2" (ACTION only). */
  validateData?: string;
}

/**
 * The liveness type and actions of one attempt (the REST dialect names them `livenessType` and `actions`):
 * as asked, else as the session fixed them, and never other than the session fixed them.
 */
export function livenessWithin(
  scope: CompareScope,
  type: string | undefined,
  actions: readonly string[] | undefined,
): CheckedLiveness {
  const livenessType = type ?? scope.livenessType;
  if (livenessType === undefined) fail({ kind: "missing-parameter", parameter: "livenessType" });
  if (!isLivenessType(livenessType)) {
    fail({ kind: "invalid-parameter", parameter: "livenessType", detail: "must be ACTION or SILENT." });
  }
  const requested = actions ?? scope.actions ?? [];
  const validateData = requested.length > 0 ? validateDataOf("actions", requested) : undefined;
  checkValidateData("actions", livenessType, validateData);
  if (scope.livenessType && scope.livenessType !== livenessType) {
    fail({ kind: "session-scope", call: `${livenessType} liveness` });
  }
  if (scope.actions && scope.actions.join(",") !== requested.join(",")) {
    fail({ kind: "session-scope", call: `the actions ${requested.join(",") || "(none)"}` });
  }
  return validateData
    ? { livenessType, actions: requested, validateData }
    : { livenessType, actions: requested };
}

function checkHead(rule: MediaRule, field: string, head: Uint8Array): void {
  const type = rule.sniff(head.subarray(0, SNIFF_BYTES));
  if (!rule.accepted.includes(type)) {
    fail({
      kind: "invalid-media",
      parameter: field,
      detail: `must be ${rule.expected} (found ${type === "unknown" ? "an unrecognised format" : type.toUpperCase()}).`,
    });
  }
}
