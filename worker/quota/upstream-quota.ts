/**
 * Tencent's quota (20 requests/second per action per account; 5 for the reflect actions) held across the
 * whole deployment: one Durable Object per action grants sending slots, so the limit holds whatever the
 * number of isolates or locations. A caller whose slot frees soon waits for it; otherwise it is refused with
 * the time to retry. Per-partner quotas use the same object class under another name.
 */
import { DurableObject } from "cloudflare:workers";

export type SlotGrant = { granted: true; waitMs: number } | { granted: false; retryAfterMs: number };

const WINDOW_MS = 1000;

export class UpstreamQuota extends DurableObject<Env> {
  /** Send times granted in the last second, oldest first, including slots reserved in the near future. */
  #grants: number[] = [];

  /**
   * Grants a slot within `limitPerSecond` (a sliding one-second window), waiting at most `maxWaitMs`.
   * Any time in the window holds at most `limitPerSecond` grants, because each new grant comes at least one
   * window after the grant `limitPerSecond` places before it. `notBeforeMs` is a wait the caller already has
   * ahead of it (another quota's).
   */
  acquire(limitPerSecond: number, maxWaitMs: number, notBeforeMs = 0): SlotGrant {
    // The object's own clock for every caller, so callers' clock skew cannot break the window.
    const now = Date.now() + notBeforeMs;
    while (this.#grants.length > 0 && (this.#grants[0] ?? 0) <= now - WINDOW_MS) this.#grants.shift();
    const bound = this.#grants[this.#grants.length - limitPerSecond];
    const at = bound === undefined ? now : Math.max(now, bound + WINDOW_MS);
    const waitMs = at - now;
    if (waitMs > maxWaitMs) return { granted: false, retryAfterMs: waitMs };
    this.#grants.push(at);
    return { granted: true, waitMs };
  }
}
