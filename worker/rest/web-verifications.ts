/**
 * Tencent's hosted verification for pages and the extension (README, "Hosted verification"):
 *
 *   POST /v1/web-verifications            {redirectUrl, checkMode?, idCardType?, language?}
 *        → 201 {verificationUrl, bizToken, expiresAt}   (ApplyWebVerificationBizTokenIntl; spends an attempt)
 *   GET  /v1/web-verifications/{bizToken} → {status: "pending", progress} | {status: "completed", …verdict}
 *                                                       (GetWebVerificationResultIntl)
 *
 * The flow is the session's: only the session that started it reads it (its Durable Object keeps the
 * BizToken), over and above the ledger's rule that a BizToken is its partner's. Its verdict is signed as a
 * compare's, and recorded in the session once, the first time it is read, so session records, verdict tokens
 * and webhooks cover this flow as they cover uploads.
 */
import type { Hono } from "hono";
import type { LivenessActionName, LivenessType } from "../../shared/faceid/types";
import { BIZ_TOKEN_TTL_SECONDS } from "../../shared/faceid/web-verification";
import type { CreateWebVerificationResponse, WebVerificationResult } from "../../shared/rest/api";
import { fail } from "../errors/failure";
import type { UpstreamAnswer } from "../faceid/client";
import type { GatewayEnv } from "../gateway-env";
import { createHandoff, HANDOFF_PATH } from "../handoff/routes";
import { afterAnswer } from "../http/after-answer";
import { redirectUrlProblem } from "../partners/redirect-urls";
import { captureSessionOf } from "../sessions/capture-session";
import type { SessionClaims } from "../sessions/session-token";
import { isHandleText } from "../validation/parameters";
import { webVerificationOutcome } from "../web-verification/web-verdict";
import { attemptOf, failureOutcome } from "./attempt-record";
import { describeCreateWebVerification, describeGetWebVerification } from "./operations";
import type { RestDeps } from "./routes";
import { CreateWebVerificationRequestSchema, parseBody } from "./schemas";
import { authoriseSession, pageOrigin, spendAttempt } from "./session-auth";
import { smallJson } from "./small-json";
import { refuseApiError, signedVerdict } from "./verdict";

/** The hosted page's action names for the session's actions (WebVerificationConfigIntl.ActionList). */
const WEB_ACTION_NAMES: Record<LivenessActionName, string> = {
  blink: "blink",
  open_mouth: "mouth",
  nod: "nod",
  shake_head: "shake",
};

