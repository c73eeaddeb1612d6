// The quota simulator (bench/simulator/, npm run simulate): the polling design before issue 17 and the lease protocol on
// the same seeded scenarios, the fair shares they are judged against, the latency table they run on, and the
// cost model's arithmetic. Each run is deterministic, so the figures asserted are the figures measured.
import { describe, expect, it } from "vitest";
import { PLANS } from "../../bench/simulate";
import { CLOUDFLARE_PRICES } from "../../bench/simulator/cloudflare-prices";
import type { RunResult } from "../../bench/simulator/deployment";
import { weightedMaxMinShares } from "../../bench/simulator/fair-share";
import { LOCATIONS, PUBLISHED_RTT_MS, rttMs, SAME_CITY_RTT_MS } from "../../bench/simulator/latency-table";
import { runLeaseDeployment } from "../../bench/simulator/lease-deployment";
import { FALLBACK_CPU, measuredCpu } from "../../bench/simulator/measured-cpu";
import { busiestSecondAtTencent, callsPerForwarded, percentile } from "../../bench/simulator/metrics";
import { admittedPerSecond, fairShares } from "../../bench/simulator/partner-shares";
import { runPollingDeployment } from "../../bench/simulator/polling-deployment";
import { buildScenario, type DeploymentPlan, MODERATE, steadily } from "../../bench/simulator/scenarios";
import { runPlan } from "../../bench/simulator/simulation-report";
import {
  costPerMillion,
  D1_ROWS_WRITTEN,
  KV_READS,
  QUEUE_OPERATIONS,
  SESSION_OBJECT_REQUESTS,
  usagePerVerification,
} from "../../bench/simulator/verification-cost";

/** One location's two isolates, one partner at `perSecond`. */
const onePartner = (perSecond: number, durationMs: number, locations: DeploymentPlan["locations"]) =>
  buildScenario({
    name: "one partner",
    seed: 3,
    durationMs,
    isolatesPerLocation: 2,
    locations,
    partners: [{ id: "p", weight: 1, arrivals: steadily(perSecond), homes: { SIN: 1 } }],
  }).scenario;

/**
 * Three partners in three locations: a steady one of weight 3 (8/s), one of weight 2 (5/s), and one of
 * weight 1 that bursts at 40/s for 3 s in every 5: together well over the 16.7/s the quota sustains.
 */
const BURSTS: DeploymentPlan = {
  name: "bursts",
  seed: 7,
  durationMs: 30_000,
  isolatesPerLocation: 2,
  locations: ["SIN", "HKG", "FRA"],
  partners: [
    { id: "steady", weight: 3, arrivals: steadily(8), homes: { SIN: 1, HKG: 1 } },
    { id: "mid", weight: 2, arrivals: steadily(5), homes: { FRA: 1, SIN: 1 } },
    {
      id: "burst",
      weight: 1,
      arrivals: { onPerSecond: 40, offPerSecond: 0, onMs: 3000, offMs: 2000, phaseMs: 0 },
      homes: { FRA: 1, HKG: 1 },
    },
  ],
};

/** Each partner's admitted rate as a multiple of its fair share. */
function shareRatios(result: RunResult, plan: DeploymentPlan): Record<string, number> {
  const { scenario } = buildScenario(plan);
  const admitted = admittedPerSecond(result, plan.durationMs);
  return Object.fromEntries(
    fairShares(scenario, plan.durationMs).map((share) => [
      share.partnerId,
      (admitted.get(share.partnerId) ?? 0) / share.fairPerSecond,
    ]),
  );
}

