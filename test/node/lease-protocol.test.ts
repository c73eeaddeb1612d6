// The quota's lease protocol on a simulated clock and network (bench/simulator/lease-deployment.ts): the
// gateway's own FairAdmission, LeaseWallet and BusyNote, with isolates in several places, clocks that
// disagree, isolates that die and an object that restarts. At Tencent, no second ever holds more than the
// limit; at sustained load most requests make no call to the object; at low load each makes one.
import { describe, expect, it } from "vitest";
import { seededRandom } from "../../bench/simulator/event-clock";
import {
  type RunResult,
  runLeaseDeployment,
  type Scenario,
  type SimIsolate,
  type SimRequest,
} from "../../bench/simulator/lease-deployment";
import { type AdmissionDecision, FairAdmission } from "../../worker/quota/fair-admission";
import { LeaseWallet } from "../../worker/quota/lease-wallet";
import { WINDOW_MS } from "../../worker/quota/sending-slots";
import { busiestWindow } from "../support/busiest-window";

const isolate = (id: string, overrides: Partial<SimIsolate> = {}): SimIsolate => ({
  id,
  location: "sin",
  clockOffsetMs: 0,
  rttToObjectMs: 4,
  toTencentMs: 3,
  ...overrides,
});

/** `perSecond` requests of `partnerId`, evenly spaced from `from` to `to`, spread over `isolates` in turn. */
function steady(partnerId: string, perSecond: number, isolates: string[], from: number, to: number) {
  const requests: SimRequest[] = [];
  for (let at = from, i = 0; at < to; at += 1000 / perSecond, i++)
    requests.push({ at: Math.round(at), isolate: isolates[i % isolates.length] as string, partnerId });
  return requests;
}

function run(scenario: Omit<Scenario, "limitPerSecond" | "maxWaitMs"> & Partial<Scenario>): RunResult {
  return runLeaseDeployment({ limitPerSecond: 20, maxWaitMs: 1500, ...scenario });
}

const atTencent = (result: RunResult) => result.forwarded.map((forwarded) => forwarded.atTencent);

