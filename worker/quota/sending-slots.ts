/**
 * The arithmetic of sending slots: the earliest time at which one more request keeps every one-second
 * window within the account's limit and within the partner's own, and the ledger of slots the quota object
 * keeps. The clock is passed in, so both are tested on exact times.
 */

/**
 * The window Tencent counts in, plus slack for the time between a request being handed to `fetch` (when it is
 * reported sent) and reaching Tencent: up to about 200 ms measured under `wrangler dev` on a loaded 2-core
 * machine, with 100 concurrent callers.
 */
export const WINDOW_MS = 1000 + 200;

export interface Grant {
  at: number;
  partnerId: string | undefined;
}

/** An admission, the latest moment its request may be sent, and when it was reported sent. */
export interface Slot {
  id: number;
  admittedAt: number;
  /** The holder may send until then and never after (a lease's end). */
  latestAt: number;
  sentAt?: number;
  partnerId: string | undefined;
}

/** How long an admitted request may take to leave when the caller does not say: it holds the window so long. */
export const UNREPORTED_SEND_MS = 5_000;

/**
 * When an admitted request counts as sent: when it was reported sent; until then, now (it may go out any
 * moment); and a report that never comes is assumed at the latest moment it could have been sent.
 */
function sendTime(slot: Slot, now: number): number {
  return slot.sentAt ?? Math.min(now, slot.latestAt);
}

export interface SlotLimits {
  limitPerSecond: number;
  partner?: { id: string; limitPerSecond: number };
}

/** The earliest time ≥ now at which a send fits both limits. */
export function findSlot(grants: readonly Grant[], now: number, limits: SlotLimits): number {
  const all = grants.map((grant) => grant.at);
  const partner = limits.partner;
  const own = partner
    ? grants.filter((grant) => grant.partnerId === partner.id).map((grant) => grant.at)
    : [];
  const fitsAt = (at: number) =>
    fits(all, at, limits.limitPerSecond) && (!partner || fits(own, at, partner.limitPerSecond));
  // The usual answer, found without sorting the window.
  if (fitsAt(now)) return now;
  // A window frees only when a grant leaves it, so the answer is just after some grant's window.
  const candidates = all
    .map((at) => at + WINDOW_MS)
    .filter((at) => at >= now)
    .sort((a, b) => a - b);
  for (const at of candidates) {
    if (fitsAt(at)) return at;
  }
  // Unreachable: the last candidate is a full window after every grant.
  return (candidates.at(-1) ?? now) + WINDOW_MS;
}

/** Whether one more send at `at` keeps every window containing it within `limit`. */
export function fits(times: readonly number[], at: number, limit: number): boolean {
  const near = times.filter((time) => time > at - WINDOW_MS && time < at + WINDOW_MS);
  if (near.length < limit) return true;
  // Windows containing `at` start in (at - WINDOW_MS, at]. Sliding the start right, times leave on the left
  // and enter on the right; the busiest window is the first, the last, or one where a time has just entered.
  const starts = [at - WINDOW_MS + 1, at, ...near.map((time) => time - WINDOW_MS + 1)].filter(
    (start) => start > at - WINDOW_MS && start <= at,
  );
  return starts.every(
    (start) => near.filter((time) => time >= start && time < start + WINDOW_MS).length < limit,
  );
}

/** How often slots that left the window are dropped when no caller needs the exact answer. */
export const PRUNE_EVERY_MS = 100;

/**
 * The slots a quota object has granted and not yet seen leave the window. The usual call costs O(1) whatever
 * the number of slots (a busy deployment, or the benchmark's lifted limit, holds thousands in a window):
 * only a full window is looked at slot by slot, by findSlot.
 */
export class SlotLedger {
  /** By id, in the order they were admitted. */
  readonly #slots = new Map<number, Slot>();
  #nextId = 1;
  #prunedAt = Number.NEGATIVE_INFINITY;
  #closedUntil = Number.NEGATIVE_INFINITY;

