/** Gives every request an id, returned as `X-Request-Id` on every response (design: fixed contracts). */
import type { MiddlewareHandler } from "hono";

export const REQUEST_ID_HEADER = "X-Request-Id";

export function requestId(): MiddlewareHandler<{ Variables: { requestId: string } }> {
  return async function assignRequestId(c, next) {
    const id = crypto.randomUUID();
    c.set("requestId", id);
    await next();
    c.res.headers.set(REQUEST_ID_HEADER, id);
  };
}
