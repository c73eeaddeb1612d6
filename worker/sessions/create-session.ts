/**
 * Creating a capture session for a partner, from either door: the partner backend's CreateCaptureSession
 * (Tencent dialect, signed with partner credentials) or an agent key at POST /v1/sessions. Both check the
 * same rules and mint the same token. `fields` names the inputs as the caller's dialect spells them.
 */
import type { LivenessActionName, LivenessType } from "../../shared/faceid/types";
import { LIVENESS_TYPES, validateDataOf } from "../compare/rules";
import { fail } from "../errors/failure";
import { normaliseOrigin, PartnerInputError, type PartnerRecord } from "../partners/store";
import { captureSessionOf } from "./capture-session";
import {
  ALL_SESSION_CALLS,
  mintSessionToken,
  SESSION_CALL_ACTIONS,
  type SessionCall,
  type SessionClaims,
} from "./session-token";

export interface SessionRequest {
  /** The partner's own case or user reference: at most 128 printable ASCII characters. */
  externalId?: unknown;
  origin?: unknown;
  /** The FaceID actions the session may make (of SESSION_CALL_ACTIONS); all the partner may, by default. */
  calls?: unknown;
  livenessType?: unknown;
  actions?: unknown;
  maxAttempts?: unknown;
  ttlSeconds?: unknown;
}

export type SessionFields = Record<keyof SessionRequest, string>;

/** The inputs as the REST dialect names them. */
export const REST_SESSION_FIELDS: SessionFields = {
  externalId: "externalId",
  origin: "origin",
  calls: "calls",
  livenessType: "livenessType",
  actions: "actions",
  maxAttempts: "maxAttempts",
  ttlSeconds: "ttlSeconds",
};

export const SESSION_DEFAULTS = { maxAttempts: 3, ttlSeconds: 600 } as const;
export const SESSION_LIMITS = { maxAttempts: 10, minTtlSeconds: 60, maxTtlSeconds: 3600 } as const;

export async function createSession(options: {
  env: Env;
  /** How long the session's record is kept after it expires (SESSION_RETENTION_DAYS). */
  retentionSeconds: number;
  partner: PartnerRecord;
  principal: string;
  request: SessionRequest;
  fields: SessionFields;
  seed: string;
  nowSeconds: number;
}): Promise<{ token: string; claims: SessionClaims }> {
  const { partner, request, fields } = options;
  const externalId =
    request.externalId === undefined ? undefined : checkExternalId(fields.externalId, request.externalId);
  const calls = sessionCalls(fields.calls, request.calls, partner);
  const origin =
    request.origin === undefined ? undefined : checkOrigin(fields.origin, request.origin, partner);
  const livenessType =
    request.livenessType === undefined ? undefined : checkLivenessType(fields, request.livenessType);
  const actions =
    request.actions === undefined ? undefined : checkActions(fields, request.actions, livenessType);
  const maxAttempts = wholeNumber(
    fields.maxAttempts,
    request.maxAttempts,
    SESSION_DEFAULTS.maxAttempts,
    1,
    SESSION_LIMITS.maxAttempts,
  );
  const ttlSeconds = wholeNumber(
    fields.ttlSeconds,
    request.ttlSeconds,
    SESSION_DEFAULTS.ttlSeconds,
    SESSION_LIMITS.minTtlSeconds,
    SESSION_LIMITS.maxTtlSeconds,
  );
  const claims: SessionClaims = {
    sid: crypto.randomUUID(),
    partnerId: partner.partnerId,
    principal: options.principal,
    ...(externalId === undefined ? {} : { externalId }),
    ...(origin ? { origin } : {}),
    ...(livenessType ? { livenessType } : {}),
    ...(actions ? { actions } : {}),
    calls,
    maxAttempts,
    issuedAt: options.nowSeconds,
    expiresAt: options.nowSeconds + ttlSeconds,
  };
  const token = await mintSessionToken(claims, options.seed);
  // Its record exists before anyone holds the token, so a look-up never finds a session it cannot show.
  await captureSessionOf(options.env, claims.sid).open({
    sessionId: claims.sid,
    partnerId: claims.partnerId,
    externalId: claims.externalId ?? null,
    principal: claims.principal,
    maxAttempts: claims.maxAttempts,
    expiresAt: claims.expiresAt,
    forgetAt: (claims.expiresAt + options.retentionSeconds) * 1000,
  });
  return { token, claims };
}

