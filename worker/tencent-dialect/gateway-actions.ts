/**
 * The gateway's own actions in the Tencent dialect, so a partner backend manages browser sessions with its
 * partner credentials through any official SDK's generic client
 * (e.g. `CommonClient.request("CreateCaptureSession", {...})`). They never reach Tencent.
 */
import { fail } from "../errors/failure";
import { GATEWAY_ACTIONS, type PartnerRecord } from "../partners/store";
import { captureSessionOf } from "../sessions/capture-session";
import { createSession } from "../sessions/create-session";
import { describeSession } from "../sessions/describe-session";
import { readSessionToken } from "../sessions/session-token";

export type GatewayAction = (typeof GATEWAY_ACTIONS)[number];

export interface GatewayActionContext {
  env: Env;
  /** PARTNER_KEY_SEED, which session tokens are signed with. */
  seed: string;
  /** SESSION_RETENTION_DAYS in seconds: how long a session's record outlives it. */
  retentionSeconds: number;
  partner: PartnerRecord;
  requestId: string;
  /** Unix milliseconds, the gateway's clock. */
  now: number;
}

export function isGatewayAction(action: string): action is GatewayAction {
  return (GATEWAY_ACTIONS as readonly string[]).includes(action);
}

/**
 * The partner action that allows a gateway action: describing a session follows from opening sessions, so
 * partners registered before DescribeCaptureSession existed may look up the sessions they open.
 */
export function permissionOf(action: GatewayAction): GatewayAction {
  return action === "DescribeCaptureSession" ? "CreateCaptureSession" : action;
}

export async function runGatewayAction(
  action: GatewayAction,
  context: GatewayActionContext,
  parameters: Record<string, unknown>,
): Promise<{ Response: Record<string, unknown> }> {
  switch (action) {
    case "CreateCaptureSession":
      return createCaptureSession(context, parameters);
    case "RevokeCaptureSession":
      return revokeCaptureSession(context, parameters);
    case "DescribeCaptureSession":
      return describeCaptureSession(context, parameters);
  }
}

/** Mints a session token: `{ SessionId, SessionToken, ExpiredTimestamp }`. */
async function createCaptureSession(
  { env, seed, retentionSeconds, partner, requestId, now }: GatewayActionContext,
  parameters: Record<string, unknown>,
) {
  const { ExternalId, Origin, Calls, LivenessType, Actions, MaxAttempts, TtlSeconds, ...rest } = parameters;
  refuseUnknown(rest);
  const { token, claims } = await createSession({
    env,
    retentionSeconds,
    partner,
    principal: "partner",
    request: {
      externalId: ExternalId,
      origin: Origin,
      calls: Calls,
      livenessType: LivenessType,
      actions: Actions,
      maxAttempts: MaxAttempts,
      ttlSeconds: TtlSeconds,
    },
    fields: {
      externalId: "ExternalId",
      origin: "Origin",
      calls: "Calls",
      livenessType: "LivenessType",
      actions: "Actions",
      maxAttempts: "MaxAttempts",
      ttlSeconds: "TtlSeconds",
    },
    seed,
    nowSeconds: Math.floor(now / 1000),
  });
  return {
    Response: {
      SessionId: claims.sid,
      SessionToken: token,
      ExpiredTimestamp: claims.expiresAt,
      RequestId: requestId,
    },
  };
}

/** Ends one of the partner's sessions everywhere at once (e.g. the person abandoned the KYC flow). */
async function revokeCaptureSession(
  { env, seed, partner, requestId, now }: GatewayActionContext,
  parameters: Record<string, unknown>,
) {
  const { SessionToken, ...rest } = parameters;
  refuseUnknown(rest);
  if (typeof SessionToken !== "string" || !SessionToken)
    return fail({ kind: "missing-parameter", parameter: "SessionToken" });
  const nowSeconds = Math.floor(now / 1000);
  const read = await readSessionToken(SessionToken, seed, nowSeconds);
  if (!read.ok && read.reason !== "expired") {
    fail({
      kind: "invalid-parameter",
      parameter: "SessionToken",
      detail: "is not a session token of this gateway.",
    });
  }
  if (read.ok) {
    if (read.claims.partnerId !== partner.partnerId) {
      fail({
        kind: "invalid-parameter",
        parameter: "SessionToken",
        detail: "is not one of this partner's sessions.",
      });
    }
    await captureSessionOf(env, read.claims.sid).revoke(read.claims.expiresAt);
  }
  // An expired token is already refused everywhere: revoking it changes nothing.
  return { Response: { RequestId: requestId } };
}

/**
 * One of the partner's sessions and every verification made with it:
 * `{ SessionId, ExternalId, Status, AttemptsUsed, MaxAttempts, Attempts, ExpiredTimestamp }`.
 */
async function describeCaptureSession(
  { env, partner, requestId, now }: GatewayActionContext,
  parameters: Record<string, unknown>,
) {
  const { SessionId, ...rest } = parameters;
  refuseUnknown(rest);
  if (SessionId === undefined || SessionId === "")
    return fail({ kind: "missing-parameter", parameter: "SessionId" });
  if (typeof SessionId !== "string")
    return fail({ kind: "invalid-parameter", parameter: "SessionId", detail: "must be a string." });
  const view = await describeSession(env, SessionId, partner.partnerId, now, "SessionId");
  return {
    Response: {
      SessionId: view.sessionId,
      ExternalId: view.externalId,
      Status: view.status,
      AttemptsUsed: view.attemptsUsed,
      MaxAttempts: view.maxAttempts,
      Attempts: view.attempts.map((attempt) => ({
        Time: Math.floor(attempt.at / 1000),
        Flow: attempt.flow,
        LivenessType: attempt.livenessType,
        Actions: attempt.actions,
        Result: attempt.result,
        Passed: attempt.passed,
        Similarity: attempt.similarity,
        TencentRequestId: attempt.tencentRequestId,
        GatewayRequestId: attempt.requestId,
        CapturedBy: attempt.capturedBy,
        Origin: attempt.origin,
        ChecksOverridden: attempt.checksOverridden,
      })),
      ExpiredTimestamp: view.expiresAt,
      RequestId: requestId,
    },
  };
}

function refuseUnknown(rest: Record<string, unknown>): void {
  const unknown = Object.keys(rest)[0];
  if (unknown !== undefined) fail({ kind: "unknown-parameter", parameter: unknown });
}
