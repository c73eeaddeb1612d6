/**
 * Tencent's quota (20 requests/second per action per account; 5 for the reflect actions) held across the
 * whole deployment: one Durable Object per action admits requests toward Tencent, so the limit holds whatever
 * the number of isolates or locations. A partner's own, lower quota is held in the same decision.
 *
 * A request counts from when it was really sent, not from when it was admitted: a busy isolate may send an
 * admitted request hundreds of milliseconds later, and counting admissions would let two admission waves land
 * at Tencent within one second. So the caller reports each send (`sent`), a slot not yet reported counts as
 * sending now, and a waiting caller re-checks as reports come in. Callers that would wait too long are refused
 * with the time to retry.
 */
import { DurableObject } from "cloudflare:workers";
import { SlotLedger } from "./sending-slots";

export type SlotGrant =
  | { granted: true; waitedMs: number; slotId: number }
  | { granted: false; retryAfterMs: number };

export interface SlotRequest {
  /** The action's account-wide limit per second. */
  limitPerSecond: number;
  /** The partner's own limit, when it has one below the account's. */
  partner?: { id: string; limitPerSecond: number };
  maxWaitMs: number;
}

/** A waiting caller looks again at least this often, as other callers report their sends. */
const RECHECK_MS = 50;

export class UpstreamQuota extends DurableObject<Env> {
  readonly #ledger = new SlotLedger();

  async acquire(request: SlotRequest): Promise<SlotGrant> {
    // The object's own clock serves every caller, so callers' clock skew cannot break the window.
    const started = Date.now();
    for (;;) {
      const now = Date.now();
      const at = this.#ledger.earliest(now, request);
      if (at <= now) {
        const slotId = this.#ledger.admit(now, request.partner?.id);
        return { granted: true, waitedMs: now - started, slotId };
      }
      if (at - started > request.maxWaitMs) return { granted: false, retryAfterMs: at - now };
      await scheduler.wait(Math.min(at - now, RECHECK_MS));
    }
  }

  /** Callers have sent the requests admitted as `slotIds` (an isolate reports its sends in batches). */
  sent(slotIds: number[]): void {
    this.#ledger.sent(slotIds, Date.now());
  }
}
