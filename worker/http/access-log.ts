/**
 * One structured log line per request: who, what, outcome, latency and request ids. Never bodies, headers,
 * tokens or paths with tokens in them (the route pattern is logged, not the path).
 */
import type { MiddlewareHandler } from "hono";
import type { GatewayEnv } from "../gateway-env";

export function accessLog(clock: () => number): MiddlewareHandler<GatewayEnv> {
  return async function logRequest(c, next) {
    const started = clock();
    await next();
    const upstream = c.get("upstream");
    console.log(
      JSON.stringify({
        requestId: c.get("requestId"),
        method: c.req.method,
        route: c.req.routePath,
        status: c.res.status,
        partnerId: c.get("partnerId"),
        action: c.get("action"),
        outcome: c.get("failureKind") ?? upstream?.outcome,
        tencentRequestId: upstream?.requestId,
        latencyMs: clock() - started,
      }),
    );
  };
}
