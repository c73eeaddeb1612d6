/**
 * Who is admitted toward Tencent next, when several partners want more of an action's rate than the account
 * has. Waiting callers are queued, never polling: each partner's callers in arrival order, and the partners
 * among themselves by start-time fair queueing (Goyal, Vin and Cheng, "Start-time Fair Queuing", SIGCOMM
 * 1996): a caller is tagged `max(virtual time, its partner's last finish tag)` and the partner's finish tag
 * advances by 1 / weight, so backlogged partners are served in proportion to their weights. The queue is
 * work-conserving: a partner that wants nothing holds nothing back, and a partner held by its own rate
 * (`--rate`) lets the next one through. Every admission goes through the slot ledger, so no window at Tencent
 * holds more than the action's limit whatever the order.
 *
 * A caller whose wait would exceed its bound is refused at once with the time to retry; one whose estimate
 * proved too hopeful is refused when its bound passes. The clock is passed in: tested on exact times, and run
 * by the simulator under a simulated clock.
 */
import { SlotLedger, type SlotLimits, WINDOW_MS } from "./sending-slots";

export interface AdmissionRequest {
  partnerId: string;
  /** The action's account-wide limit per second. */
  limitPerSecond: number;
  /** The partner's share of a contended rate, relative to others' (the operator's `--weight`). */
  weight: number;
  /** The partner's own limit per second (`--rate`), when it has one below the account's. */
  ownLimitPerSecond?: number;
  maxWaitMs: number;
  /**
   * Slots wanted beyond the caller's own, as a lease its isolate spends locally (lease-protocol.ts); each is
   * charged to the partner's share like an admission. Granted only as far as they fit now and come before
   * every other partner's waiting caller.
   */
  more?: number;
  /**
   * How long the caller's own slot may wait to be sent, when shorter than a lease: its isolate's round trip
   * to the object and a margin (lease-wallet.ts). The isolate sends that request as soon as the answer
   * arrives, and until its report comes the slot holds the window up to this bound, so a short bound frees
   * the window sooner near the limit.
   */
  ownValidForMs?: number;
}

export type AdmissionDecision =
  | {
      granted: true;
      /** The caller's own slot first, then the lease's. */
      slotIds: number[];
      waitedMs: number;
      /** Every lease slot must be used (sent) within this long after the grant, or not at all. */
      validForMs: number;
      /** The same for the caller's own slot. */
      ownValidForMs: number;
      /**
       * Others are waiting: report the sends at once rather than with the next call, so that their slots
       * free when Tencent's window does, not at the lease's end.
       */
      reportSends: boolean;
    }
  | { granted: false; retryAfterMs: number };

interface Waiter {
  request: AdmissionRequest;
  tag: number;
  arrivedAt: number;
  settle: (decision: AdmissionDecision) => void;
}

interface PartnerQueue {
  finishTag: number;
  waiters: Waiter[];
}

export class FairAdmission {
  readonly #ledger = new SlotLedger();
  readonly #partners = new Map<string, PartnerQueue>();
  #virtualTime = 0;

  /** `validForMs`: how long a granted slot may wait to be sent (a lease's length). */
  constructor(readonly validForMs: number) {}

