/**
 * The REST dialect (`/v1/...`) for partner web pages and the extension: JSON and multipart in, plain JSON
 * out, errors as `{"error":{"code","message","requestId"}}`, every call authorised by a short-lived token.
 */
import { type Context, Hono } from "hono";
import { SDK_TOKEN_FLOW_SECONDS } from "../../shared/faceid/limits";
import type {
  CreateLivenessTokenResponse,
  CreateSessionResponse,
  SessionResponse,
} from "../../shared/rest/api";
import { fail } from "../errors/failure";
import type { UpstreamAnswer } from "../faceid/client";
import type { FaceIdClientFactory, GatewayEnv } from "../gateway-env";
import { afterAnswer } from "../http/after-answer";
import { captureSessionOf } from "../sessions/capture-session";
import { createSession, REST_SESSION_FIELDS } from "../sessions/create-session";
import { describeSession } from "../sessions/describe-session";
import { isHandleText } from "../validation/parameters";
import { type AttemptOutcome, attemptOf, failureOutcome, verdictOutcome } from "./attempt-record";
import { prepareCompare } from "./compare";
import { partnerCors } from "./cors";
import { secureLevelWithin } from "./liveness-token";
import {
  describeCompare,
  describeCreateLivenessToken,
  describeCreateSession,
  describeGetLivenessResult,
  describeGetSession,
} from "./operations";
import { CreateLivenessTokenRequestSchema, CreateSessionRequestSchema, parseBody } from "./schemas";
import { authoriseSession, bearerToken, pageOrigin, spendAttempt } from "./session-auth";
import { smallJson } from "./small-json";
import { compareVerdict, livenessVerdict, refuseApiError } from "./verdict";
import { webVerificationRoutes } from "./web-verifications";

export interface RestDeps {
  faceIdClient: FaceIdClientFactory;
  /** Unix time in milliseconds: the gateway's clock. */
  clock: () => number;
}