  /** Admits nothing before `until`. */
  closeUntil(until: number): void {
    this.#closedUntil = Math.max(this.#closedUntil, until);
  }

  /** The earliest time ≥ now at which one more send fits both limits. */
  earliest(now: number, limits: SlotLimits): number {
    if (now < this.#closedUntil) return this.#closedUntil;
    if (now - this.#prunedAt >= PRUNE_EVERY_MS) this.#inWindow(now);
    // Every slot counts at or before now (a report is never in the future, an unreported slot counts as now):
    // fewer slots in all than the lower limit leaves room in every window that holds now, the partner's too.
    const limit = Math.min(limits.limitPerSecond, limits.partner?.limitPerSecond ?? Infinity);
    if (this.#slots.size < limit) return now;
    return findSlot(this.#inWindow(now), now, limits);
  }

  /** Grants a slot sending from now until `validForMs` later; answers its id. */
  admit(now: number, partnerId: string | undefined, validForMs = UNREPORTED_SEND_MS): number {
    const id = this.#nextId++;
    this.#slots.set(id, { id, admittedAt: now, latestAt: now + validForMs, partnerId });
    return id;
  }

  /** The requests admitted as `ids` were sent at `now` (reports of slots already gone are ignored). */
  sent(ids: readonly number[], now: number): void {
    for (const id of ids) this.#placeSend(id, now);
  }

  /**
   * Sends reported by the time since their admission, as a lease holder measures it on its own clock (from
   * before it asked, less the time it waited, so never less than the truth: lease-protocol.ts).
   */
  sentAfter(reports: readonly { slotId: number; afterMs: number }[]): void {
    for (const { slotId, afterMs } of reports) {
      const slot = this.#slots.get(slotId);
      if (slot !== undefined) this.#placeSend(slotId, slot.admittedAt + Math.max(0, afterMs));
    }
  }

  /** Slots given back unused: their requests were never sent, so they hold no window. */
  release(ids: readonly number[]): void {
    for (const id of ids) {
      const slot = this.#slots.get(id);
      if (slot !== undefined && slot.sentAt === undefined) this.#slots.delete(id);
    }
  }

  /** A send after the slot's end would break the lease; it is held at the end, where the ledger assumed it. */
  #placeSend(id: number, at: number): void {
    const slot = this.#slots.get(id);
    if (slot !== undefined && slot.sentAt === undefined) slot.sentAt = Math.min(at, slot.latestAt);
  }

  /**
   * When the m-th of m callers would be admitted, admitted one after another each as early as `limit` allows,
   * counting the slots in the window (only `partnerId`'s, when given): each must come a window after the slot
   * `limit` places before it.
   */
  nthAdmission(now: number, m: number, limit: number, partnerId?: string): number {
    const times = this.#inWindow(now)
      .filter((grant) => partnerId === undefined || grant.partnerId === partnerId)
      .map((grant) => grant.at)
      .sort((a, b) => a - b);
    let at = Math.max(now, this.#closedUntil);
    for (let i = 0; i < m; i++) {
      const bound = times[times.length - limit];
      at =
        bound === undefined
          ? Math.max(now, this.#closedUntil)
          : Math.max(now, this.#closedUntil, bound + WINDOW_MS);
      times.push(at);
    }
    return at;
  }

  /** How many slots are held: those in the window, and those not yet pruned. */
  get size(): number {
    return this.#slots.size;
  }

  /** Send times as they stand now, dropping slots that left the window. */
  #inWindow(now: number): Grant[] {
    this.#prunedAt = now;
    const grants: Grant[] = [];
    for (const slot of this.#slots.values()) {
      const at = sendTime(slot, now);
      if (at > now - WINDOW_MS) grants.push({ at, partnerId: slot.partnerId });
      else this.#slots.delete(slot.id);
    }
    return grants;
  }
}
