/**
 * The Tencent dialect: `POST /` exactly as Tencent's API, for partner backends that keep their official SDK
 * and only change its endpoint. Verify the partner's TC3 signature → apply its policy → validate at the edge →
 * re-sign with the gateway's key → forward the same bytes → pass Tencent's answer back as Tencent sent it.
 * The body is read once and hashed once: the digest serves both signatures.
 */
import type { Context } from "hono";
import {
  FACEID_ACTIONS,
  FACEID_API_VERSION,
  FACEID_SERVICE,
  type FaceIdAction,
  isFaceIdAction,
  isValidatedAction,
  removedAction,
} from "../../shared/faceid/actions";
import { MAX_BODY_BYTES } from "../../shared/faceid/limits";
import { meaningfulSimilarity } from "../../shared/faceid/similarity";
import { checkTencentCompareBody } from "../compare/request";
import { fail } from "../errors/failure";
import type { FaceIdClientFactory, GatewayEnv } from "../gateway-env";
import { readBoundedBody } from "../http/body";
import { parseJsonObject } from "../http/json-body";
import type { PartnerRecord } from "../partners/store";
import { sha256Hex } from "../tc3/digest";
import { Tc3Verifier } from "../tc3/verifier";
import {
  checkApplyWebVerification,
  checkWebVerificationResult,
} from "../web-verification/tencent-parameters";
import { isGatewayAction, permissionOf, runGatewayAction } from "./gateway-actions";
import { validateParameters } from "./parameters";

export interface TencentDialectDeps {
  faceIdClient: FaceIdClientFactory;
  /** Unix time in milliseconds: the gateway's clock. */
  clock: () => number;
}

export function tencentDialect(deps: TencentDialectDeps) {
  const verifier = new Tc3Verifier({ acceptsService: sdkDerivedService, clock: deps.clock });

  return async function handleTencentRequest(c: Context<GatewayEnv>): Promise<Response> {
    const { config, partners } = c.var.services;
    const request = c.req.raw;
    const contentType = request.headers.get("content-type") ?? "";
    if (!/^application\/json\b/i.test(contentType)) {
      fail({
        kind: "unsupported-protocol",
        detail: "Only POST with Content-Type application/json is supported.",
      });
    }
    const body = await readBoundedBody(request, MAX_BODY_BYTES);
    const bodyHash = await sha256Hex(body);

    let partner: PartnerRecord | undefined;
    const verification = await verifier.verify(
      { method: request.method, url: new URL(request.url), headers: request.headers, bodyHash },
      async (secretId) => {
        partner = await partners.get(secretId);
        return partner ? partners.secretKeyOf(partner) : undefined;
      },
    );
    if (!verification.ok) {
      if (verification.rejection === "unknown-secret-id" && partner?.revokedAt)
        fail({ kind: "partner-revoked" });
      fail({ kind: "signature", rejection: verification.rejection });
    }
    if (!partner) return fail({ kind: "internal", detail: "verified without a partner" });
    c.set("partnerId", partner.partnerId);
    c.set("principal", { type: "partner", id: partner.partnerId });

    const action = request.headers.get("x-tc-action") ?? "";
    if (!action) fail({ kind: "missing-action" });
    c.set("action", action);
    const version = request.headers.get("x-tc-version") ?? "";
    if (version !== FACEID_API_VERSION) fail({ kind: "unsupported-version", version });
    const removal = removedAction(action);
    if (removal) fail({ kind: "removed-action", action, replacement: removal.replacement });
    if (!isFaceIdAction(action) && !isGatewayAction(action)) fail({ kind: "unknown-action", action });
    if (!partner.actions.includes(isGatewayAction(action) ? permissionOf(action) : action))
      fail({ kind: "action-not-allowed", action });
    if (isGatewayAction(action)) {
      const response = await runGatewayAction(
        action,
        {
          env: c.env,
          seed: config.partnerKeySeed,
          retentionSeconds: config.sessionRetentionSeconds,
          partner,
          requestId: c.get("requestId"),
          now: deps.clock(),
        },
        parseJsonObject(body),
      );
      c.set("upstream", { requestId: "", outcome: "Success" });
      return c.json(response);
    }
    if (!isFaceIdAction(action)) return fail({ kind: "unknown-action", action });

    const region = request.headers.get("x-tc-region") || config.region;
    checkRegion(action, region);

    if (action === "CompareFaceLiveness") checkTencentCompareBody(new Uint8Array(body));
    else if (isValidatedAction(action)) validateParameters(action, parseJsonObject(body));
    else if (action === "ApplyWebVerificationBizTokenIntl")
      checkApplyWebVerification(parseJsonObject(body), partner, config.allowLoopbackRedirects);
    else if (action === "GetWebVerificationResultIntl") checkWebVerificationResult(parseJsonObject(body));
    const answer = await deps.faceIdClient(c, partner).send(action, body, {
      region,
      bodyHash,
      language: request.headers.get("x-tc-language") ?? undefined,
    });
    c.set("upstream", {
      requestId: answer.requestId,
      outcome: answer.error?.code ?? outcomeOf(answer.response),
    });
    if (action === "CompareFaceLiveness" && !answer.error)
      c.set("verdict", compareVerdictOf(answer.response));
    return new Response(answer.bytes, {
      status: 200,
      headers: {
        "Content-Type": "application/json",
        ...(answer.sandbox ? { "X-FaceID-Sandbox": "1" } : {}),
      },
    });
  };
}

/**
 * SDKs derive the service from the first label of the host they were pointed at: `faceid` for
 * faceid.example.com, `127` for 127.0.0.1:8787. Accept that, and the product's own name.
 */
function sdkDerivedService(service: string, hostname: string): boolean {
  return service === FACEID_SERVICE || service === hostname.split(".")[0];
}

/** An action whose page names its regions is refused elsewhere; one that names none goes anywhere. */
function checkRegion(action: FaceIdAction, region: string): void {
  const regions: readonly string[] | undefined = FACEID_ACTIONS[action].regions;
  if (regions !== undefined && !regions.includes(region))
    fail({ kind: "unsupported-region", action, region });
}

/** What the audit log keeps of a verdict: pass or fail, and the similarity where it means something. */
function compareVerdictOf(response: Record<string, unknown>) {
  return {
    passed: response.Result === "Success",
    similarity: meaningfulSimilarity(response.Result, response.Sim),
  };
}

function outcomeOf(response: Record<string, unknown>): string {
  return typeof response.Result === "string" ? response.Result : "Success";
}