  /**
   * A caller arrives: `settle` is called with its decision, at once (admitted now, or refused because its wait
   * would be too long) or from a later `wake` or `sent`.
   */
  arrive(now: number, request: AdmissionRequest, settle: (decision: AdmissionDecision) => void): void {
    const queue = this.#queueOf(request.partnerId);
    const tag = Math.max(this.#virtualTime, queue.finishTag);
    if (this.#waiting === 0 && this.#ledger.earliest(now, limitsOf(request)) <= now) {
      queue.finishTag = tag;
      settle(this.#grant(now, { request, tag, arrivedAt: now, settle }, queue));
      return;
    }
    const expected = this.#expectedAdmission(now, request, tag, queue);
    if (expected - now > request.maxWaitMs) {
      settle({ granted: false, retryAfterMs: expected - now });
      return;
    }
    queue.finishTag = tag + 1 / request.weight;
    queue.waiters.push({ request, tag, arrivedAt: now, settle });
    this.wake(now);
  }

  /** Admits every waiter that fits now, in fair order, and refuses those whose bound has passed. */
  wake(now: number): void {
    for (;;) {
      const next = this.#nextAdmissible(now);
      if (next === null) break;
      const waiter = next.waiters.shift() as Waiter;
      waiter.settle(this.#grant(now, waiter, next));
    }
    for (const queue of this.#partners.values()) {
      while (queue.waiters.length > 0) {
        const head = queue.waiters[0] as Waiter;
        // The same sum nextWakeAt answers, so the two agree on the instant even with fractional times.
        if (now < head.arrivedAt + head.request.maxWaitMs) break;
        queue.waiters.shift();
        // Its place is given back: the partner's later callers move up, as if it had never come.
        const step = 1 / head.request.weight;
        for (const later of queue.waiters) later.tag -= step;
        queue.finishTag -= step;
        const at = this.#ledger.earliest(now, limitsOf(head.request));
        head.settle({ granted: false, retryAfterMs: Math.max(at - now, 1) });
      }
    }
    this.#forgetIdlePartners();
  }

  /** Admits nothing before `until` (a restarted object's unknown past window). */
  closeUntil(until: number): void {
    this.#ledger.closeUntil(until);
  }

  /** Sends reported by lease holders, and slots they give back unused. */
  report(
    sends: readonly { slotId: number; afterMs: number }[],
    unused: readonly number[],
    now: number,
  ): void {
    this.#ledger.sentAfter(sends);
    this.#ledger.release(unused);
    this.wake(now);
  }

  /**
   * Grants the caller's slot (charged to its partner when it was tagged), then as many of the lease's as fit
   * now and come, in fair order, before every other partner's waiting caller; none while the partner's own
   * callers wait behind it (they are served in their turn). Each lease slot advances the partner's finish tag
   * by 1 / weight.
   */
  #grant(now: number, waiter: Waiter, queue: PartnerQueue): AdmissionDecision {
    const { request } = waiter;
    const limits = limitsOf(request);
    this.#virtualTime = waiter.tag;
    const ownValidForMs = Math.min(request.ownValidForMs ?? this.validForMs, this.validForMs);
    const slotIds = [this.#ledger.admit(now, request.partnerId, ownValidForMs)];
    let tag = waiter.tag + 1 / request.weight;
    const othersFirst = this.#smallestHeadTag();
    const more = queue.waiters.length === 0 ? (request.more ?? 0) : 0;
    while (slotIds.length <= more && tag <= othersFirst && this.#ledger.earliest(now, limits) <= now) {
      slotIds.push(this.#ledger.admit(now, request.partnerId, this.validForMs));
      tag += 1 / request.weight;
    }
    queue.finishTag = Math.max(queue.finishTag, tag);
    return {
      granted: true,
      slotIds,
      waitedMs: now - waiter.arrivedAt,
      validForMs: this.validForMs,
      ownValidForMs,
      reportSends: this.#waiting > 0,
    };
  }

  /** The smallest tag among the callers waiting at the head of each partner's queue. */
  #smallestHeadTag(): number {
    let smallest = Number.POSITIVE_INFINITY;
    for (const queue of this.#partners.values()) {
      const head = queue.waiters[0];
      if (head !== undefined) smallest = Math.min(smallest, head.tag);
    }
    return smallest;
  }

  /** When `wake` can next change anything (a slot frees or a bound passes); null while nobody waits. */
  nextWakeAt(now: number): number | null {
    let at = Number.POSITIVE_INFINITY;
    for (const queue of this.#partners.values()) {
      const head = queue.waiters[0];
      if (head === undefined) continue;
      at = Math.min(
        at,
        this.#ledger.earliest(now, limitsOf(head.request)),
        head.arrivedAt + head.request.maxWaitMs,
      );
    }
    return at === Number.POSITIVE_INFINITY ? null : Math.max(at, now);
  }

  /** How many callers wait. */
  get #waiting(): number {
    let count = 0;
    for (const queue of this.#partners.values()) count += queue.waiters.length;
    return count;
  }

  /** The partner whose head waiter has the smallest tag among those that fit now. */
  #nextAdmissible(now: number): PartnerQueue | null {
    let best: PartnerQueue | null = null;
    for (const queue of this.#partners.values()) {
      const head = queue.waiters[0];
      if (head === undefined || (best !== null && (best.waiters[0] as Waiter).tag <= head.tag)) continue;
      if (this.#ledger.earliest(now, limitsOf(head.request)) <= now) best = queue;
    }
    return best;
  }

  /**
   * When a caller tagged `tag` would be admitted: after every waiter tagged before it, under the account's
   * limit; no sooner than the virtual time reaches its tag, while every partner waiting (itself included) gets
   * its weighted share of the account's rate (callers still to come may be tagged before it); and after its
   * own partner's waiters, under the partner's own limit.
   */
  #expectedAdmission(now: number, request: AdmissionRequest, tag: number, queue: PartnerQueue): number {
    let ahead = 0;
    let weights = queue.waiters.length === 0 ? request.weight : 0;
    for (const other of this.#partners.values()) {
      const head = other.waiters[0];
      if (head !== undefined) weights += head.request.weight;
      for (const waiter of other.waiters) if (waiter.tag <= tag) ahead++;
    }
    const perMs = request.limitPerSecond / WINDOW_MS;
    const account = Math.max(
      this.#ledger.nthAdmission(now, ahead + 1, request.limitPerSecond),
      now + ((tag - this.#virtualTime) * weights) / perMs,
    );
    const own = request.ownLimitPerSecond;
    if (own === undefined || own >= request.limitPerSecond) return account;
    return Math.max(
      account,
      this.#ledger.nthAdmission(now, queue.waiters.length + 1, own, request.partnerId),
    );
  }

  #queueOf(partnerId: string): PartnerQueue {
    let queue = this.#partners.get(partnerId);
    if (queue === undefined) {
      queue = { finishTag: this.#virtualTime, waiters: [] };
      this.#partners.set(partnerId, queue);
    }
    return queue;
  }

  /**
   * A partner with nobody waiting keeps no tag: its next caller starts at the virtual time, so credit is not
   * saved up by staying idle (a partner that wants nothing holds nothing back).
   */
  #forgetIdlePartners(): void {
    for (const [partnerId, queue] of this.#partners)
      if (queue.waiters.length === 0 && queue.finishTag <= this.#virtualTime)
        this.#partners.delete(partnerId);
  }
}

function limitsOf(request: AdmissionRequest): SlotLimits {
  const own = request.ownLimitPerSecond;
  return {
    limitPerSecond: request.limitPerSecond,
    ...(own !== undefined && own < request.limitPerSecond
      ? { partner: { id: request.partnerId, limitPerSecond: own } }
      : {}),
  };
}
