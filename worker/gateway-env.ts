/**
 * What every handler of the gateway sees: the Worker's bindings and the per-request variables the
 * middleware and routes share (Hono's `c.var`). Its own module, so routes and middleware need not import the
 * app that mounts them.
 */
import type { Context } from "hono";
import type { AuditPrincipal } from "./audit/event";
import type { GatewayFailure } from "./errors/failure";
import type { PartnerFaceIdClient } from "./faceid/partner-client";
import type { QuotaHolder } from "./quota/reserve";
import type { GatewayServices } from "./services";

export interface GatewayVariables {
  requestId: string;
  /** Made once per isolate (services.ts). */
  services: GatewayServices;
  partnerId?: string;
  principal?: AuditPrincipal;
  action?: string;
  failureKind?: GatewayFailure["kind"];
  upstream?: { requestId: string; outcome: string };
  verdict?: { passed: boolean; similarity: number | null };
}

export type GatewayEnv = { Bindings: Env; Variables: GatewayVariables };

/**
 * Makes the FaceID client for one request, on behalf of one partner: it spends the partner's quota, reads
 * only the partner's handles and records the handles the partner obtains.
 */
export type FaceIdClientFactory = (c: Context<GatewayEnv>, partner: QuotaHolder) => PartnerFaceIdClient;
