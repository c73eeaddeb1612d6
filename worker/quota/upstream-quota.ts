/**
 * Tencent's quota (20 requests/second per action per account; 5 for the reflect actions) held across the
 * whole deployment: one Durable Object per action admits requests toward Tencent, so the limit holds whatever
 * the number of isolates or locations. When partners want more than the rate, it is divided among them by
 * weight, each within its own rate (fair-admission.ts); waiting callers are queued, and woken exactly when a
 * slot frees, never polling. An isolate asks for a lease of slots with its caller's and spends them locally
 * (lease-wallet.ts), so at sustained load most requests make no call here.
 *
 * A request counts from when it was really sent, not from when it was admitted: its isolate reports the send
 * with its next call, and until then the slot counts as sending now, then at its lease's end.
 *
 * After a restart while busy (a deploy, a crash), the object cannot know what its previous life admitted in
 * the last window, so it admits nothing until that window has passed; a throttled note in storage says when
 * it was last busy.
 */
import { DurableObject } from "cloudflare:workers";
import { BusyNote } from "./busy-note";
import { type AdmissionDecision, type AdmissionRequest, FairAdmission } from "./fair-admission";
import { BUSY_NOTE_EVERY_MS, LEASE_MS } from "./lease-timing";
import type { LeaseReports } from "./lease-wallet";
import { WINDOW_MS } from "./sending-slots";

export type SlotGrant = AdmissionDecision;
export type SlotRequest = AdmissionRequest & LeaseReports;

const BUSY_UNTIL = "busyUntil";

export class UpstreamQuota extends DurableObject<Env> {
  readonly #admission = new FairAdmission(LEASE_MS);
  #timer: ReturnType<typeof setTimeout> | undefined;
  #timerAt = Number.POSITIVE_INFINITY;
  #busy = new BusyNote(LEASE_MS, BUSY_NOTE_EVERY_MS);

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    void ctx.blockConcurrencyWhile(async () => {
      const busyUntil = (await ctx.storage.get<number>(BUSY_UNTIL)) ?? 0;
      // Slots of a previous life may be sent up to busyUntil, and count for a window after.
      if (busyUntil + WINDOW_MS > Date.now()) this.#admission.closeUntil(busyUntil + WINDOW_MS);
      this.#busy = new BusyNote(LEASE_MS, BUSY_NOTE_EVERY_MS, busyUntil);
    });
  }

  acquire(request: SlotRequest): Promise<SlotGrant> {
    // The object's own clock serves every caller, so callers' clock skew cannot break the window.
    const now = Date.now();
    this.#admission.report(request.sends, request.unused, now);
    const decision = new Promise<SlotGrant>((resolve) => {
      this.#admission.arrive(now, request, resolve);
    });
    this.#schedule();
    return decision.then((grant) => {
      if (grant.granted) this.#noteBusy();
      return grant;
    });
  }

  /** Sends reported at once (others wait), and slots given back unused. */
  report(reports: LeaseReports): void {
    this.#admission.report(reports.sends, reports.unused, Date.now());
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

  /**
   * Notes, ahead of time and at most every BUSY_NOTE_EVERY_MS, until when granted slots may be sent. The
   * grant's answer waits for the write (a Durable Object's output gate), so no slot is out without its note.
   */
  #noteBusy(): void {
    const until = this.#busy.granted(Date.now());
    if (until !== null) void this.ctx.storage.put(BUSY_UNTIL, until);
  }
}
