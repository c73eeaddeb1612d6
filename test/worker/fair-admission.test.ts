// The fair division of an action's rate among partners, on a simulated clock: the real FairAdmission class,
// callers arriving at exact times, every admitted request sent (and reported) at once.
import { describe, expect, it } from "vitest";
import {
  type AdmissionDecision,
  type AdmissionRequest,
  FairAdmission,
} from "../../worker/quota/fair-admission";
import { busiestWindow } from "../support/busiest-window";

interface Arrival {
  at: number;
  partnerId: string;
  seq: number;
}

interface Outcome {
  arrival: Arrival;
  decision: AdmissionDecision;
  settledAt: number;
}

interface PartnerSpec {
  weight: number;
  ownLimitPerSecond?: number;
}

/**
 * Runs `arrivals` (sorted by time) through one FairAdmission with the action's limit, waking it exactly when
 * it asks. Each admitted request is reported sent the moment it is admitted.
 */
function simulate(
  arrivals: readonly Arrival[],
  partners: Record<string, PartnerSpec>,
  options: { limitPerSecond?: number; maxWaitMs?: number } = {},
): Outcome[] {
  const admission = new FairAdmission(250);
  const outcomes: Outcome[] = [];
  let now = 0;
  let sentNow: number[] = [];
  const settleFor = (arrival: Arrival) => (decision: AdmissionDecision) => {
    outcomes.push({ arrival, decision, settledAt: now });
    if (decision.granted) sentNow.push(...decision.slotIds);
  };
  const report = () => {
    while (sentNow.length > 0) {
      const ids = sentNow;
      sentNow = [];
      // Sent the moment they were admitted: no time after admission.
      admission.report(
        ids.map((slotId) => ({ slotId, afterMs: 0 })),
        [],
        now,
      );
    }
  };
  let next = 0;
  for (;;) {
    const wakeAt = admission.nextWakeAt(now);
    const arrivalAt = arrivals[next]?.at ?? Number.POSITIVE_INFINITY;
    if (wakeAt === null && arrivalAt === Number.POSITIVE_INFINITY) break;
    if (wakeAt !== null && wakeAt <= arrivalAt) {
      now = wakeAt;
      admission.wake(now);
    } else {
      const arrival = arrivals[next++] as Arrival;
      now = arrival.at;
      const spec = partners[arrival.partnerId] as PartnerSpec;
      const request: AdmissionRequest = {
        partnerId: arrival.partnerId,
        limitPerSecond: options.limitPerSecond ?? 20,
        weight: spec.weight,
        maxWaitMs: options.maxWaitMs ?? 1500,
        ...(spec.ownLimitPerSecond !== undefined ? { ownLimitPerSecond: spec.ownLimitPerSecond } : {}),
      };
      admission.arrive(now, request, settleFor(arrival));
    }
    report();
  }
  return outcomes;
}

/** Each partner sending `perSecond` evenly from `from` to `to` ms. */
function steady(partnerId: string, perSecond: number, from: number, to: number): Arrival[] {
  const arrivals: Arrival[] = [];
  const gap = 1000 / perSecond;
  for (let at = from, seq = 0; at < to; at += gap, seq++)
    arrivals.push({ at: Math.round(at), partnerId, seq });
  return arrivals;
}

function merge(...streams: Arrival[][]): Arrival[] {
  return streams.flat().sort((a, b) => a.at - b.at || a.partnerId.localeCompare(b.partnerId));
}

/** Admissions per second of each partner between `from` and `to` ms (by admission time). */
function admittedRates(outcomes: readonly Outcome[], from: number, to: number): Record<string, number> {
  const rates: Record<string, number> = {};
  for (const { arrival, decision, settledAt } of outcomes) {
    if (!decision.granted || settledAt < from || settledAt >= to) continue;
    rates[arrival.partnerId] = (rates[arrival.partnerId] ?? 0) + 1000 / (to - from);
  }
  return rates;
}

function grantTimes(outcomes: readonly Outcome[]): number[] {
  return outcomes.filter((outcome) => outcome.decision.granted).map((outcome) => outcome.settledAt);
}

