/**
 * Records every gateway call in the audit log after the answer is sent (`waitUntil`): who (partner and
 * principal), what, outcome, verdict, latency, and both request ids. It reads only what the handlers put in
 * the context — never a body, a header or a token.
 */
import type { Context, MiddlewareHandler } from "hono";
import { AuditLog } from "../audit/audit-log";
import type { AuditEvent } from "../audit/event";
import type { GatewayEnv } from "../gateway-env";
import { afterAnswer } from "./after-answer";

/** The gateway's API calls; pages, health checks and CORS preflights are not audited. */
function isAudited(c: Context<GatewayEnv>): boolean {
  const path = c.req.path;
  if (c.req.method === "OPTIONS") return false;
  return path === "/" || path.startsWith("/v1/") || path.startsWith("/admin/");
}

export function auditTrail(clock: () => number): MiddlewareHandler<GatewayEnv> {
  return async function recordCall(c, next) {
    const started = clock();
    await next();
    if (!isAudited(c)) return;
    const path = c.req.path;
    const upstream = c.get("upstream");
    const verdict = c.get("verdict");
    const partnerId = c.get("partnerId") ?? null;
    const event: AuditEvent = {
      at: new Date(started).toISOString(),
      requestId: c.get("requestId"),
      tencentRequestId: upstream?.requestId || null,
      partnerId,
      principal:
        c.get("principal") ?? (partnerId ? { type: "partner", id: partnerId } : { type: "anonymous" }),
      dialect: path === "/" ? "tencent" : "rest",
      action: c.get("action") || `${c.req.method} ${c.req.routePath}`,
      outcome: c.get("failureKind") ?? upstream?.outcome ?? "ok",
      passed: verdict?.passed ?? null,
      similarity: verdict?.similarity ?? null,
      httpStatus: c.res.status,
      latencyMs: Math.max(0, clock() - started),
    };
    await afterAnswer(c, new AuditLog(c.env.AUDIT_DB).record(event));
  };
}
