/**
 * Tencent's quota (20 requests/second per action per account; 5 for the reflect actions) held across the
 * whole deployment: one Durable Object per action admits requests toward Tencent, so the limit holds whatever
 * the number of isolates or locations. When partners want more than the rate, it is divided among them by
 * weight, each within its own rate (fair-admission.ts); waiting callers are queued, and woken exactly when a
 * slot frees, never polling.
 *
 * A request counts from when it was really sent, not from when it was admitted: a busy isolate may send an
 * admitted request hundreds of milliseconds later, and counting admissions would let two admission waves land
 * at Tencent within one second. So the caller reports each send (`sent`), and a slot not yet reported counts
 * as sending now. Callers that would wait too long are refused at once with the time to retry.
 */
import { DurableObject } from "cloudflare:workers";
import { type AdmissionDecision, type AdmissionRequest, FairAdmission } from "./fair-admission";

export type SlotGrant = AdmissionDecision;
export type SlotRequest = AdmissionRequest;

export class UpstreamQuota extends DurableObject<Env> {
  readonly #admission = new FairAdmission();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #timerAt = Number.POSITIVE_INFINITY;

  acquire(request: SlotRequest): Promise<SlotGrant> {
    // The object's own clock serves every caller, so callers' clock skew cannot break the window.
    return new Promise((resolve) => {
      this.#admission.arrive(Date.now(), request, resolve);
      this.#schedule();
    });
  }

  /** Callers have sent the requests admitted as `slotIds` (an isolate reports its sends in batches). */
  sent(slotIds: number[]): void {
    this.#admission.sent(slotIds, Date.now());
    this.#schedule();
  }

  /** One timer, for the moment the queue can next move: a slot freeing or a waiter's bound passing. */
  #schedule(): void {
    const now = Date.now();
    const at = this.#admission.nextWakeAt(now);
    if (at === null || at >= this.#timerAt) return;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timerAt = at;
    this.#timer = setTimeout(() => {
      this.#timerAt = Number.POSITIVE_INFINITY;
      this.#admission.wake(Date.now());
      this.#schedule();
    }, at - now);
  }
}