describe("the simulated deployment, both designs", () => {
  it("at sustained load (12/s over two isolates), leases make 0.42 calls per request where polling makes 2", () => {
    const scenario = onePartner(12, 20_000, ["SIN"]);
    const lease = runLeaseDeployment(scenario);
    const polling = runPollingDeployment(scenario);
    for (const result of [lease, polling]) {
      expect(result.refused).toEqual([]);
      expect(result.forwarded).toHaveLength(scenario.requests.length);
      expect(busiestSecondAtTencent(result)).toBeLessThanOrEqual(20);
    }
    expect(callsPerForwarded(lease)).toBeLessThan(0.5);
    expect(callsPerForwarded(lease)).toBeCloseTo(0.419, 2);
    // One call to be admitted, one to report the send: no two sends of an isolate share a moment here.
    expect(callsPerForwarded(polling)).toBeCloseTo(2, 1);
  });

  it("at low load, a request makes one call with leases and two with polling, and waits one round trip", () => {
    const scenario = onePartner(0.5, 60_000, ["SIN", "FRA"]);
    const lease = runLeaseDeployment(scenario);
    const polling = runPollingDeployment(scenario);
    expect(lease.forwarded).toHaveLength(scenario.requests.length);
    expect(callsPerForwarded(lease)).toBeLessThanOrEqual(1);
    expect(callsPerForwarded(polling)).toBe(2);
    // Every request is sent one round trip to the object (in Singapore) after it arrived, in both designs.
    for (const result of [lease, polling])
      expect(
        percentile(
          result.forwarded.map((forwarded) => forwarded.addedMs),
          99,
        ),
      ).toBe(2);
  });

  it("with bursts, leases keep every partner near its weighted share, and never over the limit at Tencent", () => {
    const { scenario } = buildScenario(BURSTS);
    const lease = runLeaseDeployment(scenario);
    expect(busiestSecondAtTencent(lease)).toBeLessThanOrEqual(20);
    const ratios = shareRatios(lease, BURSTS);
    // Within 10 % for the steady partners. The burst's callers wait up to 1.5 s and are admitted into seconds
    // after its burst, where the second-by-second fair share gives it nothing: 23 % over, measured (18 % when
    // a caller's own slot held the window for a whole lease: less was admitted after the burst).
    expect(ratios.steady).toBeGreaterThan(0.9);
    expect(ratios.steady).toBeLessThan(1.1);
    expect(ratios.mid).toBeGreaterThan(0.9);
    expect(ratios.mid).toBeLessThan(1.1);
    expect(ratios.burst).toBeGreaterThan(0.9);
    expect(ratios.burst).toBeLessThan(1.3);
    // A partner refused at an isolate is refused there without asking while its wait is known to be too
    // long: measured 0.91 quota calls per request, where polling makes 1.43.
    const polling = runPollingDeployment(scenario);
    expect(lease.objectCalls / scenario.requests.length).toBeLessThan(0.95);
    expect(polling.objectCalls / scenario.requests.length).toBeGreaterThan(1.4);
  });

  it("with bursts, polling gives the burst three times its share and the others little over half of theirs", () => {
    const { scenario } = buildScenario(BURSTS);
    const polling = runPollingDeployment(scenario);
    expect(busiestSecondAtTencent(polling)).toBeLessThanOrEqual(20);
    const ratios = shareRatios(polling, BURSTS);
    // Measured: burst 3.06×, steady 0.59×, mid 0.55×.
    expect(ratios.burst).toBeGreaterThan(2.8);
    expect(ratios.steady).toBeLessThan(0.65);
    expect(ratios.mid).toBeLessThan(0.65);
  });

  it("holds the limit at Tencent with leases in every scenario npm run simulate prints", () => {
    for (const plan of PLANS) {
      const [, lease] = runPlan(plan).results;
      expect(busiestSecondAtTencent(lease as RunResult)).toBeLessThanOrEqual(20);
    }
  });
});

describe("where the quota object lives", () => {
  it("adds least beside Tencent's region, and more the farther it is from where the requests come", () => {
    const mean = (objectAt: "SIN" | "FRA" | "GRU") => {
      const { forwarded } = runLeaseDeployment(buildScenario(MODERATE, objectAt).scenario);
      return forwarded.reduce((sum, { addedMs }) => sum + addedMs, 0) / forwarded.length;
    };
    const [singapore, frankfurt, saoPaulo] = [mean("SIN"), mean("FRA"), mean("GRU")];
    // Measured: 108, 148 and 284 ms.
    expect(singapore).toBeLessThan(frankfurt - 30);
    expect(frankfurt).toBeLessThan(saoPaulo - 100);
  });
});

