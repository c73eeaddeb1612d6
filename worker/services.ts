/**
 * What the gateway's handlers work with, made once per isolate (per bindings object: tests run several) and
 * handed to every request as `c.var.services` by one middleware: the checked configuration, the partner and
 * agent-key stores, the FaceID transport (signer, key cache, timeout) and the handle ledger. Nothing here is
 * per request; what is (the partner a call spends quota for, the request that holds its quota report) is
 * given to each call.
 */
import type { MiddlewareHandler } from "hono";
import { type GatewayConfig, gatewayConfig } from "./config";
import { FaceIdClient } from "./faceid/client";
import { HandleLedger } from "./handles/ledger";
import { PartnerStore } from "./partners/store";
import { AgentKeyStore } from "./sessions/agent-keys";
import { VerdictSigner } from "./verdicts/verdict-signer";

export interface GatewayServices {
  config: GatewayConfig;
  partners: PartnerStore;
  agentKeys: AgentKeyStore;
  faceId: FaceIdClient;
  handles: HandleLedger;
  /** Signs verdict tokens; its key is imported once, on the first verdict. */
  verdicts: VerdictSigner;
}

export interface ServiceDeps {
  clock: () => number;
  upstreamFetch?: typeof fetch;
}

/** Provides `c.var.services` (GatewayEnv declares it; typed here without it, so neither module imports the other's values). */
export function gatewayServices(
  deps: ServiceDeps,
): MiddlewareHandler<{ Bindings: Env; Variables: { services: GatewayServices } }> {
  const made = new WeakMap<Env, GatewayServices>();
  return async function provideServices(c, next) {
    let services = made.get(c.env);
    if (services === undefined) {
      services = makeServices(c.env, deps);
      made.set(c.env, services);
    }
    c.set("services", services);
    await next();
  };
}

function makeServices(env: Env, deps: ServiceDeps): GatewayServices {
  const config = gatewayConfig(env);
  if (config.verdicts.problems.length > 0) {
    // Once per isolate; the problems name variables and members, never a value.
    console.error(JSON.stringify({ error: "verdict signing is off", problems: config.verdicts.problems }));
  }
  return {
    config,
    partners: new PartnerStore(env.PARTNERS, config.partnerKeySeed, {
      allowLoopbackRedirects: config.allowLoopbackRedirects,
    }),
    agentKeys: new AgentKeyStore(env.PARTNERS),
    faceId: new FaceIdClient({
      endpoint: config.endpoint,
      region: config.region,
      credentials: config.credentials,
      timeoutMs: config.upstreamTimeoutMs,
      clock: deps.clock,
      ...(deps.upstreamFetch ? { fetch: deps.upstreamFetch } : {}),
    }),
    handles: new HandleLedger(env, deps.clock),
    verdicts: new VerdictSigner(config.verdicts),
  };
}
