/**
 * Tencent's quota (20 requests/second per action per account; 5 for the reflect actions) held across the
 * whole deployment: one Durable Object per action grants sending slots, so the limit holds whatever the
 * number of isolates or locations. A partner's own, lower quota is held by the same object in the same
 * decision, so the two limits cannot interfere. A caller whose slot comes soon is answered when it has come,
 * and sends at once; otherwise it is refused with the time to retry.
 */
import { DurableObject } from "cloudflare:workers";
import { findSlot, type Grant, WINDOW_MS } from "./sending-slots";

export type SlotGrant = { granted: true; waitedMs: number } | { granted: false; retryAfterMs: number };

export interface SlotRequest {
  /** The action's account-wide limit per second. */
  limitPerSecond: number;
  /** The partner's own limit, when it has one below the account's. */
  partner?: { id: string; limitPerSecond: number };
  maxWaitMs: number;
}

export class UpstreamQuota extends DurableObject<Env> {
  /** Send times granted (some in the near future), oldest first. */
  #grants: Grant[] = [];

  async acquire(request: SlotRequest): Promise<SlotGrant> {
    // The object's own clock serves every caller, so callers' clock skew cannot break the window.
    const now = Date.now();
    this.#grants = this.#grants.filter((grant) => grant.at > now - WINDOW_MS);
    const at = findSlot(this.#grants, now, request);
    if (at - now > request.maxWaitMs) return { granted: false, retryAfterMs: at - now };
    const grant = { at, partnerId: request.partner?.id };
    const index = this.#grants.findIndex((other) => other.at > at);
    this.#grants.splice(index < 0 ? this.#grants.length : index, 0, grant);
    if (at > now) await scheduler.wait(at - now);
    return { granted: true, waitedMs: at - now };
  }
}
