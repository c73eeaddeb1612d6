/**
 * The arithmetic of sending slots: the earliest time at which one more request keeps every one-second
 * window within the account's limit and within the partner's own. Pure, so it is tested on its own.
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

/** An admission, and when its request was reported sent. */
export interface Slot {
  id: number;
  admittedAt: number;
  sentAt?: number;
  partnerId: string | undefined;
}

/** A caller that never reports its send (it failed first, or died) stops holding the window after this. */
export const UNREPORTED_SEND_MS = 5_000;

/**
 * When each admitted request counts as sent: when it was reported sent; until then, now (it may go out any
 * moment); and a report that never comes is assumed at the latest moment it could have been sent.
 */
export function sendTimes(slots: readonly Slot[], now: number): Grant[] {
  return slots.map((slot) => ({
    at: slot.sentAt ?? Math.min(now, slot.admittedAt + UNREPORTED_SEND_MS),
    partnerId: slot.partnerId,
  }));
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