/**
 * The calls a session carries, fixed when it is minted: those asked for, or by default every one its partner
 * may make. Asking for one the partner may not make is refused, like the action itself in the Tencent dialect.
 */
function sessionCalls(field: string, value: unknown, partner: PartnerRecord): SessionCall[] {
  const allowed = ALL_SESSION_CALLS.filter((call) => partner.actions.includes(SESSION_CALL_ACTIONS[call]));
  if (value === undefined) {
    if (allowed.length === 0) fail({ kind: "action-not-allowed", action: SESSION_ACTION_LIST });
    return allowed;
  }
  const actions = Object.values<string>(SESSION_CALL_ACTIONS);
  if (
    !Array.isArray(value) ||
    value.length === 0 ||
    !value.every((item) => typeof item === "string" && actions.includes(item))
  ) {
    return fail({
      kind: "invalid-parameter",
      parameter: field,
      detail: `must list one or more of ${SESSION_ACTION_LIST}.`,
    });
  }
  const calls = ALL_SESSION_CALLS.filter((call) => value.includes(SESSION_CALL_ACTIONS[call]));
  const refused = calls.find((call) => !allowed.includes(call));
  if (refused) fail({ kind: "action-not-allowed", action: SESSION_CALL_ACTIONS[refused] });
  return calls;
}

const SESSION_ACTION_LIST = Object.values(SESSION_CALL_ACTIONS).join(", ");

export const MAX_EXTERNAL_ID_LENGTH = 128;

/** Opaque to the gateway, but printable: it is shown back in look-ups, verdict tokens and webhooks. */
function checkExternalId(field: string, value: unknown): string {
  if (typeof value !== "string" || !/^[\x20-\x7e]{1,128}$/.test(value)) {
    return fail({
      kind: "invalid-parameter",
      parameter: field,
      detail: `must be 1 to ${MAX_EXTERNAL_ID_LENGTH} printable ASCII characters.`,
    });
  }
  return value;
}

function checkOrigin(field: string, value: unknown, partner: PartnerRecord): string {
  let origin: string;
  try {
    origin = normaliseOrigin(typeof value === "string" ? value : "");
  } catch (error) {
    if (error instanceof PartnerInputError)
      fail({ kind: "invalid-parameter", parameter: field, detail: "must be an http(s) origin." });
    throw error;
  }
  if (!partner.origins.includes(origin)) {
    fail({
      kind: "invalid-parameter",
      parameter: field,
      detail: `${origin} is not one of the partner's registered origins.`,
    });
  }
  return origin;
}

function checkLivenessType(fields: SessionFields, value: unknown): LivenessType {
  if (!LIVENESS_TYPES.includes(value as LivenessType)) {
    fail({ kind: "invalid-parameter", parameter: fields.livenessType, detail: "must be ACTION or SILENT." });
  }
  return value as LivenessType;
}

function checkActions(
  fields: SessionFields,
  value: unknown,
  livenessType: LivenessType | undefined,
): LivenessActionName[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) {
    return fail({
      kind: "invalid-parameter",
      parameter: fields.actions,
      detail: "must be a list of action names.",
    });
  }
  const validateData = validateDataOf(fields.actions, value);
  if (livenessType === "SILENT" && value.length > 0) {
    fail({
      kind: "invalid-parameter",
      parameter: fields.actions,
      detail: "must be empty for SILENT liveness.",
    });
  }
  if (value.length > 2 || new Set(validateData.split(",")).size !== value.length) {
    fail({
      kind: "invalid-parameter",
      parameter: fields.actions,
      detail: "must be one or two distinct actions.",
    });
  }
  return value as LivenessActionName[];
}

function wholeNumber(field: string, value: unknown, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    return fail({
      kind: "invalid-parameter",
      parameter: field,
      detail: `must be a whole number from ${min} to ${max}.`,
    });
  }
  return value;
}