describe("weighted max-min fair shares", () => {
  it("gives each its weight's part, what one leaves goes to the others by weight, own rates bound", () => {
    // 16 to share, weights 3:2:1. c wants only 1; b is capped at 4: a gets the rest, 11.
    const shares = weightedMaxMinShares(16, [
      { id: "a", weight: 3, demand: 100 },
      { id: "b", weight: 2, demand: 100, cap: 4 },
      { id: "c", weight: 1, demand: 1 },
    ]);
    expect(Object.fromEntries(shares)).toEqual({ a: 11, b: 4, c: 1 });
    // All backlogged: 8, 5.33, 2.67.
    const even = weightedMaxMinShares(16, [
      { id: "a", weight: 3, demand: 100 },
      { id: "b", weight: 2, demand: 100 },
      { id: "c", weight: 1, demand: 100 },
    ]);
    expect(even.get("a")).toBeCloseTo(8, 10);
    expect(even.get("b")).toBeCloseTo(16 / 3, 10);
    expect(even.get("c")).toBeCloseTo(8 / 3, 10);
    // Less demand than capacity: everyone gets what it asked.
    expect(Object.fromEntries(weightedMaxMinShares(16, [{ id: "a", weight: 1, demand: 3 }]))).toEqual({
      a: 3,
    });
  });
});

describe("the latency table", () => {
  it("has a round trip both ways between every two locations used, symmetric, the directions a few ms apart", () => {
    for (const from of LOCATIONS) {
      expect(rttMs(from.code, from.code)).toBe(SAME_CITY_RTT_MS);
      for (const to of LOCATIONS) {
        if (from === to) continue;
        const there = PUBLISHED_RTT_MS[from.code][to.code];
        const back = PUBLISHED_RTT_MS[to.code][from.code];
        expect(there, `${from.code}→${to.code}`).toBeTypeOf("number");
        expect(Math.abs((there as number) - (back as number))).toBeLessThanOrEqual(4);
        expect(rttMs(from.code, to.code)).toBe(rttMs(to.code, from.code));
        expect(rttMs(from.code, to.code)).toBeGreaterThan(SAME_CITY_RTT_MS);
      }
    }
    expect(rttMs("SIN", "GRU")).toBe(341.5);
  });
});

describe("the cost model", () => {
  it("adds up a hand-checked verification", () => {
    const usage = usagePerVerification(
      { callsPerVerification: 0.5, activeMsPerVerification: 100 },
      { smallRequestMs: 1, compareUploadMs: 40, source: "test" },
    );
    expect(usage).toEqual({
      workerRequest: 3,
      workerCpuMs: 42,
      durableObjectRequest: SESSION_OBJECT_REQUESTS + 0.5,
      // (6 session-object calls × 10 ms + 100 ms) × 128 MB = 0.16 s × 0.125 GB.
      durableObjectGbSecond: 0.02,
      d1RowWritten: D1_ROWS_WRITTEN,
      kvRead: KV_READS,
      queueOperation: QUEUE_OPERATIONS,
    });
    const { lines, totalUsd } = costPerMillion(usage);
    const perMillion = Object.fromEntries(lines.map((line) => [line.item, line.usdPerMillion]));
    expect(perMillion.workerRequest).toBeCloseTo(3 * 0.3, 10);
    expect(perMillion.workerCpuMs).toBeCloseTo(42 * 0.02, 10);
    expect(perMillion.durableObjectRequest).toBeCloseTo(6.5 * 0.15, 10);
    expect(perMillion.durableObjectGbSecond).toBeCloseTo(0.02 * 12.5, 10);
    expect(perMillion.d1RowWritten).toBeCloseTo(11 * 1, 10);
    expect(perMillion.kvRead).toBeCloseTo(9 * 0.5, 10);
    expect(perMillion.queueOperation).toBeCloseTo(6 * 0.4, 10);
    // 0.9 + 0.84 + 0.975 + 0.25 + 11 + 4.5 + 2.4
    expect(totalUsd).toBeCloseTo(20.865, 10);
    expect(CLOUDFLARE_PRICES.durableObjectRequest.usd).toBe(0.15);
  });

  it("reads CPU from the benchmark's results, and falls back when they are missing", () => {
    expect(measuredCpu(new URL("file:///nonexistent/latest.json"))).toEqual(FALLBACK_CPU);
    const cpu = measuredCpu();
    expect(cpu.smallRequestMs).toBeGreaterThan(0);
    expect(cpu.compareUploadMs).toBeGreaterThan(cpu.smallRequestMs);
  });
});