export function restRoutes(deps: RestDeps) {
  const rest = new Hono<GatewayEnv>();
  rest.use(partnerCors());

  rest.post("/sessions", describeCreateSession, async (c) => {
    c.set("action", "CreateSession");
    const { agent, partner } = await authoriseAgent(c);
    const { config } = c.var.services;
    const request = parseBody(CreateSessionRequestSchema, await smallJson(c));
    const { token, claims } = await createSession({
      env: c.env,
      retentionSeconds: config.sessionRetentionSeconds,
      partner,
      principal: `agent:${agent.keyId}`,
      request,
      fields: REST_SESSION_FIELDS,
      seed: config.partnerKeySeed,
      nowSeconds: Math.floor(deps.clock() / 1000),
    });
    const body: CreateSessionResponse = {
      sessionId: claims.sid,
      sessionToken: token,
      expiresAt: new Date(claims.expiresAt * 1000).toISOString(),
      maxAttempts: claims.maxAttempts,
    };
    return c.json(body, 201);
  });

  rest.get("/sessions/:sessionId", describeGetSession, async (c) => {
    c.set("action", "DescribeCaptureSession");
    const { partner } = await authoriseAgent(c);
    const view = await describeSession(
      c.env,
      c.req.param("sessionId"),
      partner.partnerId,
      deps.clock(),
      "sessionId",
    );
    const body: SessionResponse = {
      sessionId: view.sessionId,
      externalId: view.externalId,
      status: view.status,
      attemptsUsed: view.attemptsUsed,
      maxAttempts: view.maxAttempts,
      attempts: view.attempts.map(({ at, ...attempt }) => ({ at: new Date(at).toISOString(), ...attempt })),
      expiresAt: new Date(view.expiresAt * 1000).toISOString(),
    };
    return c.json(body);
  });

  rest.post("/liveness/compare", describeCompare, async (c) => {
    c.set("action", "CompareFaceLiveness");
    const { claims, partner } = await authoriseSession(c, "compare", deps.clock());
    // Before the billable call: a verdict that could not be signed is never given (verdicts/verdict-signer.ts).
    const verdictSigner = await c.var.services.verdicts.ready();
    const prepared = await prepareCompare(c, claims);
    await spendAttempt(c.env, claims, deps.clock());
    // The attempt is spent: whatever happens next goes into the session's record, after the answer.
    const asked = {
      flow: "compare",
      livenessType: prepared.livenessType,
      actions: prepared.actions,
      checksOverridden: prepared.checksOverridden,
    } as const;
    const attempt = attemptOf(claims, asked, {
      at: deps.clock(),
      requestId: c.get("requestId"),
      origin: pageOrigin(c),
    });
    const record = (outcome: AttemptOutcome, verdictToken: string | null = null) =>
      afterAnswer(
        c,
        captureSessionOf(c.env, claims.sid).recordAttempt({ ...attempt, ...outcome }, verdictToken),
      );
    let answer: UpstreamAnswer | undefined;
    try {
      answer = await deps.faceIdClient(c, partner).send("CompareFaceLiveness", prepared.body);
      c.set("upstream", {
        requestId: answer.requestId,
        outcome: answer.error?.code ?? String(answer.response.Result),
      });
      const verdict = await compareVerdict(answer, c.get("requestId"), {
        signer: verdictSigner,
        session: claims,
        livenessType: prepared.livenessType,
        nowMs: deps.clock(),
        requestUrl: c.req.url,
      });
      c.set("verdict", { passed: verdict.passed, similarity: verdict.similarity });
      await record(verdictOutcome(verdict), verdict.verdictToken);
      return c.json(verdict);
    } catch (error) {
      await record(failureOutcome(error, answer));
      throw error;
    }
  });

  rest.post("/liveness/tokens", describeCreateLivenessToken, async (c) => {
    c.set("action", "ApplyLivenessToken");
    const { claims, partner } = await authoriseSession(c, "tokens", deps.clock());
    const asked = parseBody(CreateLivenessTokenRequestSchema, await smallJson(c)).secureLevel;
    const secureLevel = secureLevelWithin(claims, asked);
    await spendAttempt(c.env, claims, deps.clock());
    const request = secureLevel === undefined ? {} : { SecureLevel: secureLevel };
    const answer = await deps.faceIdClient(c, partner).send("ApplyLivenessToken", JSON.stringify(request));
    c.set("upstream", { requestId: answer.requestId, outcome: answer.error?.code ?? "Success" });
    refuseApiError(answer);
    const body: CreateLivenessTokenResponse = {
      sdkToken: String(answer.response.SdkToken),
      expiresAt: new Date(deps.clock() + SDK_TOKEN_FLOW_SECONDS * 1000).toISOString(),
    };
    return c.json(body, 201);
  });

  rest.get("/liveness/results/:sdkToken", describeGetLivenessResult, async (c) => {
    c.set("action", "GetLivenessResult");
    const { partner } = await authoriseSession(c, "results", deps.clock());
    const sdkToken = c.req.param("sdkToken");
    if (!isHandleText(sdkToken)) {
      fail({ kind: "invalid-parameter", parameter: "sdkToken", detail: "is not a liveness SdkToken." });
    }
    const answer = await deps
      .faceIdClient(c, partner)
      .send("GetLivenessResult", JSON.stringify({ SdkToken: sdkToken }));
    c.set("upstream", {
      requestId: answer.requestId,
      outcome: answer.error?.code ?? String(answer.response.Result),
    });
    const verdict = livenessVerdict(answer);
    c.set("verdict", { passed: verdict.passed, similarity: null });
    return c.json(verdict);
  });

  webVerificationRoutes(rest, deps);

  for (const [path, allowed] of [
    ["/web-verifications", ["POST"]],
    ["/web-verifications/:bizToken", ["GET"]],
    ["/sessions", ["POST"]],
    ["/sessions/:sessionId", ["GET"]],
    ["/liveness/compare", ["POST"]],
    ["/liveness/tokens", ["POST"]],
    ["/liveness/results/:sdkToken", ["GET"]],
  ] as const) {
    rest.all(path, () => fail({ kind: "method-not-allowed", allowed: [...allowed] }));
  }
  return rest;
}

/** The agent key in the bearer, still active, and its partner, still active. */
async function authoriseAgent(c: Context<GatewayEnv>) {
  const check = await c.var.services.agentKeys.check(bearerToken(c));
  if (!check.ok)
    fail(check.reason === "revoked" ? { kind: "session-revoked" } : { kind: "credential-invalid" });
  const agent = check.record;
  c.set("partnerId", agent.partnerId);
  c.set("principal", { type: "agent", id: agent.keyId });
  const partner = await c.var.services.partners.getByPartnerId(agent.partnerId);
  if (!partner || partner.revokedAt) return fail({ kind: "session-revoked" });
  return { agent, partner };
}
