/**
 * Answers only under the host names the operator serves the gateway at (`GATEWAY_HOSTS`, comma-separated),
 * when it names any. A request that reaches the Worker under another name, a page that rebinds its own
 * domain to the gateway's address, or a signed request replayed at another of the Worker's routes, is refused
 * before anything else runs. Without the variable every host is served, as before.
 */
import type { MiddlewareHandler } from "hono";
import { fail } from "../errors/failure";
import type { GatewayEnv } from "../gateway-env";
import { stripPort } from "../tc3/verifier";

export function servedHosts(): MiddlewareHandler<GatewayEnv> {
  return async function refuseOtherHosts(c, next) {
    const hosts = c.var.services.config.servedHosts;
    if (hosts.length > 0) {
      const hostname = stripPort(c.req.header("host") ?? new URL(c.req.url).host)
        .trim()
        .toLowerCase();
      if (!hosts.includes(hostname)) fail({ kind: "host-not-served", host: hostname });
    }
    await next();
  };
}