describe("FairAdmission", () => {
  it("divides a contended rate in proportion to the partners' weights", () => {
    const outcomes = simulate(
      merge(steady("a", 40, 0, 30_000), steady("b", 40, 0, 30_000), steady("c", 40, 0, 30_000)),
      { a: { weight: 1 }, b: { weight: 2 }, c: { weight: 3 } },
    );
    // The account's 20 per 1.2 s window (Tencent's second plus the sending slack) is 16.7/s in all.
    const rates = admittedRates(outcomes, 5_000, 29_000);
    const total = (rates.a ?? 0) + (rates.b ?? 0) + (rates.c ?? 0);
    expect(total).toBeCloseTo(20_000 / 1200, 0);
    expect((rates.a ?? 0) / total).toBeCloseTo(1 / 6, 1);
    expect((rates.b ?? 0) / total).toBeCloseTo(2 / 6, 1);
    expect((rates.c ?? 0) / total).toBeCloseTo(3 / 6, 1);
    expect(busiestWindow(grantTimes(outcomes))).toBeLessThanOrEqual(20);
  });

  it("never gives a partner more than its own rate, and passes what it cannot use to the others", () => {
    const outcomes = simulate(
      merge(steady("a", 40, 0, 20_000), steady("b", 40, 0, 20_000), steady("c", 40, 0, 20_000)),
      { a: { weight: 3, ownLimitPerSecond: 2 }, b: { weight: 1 }, c: { weight: 1 } },
    );
    const rates = admittedRates(outcomes, 5_000, 19_000);
    expect(rates.a ?? 0).toBeLessThanOrEqual(2);
    expect(rates.a ?? 0).toBeGreaterThan(1.5);
    const rest = 20_000 / 1200 - (rates.a ?? 0);
    expect(rates.b ?? 0).toBeCloseTo(rest / 2, 0);
    expect(rates.c ?? 0).toBeCloseTo(rest / 2, 0);
  });

  it("is work-conserving: a lone partner gets the whole rate, and shares it at once when another arrives", () => {
    const outcomes = simulate(merge(steady("a", 40, 0, 20_000), steady("b", 40, 10_000, 20_000)), {
      a: { weight: 1 },
      b: { weight: 3 },
    });
    const alone = admittedRates(outcomes, 2_000, 10_000);
    expect(alone.a ?? 0).toBeCloseTo(20_000 / 1200, 0);
    expect(alone.b).toBeUndefined();
    const shared = admittedRates(outcomes, 12_000, 20_000);
    expect((shared.b ?? 0) / ((shared.a ?? 0) + (shared.b ?? 0))).toBeCloseTo(0.75, 1);
  });

  it("serves each partner's callers in the order they came", () => {
    const outcomes = simulate(merge(steady("a", 50, 0, 5_000), steady("b", 50, 0, 5_000)), {
      a: { weight: 1 },
      b: { weight: 1 },
    });
    for (const partnerId of ["a", "b"]) {
      const order = outcomes
        .filter((outcome) => outcome.decision.granted && outcome.arrival.partnerId === partnerId)
        .map((outcome) => outcome.arrival.seq);
      expect(order).toEqual([...order].sort((x, y) => x - y));
      expect(order.length).toBeGreaterThan(30);
    }
  });

  it("tells a caller at once when to retry if its wait would pass its bound", () => {
    const burst = Array.from({ length: 100 }, (_, seq) => ({ at: 0, partnerId: "a", seq }));
    const outcomes = simulate(burst, { a: { weight: 1 } }, { maxWaitMs: 1500 });
    // 20 now, 20 one window later (1.2 s, within the bound), the 60 others told at once: 2.4 s or later.
    const granted = outcomes.filter((outcome) => outcome.decision.granted);
    expect(granted.map((outcome) => outcome.settledAt)).toEqual([
      ...Array<number>(20).fill(0),
      ...Array<number>(20).fill(1200),
    ]);
    const refused = outcomes.filter((outcome) => !outcome.decision.granted);
    expect(refused).toHaveLength(60);
    for (const outcome of refused) {
      expect(outcome.settledAt).toBe(0);
      expect(outcome.decision).toMatchObject({ granted: false });
      if (!outcome.decision.granted) expect(outcome.decision.retryAfterMs).toBeGreaterThanOrEqual(2400);
    }
  });

  it("keeps every window at Tencent within the limit, whatever the arrivals", () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let round = 0; round < 20; round++) {
      const arrivals: Arrival[] = [];
      for (let i = 0; i < 400; i++)
        arrivals.push({ at: Math.floor(random() * 10_000), partnerId: `p${i % 4}`, seq: i });
      arrivals.sort((a, b) => a.at - b.at);
      const outcomes = simulate(
        arrivals,
        { p0: { weight: 1 }, p1: { weight: 5 }, p2: { weight: 2, ownLimitPerSecond: 3 }, p3: { weight: 1 } },
        { maxWaitMs: Math.floor(random() * 3000) },
      );
      expect(outcomes).toHaveLength(400);
      expect(busiestWindow(grantTimes(outcomes))).toBeLessThanOrEqual(20);
      const own = outcomes.filter((o) => o.decision.granted && o.arrival.partnerId === "p2");
      expect(busiestWindow(own.map((o) => o.settledAt))).toBeLessThanOrEqual(3);
      for (const outcome of outcomes)
        if (outcome.decision.granted) expect(outcome.decision.waitedMs).toBeLessThanOrEqual(3000);
    }
  });
});

describe("FairAdmission's bound on waiting", () => {
  it("refuses a waiter at the instant nextWakeAt names, fractional times included", () => {
    const admission = new FairAdmission(1000);
    const request = { partnerId: "p", limitPerSecond: 1, weight: 1, maxWaitMs: 1500 };
    const decisions: AdmissionDecision[] = [];
    // A time whose sum with 1500 does not give 1500 back when it is subtracted again (floating point).
    const t = 4044.0088141537876;
    expect(t + 1500 - t).toBeLessThan(1500);
    admission.arrive(t - 0.1, request, (decision) => decisions.push(decision));
    // Queued: the window is full until 1.2 s after the first, within its 1500 ms bound.
    admission.arrive(t, request, (decision) => decisions.push(decision));
    expect(decisions).toHaveLength(1);
    // The first never reports: at its lease's end it counts as sent, so the window stays full past the
    // second's bound. The wake nextWakeAt names refuses it, in one step.
    const at = admission.nextWakeAt(t + 1000) as number;
    expect(at).toBe(t + 1500);
    admission.wake(at);
    expect(decisions[1]).toMatchObject({ granted: false });
    expect(admission.nextWakeAt(at)).toBeNull();
  });
});