export function webVerificationRoutes(rest: Hono<GatewayEnv>, deps: RestDeps): void {
  rest.post("/web-verifications", describeCreateWebVerification, async (c) => {
    c.set("action", "ApplyWebVerificationBizTokenIntl");
    const { claims, partner } = await authoriseSession(c, "web", deps.clock());
    const request = parseBody(CreateWebVerificationRequestSchema, await smallJson(c));
    const { config, verdicts } = c.var.services;
    const problem = redirectUrlProblem(
      request.redirectUrl,
      partner.redirectUrls ?? [],
      config.allowLoopbackRedirects,
    );
    if (problem) fail({ kind: "invalid-parameter", parameter: "redirectUrl", detail: problem });
    // Its verdict will be signed: a gateway that could not sign one spends no attempt (verdicts/verdict-signer.ts).
    await verdicts.ready();
    await spendAttempt(c.env, claims, deps.clock());
    const startedAt = deps.clock();
    const attempt = attemptOf(
      claims,
      {
        flow: "web",
        livenessType: livenessTypeOf(claims),
        actions: claims.livenessType === "ACTION" ? (claims.actions ?? []) : [],
      },
      { at: startedAt, requestId: c.get("requestId"), origin: pageOrigin(c) },
    );
    const session = captureSessionOf(c.env, claims.sid);
    let answer: UpstreamAnswer | undefined;
    try {
      answer = await deps.faceIdClient(c, partner).send(
        "ApplyWebVerificationBizTokenIntl",
        JSON.stringify({
          RedirectURL: request.redirectUrl,
          Config: {
            ...(request.checkMode !== undefined ? { CheckMode: request.checkMode } : {}),
            ...(request.idCardType !== undefined ? { IDCardType: request.idCardType } : {}),
            ...(request.language !== undefined ? { Language: request.language } : {}),
            ...livenessConfig(claims),
          },
        }),
      );
      c.set("upstream", { requestId: answer.requestId, outcome: answer.error?.code ?? "Success" });
      refuseApiError(answer);
    } catch (error) {
      // The attempt is spent and no flow started: the record says why, as for a compare Tencent refused.
      await afterAnswer(c, session.recordAttempt({ ...attempt, ...failureOutcome(error, answer) }));
      throw error;
    }
    const bizToken = String(answer.response.BizToken);
    await session.openWebFlow(bizToken, attempt);
    const verificationUrl = String(answer.response.VerificationURL);
    const expiresAt = startedAt + BIZ_TOKEN_TTL_SECONDS * 1000;
    const handoff = await createHandoff(c.env, {
      sessionId: claims.sid,
      bizToken,
      verificationUrl,
      expiresAt,
    });
    const body: CreateWebVerificationResponse = {
      verificationUrl,
      bizToken,
      expiresAt: new Date(expiresAt).toISOString(),
      handoffUrl: `${new URL(c.req.url).origin}${HANDOFF_PATH}/${handoff.code}`,
      handoffCode: handoff.display,
    };
    return c.json(body, 201);
  });

  rest.get("/web-verifications/:bizToken", describeGetWebVerification, async (c) => {
    c.set("action", "GetWebVerificationResultIntl");
    const { claims, partner } = await authoriseSession(c, "web-results", deps.clock());
    const bizToken = c.req.param("bizToken");
    if (!isHandleText(bizToken)) {
      fail({ kind: "invalid-parameter", parameter: "bizToken", detail: "is not a BizToken." });
    }
    const session = captureSessionOf(c.env, claims.sid);
    const flow = await session.webFlow(bizToken);
    if (!flow) return fail({ kind: "unknown-handle", parameter: "bizToken", form: "token" });
    const verdictSigner = await c.var.services.verdicts.ready();
    const answer = await deps
      .faceIdClient(c, partner)
      .send("GetWebVerificationResultIntl", JSON.stringify({ BizToken: bizToken }));
    refuseApiError(answer);
    const outcome = webVerificationOutcome(answer.response);
    c.set("upstream", {
      requestId: answer.requestId,
      outcome: outcome.state === "final" ? outcome.result : "Pending",
    });
    if (outcome.state === "pending") {
      const progress = outcome.started ? "in_progress" : flow.opened ? "opened" : "waiting";
      return c.json({ status: "pending", progress } satisfies WebVerificationResult);
    }
    const { state: _final, ...verdict } = outcome;
    const signed = await signedVerdict(
      verdict,
      { tencentRequestId: answer.requestId, requestId: c.get("requestId") },
      {
        signer: verdictSigner,
        session: claims,
        livenessType: flow.attempt.livenessType,
        nowMs: deps.clock(),
        requestUrl: c.req.url,
      },
    );
    c.set("verdict", { passed: signed.passed, similarity: signed.similarity });
    await afterAnswer(
      c,
      session.recordWebVerdict(
        bizToken,
        {
          result: signed.result,
          passed: signed.passed,
          similarity: signed.similarity,
          tencentRequestId: signed.tencentRequestId,
        },
        signed.verdictToken,
      ),
    );
    return c.json({ status: "completed", ...signed } satisfies WebVerificationResult);
  });
}

/**
 * The session's liveness rules as the hosted page's: a session fixed to SILENT asks for silent liveness
 * (SecurityLevel 1), one fixed to ACTION for action liveness (2) with its actions; otherwise Tencent's default
 * (3, light).
 */
function livenessConfig(claims: SessionClaims): Record<string, unknown> {
  if (claims.livenessType === "SILENT") return { SecurityLevel: 1 };
  if (claims.livenessType !== "ACTION") return {};
  const actions = (claims.actions ?? []).map((action) => WEB_ACTION_NAMES[action]);
  return { SecurityLevel: 2, ...(actions.length > 0 ? { ActionList: actions.join(",") } : {}) };
}

/** ACTION when the page asks for actions, SILENT otherwise (silent and light liveness ask for none). */
function livenessTypeOf(claims: SessionClaims): LivenessType {
  return claims.livenessType === "ACTION" ? "ACTION" : "SILENT";
}