describe("the lease protocol", () => {
  it("makes one call per request at low load, and adds one round trip", () => {
    const result = run({
      isolates: [isolate("a", { rttToObjectMs: 30 }), isolate("b", { rttToObjectMs: 90 })],
      partners: { p: { weight: 1 } },
      requests: steady("p", 0.5, ["a", "b"], 0, 20_000),
    });
    expect(result.forwarded).toHaveLength(10);
    expect(result.objectCalls).toBe(10);
    expect(result.forwarded.map((f) => f.addedMs)).toEqual([30, 90, 30, 90, 30, 90, 30, 90, 30, 90]);
  });

  it("makes well under one call per request at sustained load, every request forwarded at once", () => {
    // 12 a second over two isolates, within the account's 16.7 (20 per 1.2 s): each isolate's leases last a
    // second, sized by its last second's requests; slots held or sent but not yet reported count as sending
    // now, so the closer the load to the limit, the fewer extra slots fit (15/s over three: 0.66 calls).
    const isolates = ["a", "b"].map((id) => isolate(id));
    const requests = steady("p", 12, ["a", "b"], 0, 20_000);
    const result = run({ isolates, partners: { p: { weight: 1 } }, requests });
    expect(result.refused).toEqual([]);
    expect(result.forwarded).toHaveLength(requests.length);
    expect(result.objectCalls / result.forwarded.length).toBeLessThan(0.35);
    expect(busiestWindow(atTencent(result))).toBeLessThanOrEqual(20);
  });

  it("keeps weighted shares and the limit when partners want more than it, with leases", () => {
    const ids = ["a", "b", "c", "d"];
    const result = run({
      isolates: ids.map((id) => isolate(id)),
      partners: { x: { weight: 1 }, y: { weight: 2 }, z: { weight: 3 } },
      requests: [
        ...steady("x", 40, ids, 0, 20_000),
        ...steady("y", 40, ids, 0, 20_000),
        ...steady("z", 40, ids, 0, 20_000),
      ].sort((a, b) => a.at - b.at),
    });
    expect(busiestWindow(atTencent(result))).toBeLessThanOrEqual(20);
    const late = result.forwarded.filter((f) => f.sentAt >= 3000);
    const share = (partnerId: string) =>
      late.filter((f) => f.request.partnerId === partnerId).length / late.length;
    expect(share("x")).toBeCloseTo(1 / 6, 1);
    expect(share("y")).toBeCloseTo(2 / 6, 1);
    expect(share("z")).toBeCloseTo(3 / 6, 1);
  });

  it("holds the limit when an isolate dies holding a lease, and the others carry on", () => {
    const ids = ["a", "b", "c"];
    const result = run({
      isolates: [isolate("a", { diesAt: 5_003 }), isolate("b"), isolate("c")],
      partners: { p: { weight: 1 } },
      requests: steady("p", 60, ids, 0, 12_000),
    });
    expect(busiestWindow(atTencent(result))).toBeLessThanOrEqual(20);
    const after = result.forwarded.filter((f) => f.sentAt >= 7_000 && f.sentAt < 12_000);
    expect(after.length).toBeGreaterThan(70);
  });

  it("holds the limit whatever the isolates' clocks read", () => {
    const ids = ["a", "b", "c"];
    const skewed = run({
      isolates: [
        isolate("a", { clockOffsetMs: -5_000 }),
        isolate("b", { clockOffsetMs: 3_000 }),
        isolate("c", { clockOffsetMs: 17 }),
      ],
      partners: { p: { weight: 1 } },
      requests: steady("p", 60, ids, 0, 10_000),
    });
    const agreeing = run({
      isolates: ids.map((id) => isolate(id)),
      partners: { p: { weight: 1 } },
      requests: steady("p", 60, ids, 0, 10_000),
    });
    expect(busiestWindow(atTencent(skewed))).toBeLessThanOrEqual(20);
    // Only durations cross the wire: the same run, to the request.
    expect(skewed.forwarded.map((f) => f.sentAt)).toEqual(agreeing.forwarded.map((f) => f.sentAt));
  });

  it("holds the limit across restarts of the object while busy: the new life waits out the old window", () => {
    const ids = ["a", "b"];
    const result = run({
      isolates: ids.map((id) => isolate(id, { rttToObjectMs: 20 })),
      partners: { p: { weight: 1 } },
      requests: steady("p", 50, ids, 0, 12_000),
      objectRestarts: [4_000, 4_100, 8_500],
    });
    expect(busiestWindow(atTencent(result))).toBeLessThanOrEqual(20);
    expect(result.forwarded.filter((f) => f.sentAt >= 10_000).length).toBeGreaterThan(20);
  });

  it("never lets a second at Tencent hold more than the limit, over random deployments", () => {
    for (let seed = 1; seed <= 12; seed++) {
      const random = seededRandom(seed);
      const isolates = Array.from({ length: 2 + Math.floor(random() * 6) }, (_, i) =>
        isolate(`i${i}`, {
          rttToObjectMs: Math.floor(random() * 300),
          toTencentMs: Math.floor(random() * 150),
          clockOffsetMs: Math.floor((random() - 0.5) * 20_000),
          ...(random() < 0.3 ? { diesAt: Math.floor(random() * 10_000) } : {}),
        }),
      );
      const requests: SimRequest[] = [];
      for (let i = 0; i < 1500; i++) {
        requests.push({
          at: Math.floor(random() * 10_000),
          isolate: (isolates[Math.floor(random() * isolates.length)] as SimIsolate).id,
          partnerId: `p${Math.floor(random() * 3)}`,
        });
      }
      requests.sort((a, b) => a.at - b.at);
      const result = run({
        isolates,
        partners: { p0: { weight: 1 }, p1: { weight: 4 }, p2: { weight: 2, ownLimitPerSecond: 4 } },
        requests,
        objectRestarts: random() < 0.5 ? [Math.floor(random() * 10_000)] : [],
      });
      expect(busiestWindow(atTencent(result))).toBeLessThanOrEqual(20);
      const own = result.forwarded.filter((f) => f.request.partnerId === "p2").map((f) => f.sentAt);
      expect(busiestWindow(own)).toBeLessThanOrEqual(4);
    }
  });
});

