/**
 * The last check before an event is written: text that is too long or looks like base64 cannot be an id, an
 * action or a code, so it is refused. A future bug that puts a photo, a video, a token or a secret into an
 * event therefore drops the event instead of storing biometric data (design: principles).
 */
import type { AuditEvent } from "./event";

/** Longer than any id, action or outcome code the gateway produces. */
export const MAX_AUDIT_TEXT_LENGTH = 256;
/** A run of base64 alphabet this long is media or key material, never an identifier. */
export const MAX_BASE64_RUN = 200;

export type AuditRefusalReason =
  | "not-text"
  | "too-long"
  | "base64-like"
  | "not-a-time"
  | "not-allowed"
  | "out-of-range";

export interface AuditRefusal {
  /** The event's field, never its value: refusals are logged. */
  field: string;
  reason: AuditRefusalReason;
}

/** Why the event must not be written, or null when it may be. */
export function screenAuditEvent(event: AuditEvent): AuditRefusal | null {
  const principalId = event.principal.type === "anonymous" ? null : event.principal.id;
  const texts: [string, unknown, "required" | "nullable"][] = [
    ["at", event.at, "required"],
    ["requestId", event.requestId, "required"],
    ["tencentRequestId", event.tencentRequestId, "nullable"],
    ["partnerId", event.partnerId, "nullable"],
    ["principal.id", principalId, event.principal.type === "anonymous" ? "nullable" : "required"],
    ["action", event.action, "required"],
    ["outcome", event.outcome, "required"],
  ];
  for (const [field, value, presence] of texts) {
    const reason = screenText(value, presence);
    if (reason) return { field, reason };
  }
  if (Number.isNaN(Date.parse(event.at))) return { field: "at", reason: "not-a-time" };
  if (!PRINCIPAL_TYPES.has(event.principal.type)) return { field: "principal.type", reason: "not-allowed" };
  if (!DIALECTS.has(event.dialect)) return { field: "dialect", reason: "not-allowed" };
  if (event.passed !== null && typeof event.passed !== "boolean")
    return { field: "passed", reason: "not-allowed" };
  if (event.similarity !== null && !isNumberWithin(event.similarity, 0, 100)) {
    return { field: "similarity", reason: "out-of-range" };
  }
  if (!Number.isInteger(event.httpStatus) || !isNumberWithin(event.httpStatus, 100, 599)) {
    return { field: "httpStatus", reason: "out-of-range" };
  }
  if (!isNumberWithin(event.latencyMs, 0, Number.MAX_SAFE_INTEGER)) {
    return { field: "latencyMs", reason: "out-of-range" };
  }
  return null;
}

const PRINCIPAL_TYPES: ReadonlySet<string> = new Set(["partner", "agent", "session", "anonymous"]);
const DIALECTS: ReadonlySet<string> = new Set(["tencent", "rest"]);
const BASE64_RUN = new RegExp(`[A-Za-z0-9+/=_-]{${MAX_BASE64_RUN + 1},}`);

function screenText(value: unknown, presence: "required" | "nullable"): AuditRefusalReason | null {
  if (value === null || value === undefined) return presence === "nullable" ? null : "not-text";
  if (typeof value !== "string") return "not-text";
  // Length first: a multi-megabyte string is refused without scanning it.
  if (value.length > MAX_AUDIT_TEXT_LENGTH) return "too-long";
  if (BASE64_RUN.test(value)) return "base64-like";
  return null;
}

function isNumberWithin(value: unknown, min: number, max: number): boolean {
  return typeof value === "number" && Number.isFinite(value) && value >= min && value <= max;
}
