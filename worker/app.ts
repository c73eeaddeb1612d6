/**
 * The gateway as a Hono app. Dependencies that tests replace (the upstream transport, the clock) come in
 * through `createGateway`; everything else is read from the Worker's bindings.
 */
import { type Context, Hono } from "hono";
import { asFailure, type GatewayFailure } from "./errors/failure";
import { restErrorResponse, toRestError } from "./errors/rest";
import { tencentErrorBody, toTencentError } from "./errors/tencent";
import { PartnerFaceIdClient } from "./faceid/partner-client";
import type { FaceIdClientFactory, GatewayEnv } from "./gateway-env";
import { HANDOFF_PATH, handoffRoutes } from "./handoff/routes";
import { accessLog } from "./http/access-log";
import { afterAnswer } from "./http/after-answer";
import { auditTrail } from "./http/audit-trail";
import { REQUEST_ID_HEADER, requestId } from "./http/request-id";
import { servedHosts } from "./http/served-hosts";
import { adminRoutes } from "./partners/admin-routes";
import { reserveUpstreamSlot } from "./quota/reserve";
import { describeHealth, describeVerdictKeys } from "./rest/operations";
import { restRoutes } from "./rest/routes";
import { gatewayServices } from "./services";
import { tencentDialect } from "./tencent-dialect/route";
import { verdictKeySet } from "./verdicts/jwks-route";
import { VERDICT_JWKS_PATH } from "./verdicts/verdict-token";
import { GATEWAY_VERSION } from "./version";

export interface GatewayDeps {
  /** The transport to FaceID; the platform's fetch by default. */
  upstreamFetch?: typeof fetch;
  /**
   * Unix time in milliseconds, `Date.now` by default: every time the gateway reads (signatures, sessions,
   * handles, logs), passed to the session and handle objects with each call. The quota objects keep their own
   * clock, one for every caller (quota/upstream-quota.ts).
   */
  clock?: () => number;
  /**
   * Routes that only some builds add, mounted before the gateway's 404: the development entry's /demo
   * (dev-entry.ts). The deployed Worker (index.ts) adds none, so they are not in its bundle at all.
   */
  routes?: (app: Hono<GatewayEnv>, context: { clock: () => number }) => void;
}

export function createGateway(deps: GatewayDeps = {}) {
  const clock = deps.clock ?? Date.now;
  const faceIdClient: FaceIdClientFactory = (c, partner) => {
    const { faceId, handles, config } = c.var.services;
    return new PartnerFaceIdClient(faceId, handles, partner.partnerId, async (action) => {
      const admission = await reserveUpstreamSlot(c.env, config.region, action, partner);
      // The answer need not wait for the quota object to hear of the send.
      return { sent: () => afterAnswer(c, admission.sent()) };
    });
  };

  const app = new Hono<GatewayEnv>();
  app.use(requestId());
  app.use(gatewayServices({ clock, ...(deps.upstreamFetch ? { upstreamFetch: deps.upstreamFetch } : {}) }));
  app.use(accessLog(clock));
  app.use(servedHosts());
  app.use(auditTrail(clock));

  app.post("/", tencentDialect({ faceIdClient, clock }));
  app.get("/healthz", describeHealth, (c) =>
    c.json({ status: "ok", version: GATEWAY_VERSION, sandbox: c.var.services.config.sandboxUpstream }),
  );
  app.get(VERDICT_JWKS_PATH, describeVerdictKeys, verdictKeySet());
  app.route("/admin", adminRoutes());
  app.route("/v1", restRoutes({ faceIdClient, clock }));
  app.route(HANDOFF_PATH, handoffRoutes(clock));
  deps.routes?.(app, { clock });

  app.notFound((c) => {
    if (c.req.path === "/") {
      return failureResponse(c, {
        kind: "unsupported-protocol",
        detail: "Use POST / with Content-Type application/json.",
      });
    }
    return restErrorResponse({ code: "not_found", message: "No such endpoint." }, c.get("requestId"));
  });
  app.onError((error, c) => failureResponse(c, asFailure(error)));
  return app;
}

/** One place where a failure becomes a response, in the dialect the request came in. */
function failureResponse(c: Context<GatewayEnv>, failure: GatewayFailure): Response {
  c.set("failureKind", failure.kind);
  if (failure.kind === "internal")
    console.error(JSON.stringify({ requestId: c.get("requestId"), error: failure.detail }));
  const id = c.get("requestId");
  if (c.req.path === "/") {
    return new Response(JSON.stringify(tencentErrorBody(toTencentError(failure), id)), {
      status: 200,
      headers: { "Content-Type": "application/json", [REQUEST_ID_HEADER]: id },
    });
  }
  return restErrorResponse(toRestError(failure), id);
}
