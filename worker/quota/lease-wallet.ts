/**
 * An isolate's side of the lease protocol: the slots it holds for one partner and action, spent locally so
 * that at sustained load most forwarded requests make no call to the quota object.
 *
 *   isolate → object   acquire({ ..., more, sends, unused })   one call, only when the wallet is empty
 *   object → isolate   { slotIds: [own, ...lease], waitedMs, validForMs }  or  { retryAfterMs }
 *
 * Only durations cross the wire, each measured on one side's own clock, so clocks need not agree:
 * - The isolate notes `askedAt` before it asks. The object admitted the slots no sooner than `askedAt +
 *   waitedMs` in real time, so a slot used until `askedAt + waitedMs + validForMs` on the isolate's clock is
 *   used before the object's `admittedAt + validForMs`, the latest send the object assumes.
 * - A send is reported as `afterMs` since that same origin: in real time it happened no later than the
 *   object's `admittedAt + afterMs`, where the object places it (never earlier than the truth, so a window is
 *   never freed too soon).
 * Reports and slots left unused ride on the next call, or go at once when others wait at the object or the
 * wallet's callers come in a burst; an isolate that dies holding slots leaves them counted as sent at their
 * lease's end. Workers' clock stands still between I/O, reading at most a few
 * milliseconds early; the ledger's 200 ms of slack on Tencent's second (sending-slots.ts) covers it.
 */

/** A slot the isolate holds: when its lease began and ends on the isolate's own clock. */
export interface HeldSlot {
  slotId: number;
  origin: number;
  expiresAt: number;
  /** Its send is reported at once (others wait at the object), not with the next call. */
  reportNow: boolean;
}

export interface LeaseGrant {
  slotIds: number[];
  waitedMs: number;
  validForMs: number;
  ownValidForMs: number;
  reportSends: boolean;
}

export interface LeaseReports {
  sends: { slotId: number; afterMs: number }[];
  unused: number[];
}

/** The most slots a wallet asks for beyond a caller's own. */
export const MAX_LEASE = 16;

/** A slot is spent only this long before its lease ends, so that its request is handed to fetch in time. */
export const SPEND_MARGIN_MS = 50;

/**
 * The caller's own slot must outlast the answer's way back and the send: the last round trip measured, with
 * this margin on top (and half the round trip again, for a slower answer than the last).
 */
export const OWN_SLOT_MARGIN_MS = 100;

export class LeaseWallet {
  #held: HeldSlot[] = [];
  #sends: LeaseReports["sends"] = [];
  #unused: number[] = [];
  /** This partner's recent requests here, on the isolate's clock: the next lease's size. */
  #arrivals: number[] = [];
  /** Asks out and not yet answered. */
  #asksOut = 0;
  /** The last round trip to the object, on this isolate's clock, less the time the caller waited there. */
  #roundTripMs: number | undefined;
  /** When, on this isolate's clock, the object expected the partner's last refused caller to be admitted. */
  #refusedCallerAt = Number.NEGATIVE_INFINITY;

  /** A request arrives: a slot valid now, or null (ask the object). Expired slots become unused. */
  take(now: number): HeldSlot | null {
    this.#arrivals.push(now);
    while ((this.#arrivals[0] ?? now) <= now - 1000) this.#arrivals.shift();
    for (;;) {
      const slot = this.#held.shift();
      if (slot === undefined) return null;
      if (now < slot.expiresAt - SPEND_MARGIN_MS) return slot;
      this.#unused.push(slot.slotId);
    }
  }

  /**
   * How many slots beyond its own the next caller should ask for: this partner's requests here in the last
   * second, spread over a lease, less what is held. None while another ask is out: callers arriving together
   * each keep their own place in the object's queue, and a lease that came back to a wallet whose callers
   * had all gone to the object would lapse unused.
   */
  more(validForMs: number): number {
    if (this.#asksOut > 0) return 0;
    const expected = Math.ceil((this.#arrivals.length * validForMs) / 1000);
    return Math.max(0, Math.min(MAX_LEASE, expected - 1 - this.#held.length));
  }

  /**
   * How long the next caller's own slot should stay valid: its round trip and a margin, since the caller
   * sends at once; a whole lease until a round trip has been measured.
   */
  ownValidity(leaseMs: number): number {
    if (this.#roundTripMs === undefined) return leaseMs;
    return Math.min(leaseMs, Math.ceil(this.#roundTripMs * 1.5) + OWN_SLOT_MARGIN_MS);
  }

  /** What the next call to the object carries; the wallet forgets it (a lost report errs on the safe side). */
  drain(): LeaseReports {
    const reports = { sends: this.#sends, unused: this.#unused };
    this.#sends = [];
    this.#unused = [];
    return reports;
  }

  /** An ask goes out; it ends with `received` or `failed`. */
  asking(): void {
    this.#asksOut++;
  }

  /** An ask failed. */
  failed(): void {
    this.#asksOut--;
  }

  /**
   * An ask was refused at `now`: the caller would have been admitted only `retryAfterMs` later, past its
   * bound. A later caller of the same partner queues behind it, so it would be admitted no sooner: while
   * that moment is still more than a caller's bound away, callers here are refused without asking
   * (`refusedFor`), and a partner sending far over its share costs the object about one call per isolate and
   * bound, not one per request.
   */
  refused(retryAfterMs: number, now: number): void {
    this.#asksOut--;
    this.#refusedCallerAt = Math.max(this.#refusedCallerAt, now + retryAfterMs);
  }

  /**
   * For a caller arriving at `now` that may wait `maxWaitMs`: how long until it could be admitted, when that
   * is known to be past its bound (refuse it, with that as its time to retry); 0 when it should ask.
   */
  refusedFor(now: number, maxWaitMs: number): number {
    const wait = this.#refusedCallerAt - now;
    return wait > maxWaitMs ? wait : 0;
  }

  /**
   * A grant asked for at `askedAt` arrives at `now`: the caller's own slot, or when that has already run out
   * (an answer slower than the round trip it was sized by) one of the lease's, or null (the caller asks
   * again). The lease's other slots are kept for the callers to come.
   */
  received(grant: LeaseGrant, askedAt: number, now: number): HeldSlot | null {
    this.#asksOut--;
    const origin = askedAt + grant.waitedMs;
    this.#roundTripMs = Math.max(0, now - origin);
    const [ownId, ...leaseIds] = grant.slotIds;
    const held = (slotId: number, validForMs: number) => ({
      slotId,
      origin,
      expiresAt: origin + validForMs,
      reportNow: grant.reportSends,
    });
    this.#held.push(...leaseIds.map((slotId) => held(slotId, grant.validForMs)));
    const own = held(ownId as number, grant.ownValidForMs);
    if (now < own.expiresAt - SPEND_MARGIN_MS) return own;
    this.#unused.push(own.slotId);
    // The lease's slots of the same grant live longer: the caller takes one instead, if there is one.
    const usable = this.#held.findIndex((slot) => now < slot.expiresAt - SPEND_MARGIN_MS);
    return usable < 0 ? null : (this.#held.splice(usable, 1)[0] as HeldSlot);
  }

  /**
   * The request holding `slot` was handed to fetch at `now`. True: report it (and what else waits) at once,
   * because others wait at the object or this wallet's callers are asking together (a burst); otherwise the
   * report rides on the next call, and the slot counts until its lease's end meanwhile.
   */
  sent(slot: HeldSlot, now: number): boolean {
    this.#sends.push({ slotId: slot.slotId, afterMs: now - slot.origin });
    return slot.reportNow || this.#asksOut > 0;
  }
}