describe("the caller's own slot", () => {
  const grant = (slotIds: number[], ownValidForMs: number) => ({
    slotIds,
    waitedMs: 0,
    validForMs: 1000,
    ownValidForMs,
    reportSends: false,
  });

  it("is valid a whole lease until a round trip is measured, then the round trip and a half, plus 100 ms", () => {
    const wallet = new LeaseWallet();
    expect(wallet.ownValidity(1000)).toBe(1000);
    wallet.take(0);
    wallet.asking();
    // Asked at 0, answered at 40: a 40 ms round trip.
    expect(wallet.received(grant([1], 1000), 0, 40)?.slotId).toBe(1);
    expect(wallet.ownValidity(1000)).toBe(160);
    wallet.asking();
    // A 900 ms round trip: never longer than a lease.
    wallet.received(grant([2], 1000), 1000, 1900);
    expect(wallet.ownValidity(1000)).toBe(1000);
  });

  it("run out on a slow answer is given back unused; a slot of the same lease serves instead, or none", () => {
    const wallet = new LeaseWallet();
    wallet.asking();
    // Own slot valid 160 ms, the answer took 300: the lease's slot (valid 1000 ms) serves the caller.
    expect(wallet.received(grant([7, 8], 160), 0, 300)?.slotId).toBe(8);
    expect(wallet.drain()).toEqual({ sends: [], unused: [7] });
    wallet.asking();
    expect(wallet.received(grant([9], 160), 1000, 1300)).toBeNull();
    expect(wallet.drain()).toEqual({ sends: [], unused: [9] });
  });

  it("unreported, holds the window only until its own bound, not a whole lease", () => {
    const request = { partnerId: "p", limitPerSecond: 1, weight: 1, maxWaitMs: 0 };
    const decisions: AdmissionDecision[] = [];
    const bounded = new FairAdmission(1000);
    bounded.arrive(0, { ...request, ownValidForMs: 100 }, (decision) => decisions.push(decision));
    expect(decisions[0]).toMatchObject({ granted: true, ownValidForMs: 100, validForMs: 1000 });
    // Never reported: it counts as sent at 100 at the latest, so the window has room again at 1300.
    // Another partner's caller, so that only the window decides (not the first partner's place in the queue).
    const other = { ...request, partnerId: "q" };
    bounded.arrive(1350, other, (decision) => decisions.push(decision));
    expect(decisions[1]).toMatchObject({ granted: true });
    // Bound by the lease, it may still be sent until 1000, and holds the window until 2200.
    const leased = new FairAdmission(1000);
    leased.arrive(0, request, (decision) => decisions.push(decision));
    expect(decisions[2]).toMatchObject({ granted: true, ownValidForMs: 1000 });
    leased.arrive(1350, other, (decision) => decisions.push(decision));
    expect(decisions[3]).toEqual({ granted: false, retryAfterMs: 1000 + WINDOW_MS - 1350 });
  });
});

describe("a refused partner at one isolate", () => {
  it("is refused there without asking while its next admission is known to lie past a caller's bound", () => {
    const wallet = new LeaseWallet();
    wallet.take(0);
    wallet.asking();
    // Asked at 0: it would have been admitted at 2400, past its 1500 ms bound.
    wallet.refused(2400, 0);
    expect(wallet.refusedFor(500, 1500)).toBe(1900);
    expect(wallet.refusedFor(899, 1500)).toBe(1501);
    // From 900 a caller could be admitted within its bound: it asks again.
    expect(wallet.refusedFor(900, 1500)).toBe(0);
    // A later refusal pushes the moment on; an earlier one never pulls it back.
    wallet.asking();
    wallet.refused(3000, 1000);
    wallet.asking();
    wallet.refused(100, 1100);
    expect(wallet.refusedFor(1100, 1500)).toBe(2900);
  });
});
