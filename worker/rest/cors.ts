/**
 * CORS for the REST dialect, per partner: only origins a partner registered, echoed back (never `*`), with
 * `Vary: Origin`. Preflights carry no credential, so they are answered from the origin index; the actual
 * call is then bound to the session's own partner and origin (rest/session-auth.ts).
 */
import type { MiddlewareHandler } from "hono";
import { restErrorResponse, toRestError } from "../errors/rest";
import type { GatewayEnv } from "../gateway-env";

const ALLOWED_METHODS = "GET, POST, OPTIONS";
const ALLOWED_HEADERS = "Authorization, Content-Type";
const EXPOSED_HEADERS = "X-Request-Id, Retry-After";
const PREFLIGHT_MAX_AGE_SECONDS = "600";

export function partnerCors(): MiddlewareHandler<GatewayEnv> {
  return async function applyPartnerCors(c, next) {
    const origin = c.req.header("origin");
    const registered = origin !== undefined && (await c.var.services.partners.isRegisteredOrigin(origin));

    if (c.req.method === "OPTIONS") {
      if (!registered) {
        return restErrorResponse(
          toRestError({ kind: "origin-not-allowed", origin: origin ?? "(none)" }),
          c.get("requestId"),
        );
      }
      return new Response(null, {
        status: 204,
        headers: {
          "Access-Control-Allow-Origin": origin,
          "Access-Control-Allow-Methods": ALLOWED_METHODS,
          "Access-Control-Allow-Headers": ALLOWED_HEADERS,
          "Access-Control-Max-Age": PREFLIGHT_MAX_AGE_SECONDS,
          Vary: "Origin",
        },
      });
    }
    await next();
    c.res.headers.append("Vary", "Origin");
    if (registered) {
      c.res.headers.set("Access-Control-Allow-Origin", origin);
      c.res.headers.set("Access-Control-Expose-Headers", EXPOSED_HEADERS);
    }
  };
}
