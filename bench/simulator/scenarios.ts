/**
 * The deployments the simulator runs: Cloudflare locations with a few isolates each, the quota object and
 * Tencent in Singapore, and partners whose customers arrive where they live, steadily or in bursts. Every
 * arrival comes from a seeded generator, so a scenario is the same on every run.
 */
import { FACEID_ACTIONS } from "../../shared/faceid/actions";
import type { Scenario, SimIsolate, SimPartner, SimRequest } from "./deployment";
import { seededRandom } from "./event-clock";
import { LOCATIONS, type LocationCode, OBJECT_LOCATION, rttMs, TENCENT_LOCATION } from "./latency-table";

/** Tencent's limit per action per account, for the action a verification spends (20 a second). */
export const TENCENT_LIMIT_PER_SECOND = FACEID_ACTIONS.CompareFaceLiveness.ratePerSecond;

/**
 * How long a request may wait for a slot: worker/quota/reserve.ts's MAX_QUOTA_WAIT_MS, the same in both
 * designs (not imported: reserve.ts needs the Workers runtime's types).
 */
export const MAX_WAIT_MS = 1500;

/** How a partner's requests arrive: Poisson at a rate, switching between an "on" and an "off" rate. */
export interface Arrivals {
  /** Requests a second while on. */
  onPerSecond: number;
  /** Requests a second while off (0: silent between bursts). */
  offPerSecond: number;
  onMs: number;
  offMs: number;
  /** Where in its cycle it starts. */
  phaseMs: number;
}

/** Poisson arrivals at a steady rate. */
export const steadily = (perSecond: number): Arrivals => ({
  onPerSecond: perSecond,
  offPerSecond: perSecond,
  onMs: 1000,
  offMs: 1000,
  phaseMs: 0,
});

export interface PartnerTraffic extends SimPartner {
  id: string;
  arrivals: Arrivals;
  /** Where its requests come from: each location's share. */
  homes: Partial<Record<LocationCode, number>>;
}

export interface DeploymentPlan {
  name: string;
  seed: number;
  durationMs: number;
  isolatesPerLocation: number;
  locations: readonly LocationCode[];
  partners: readonly PartnerTraffic[];
}

export interface BuiltScenario {
  plan: DeploymentPlan;
  scenario: Scenario;
}

/** The isolates, the requests and the limits of a plan, with the quota object at `objectAt`. */
export function buildScenario(plan: DeploymentPlan, objectAt: LocationCode = OBJECT_LOCATION): BuiltScenario {
  const random = seededRandom(plan.seed);
  const isolates: SimIsolate[] = plan.locations.flatMap((location) =>
    Array.from({ length: plan.isolatesPerLocation }, (_, i) => ({
      id: `${location}-${i + 1}`,
      location,
      // Isolates' clocks disagree by up to a few seconds: the lease protocol must not care.
      clockOffsetMs: Math.round((random() - 0.5) * 4000),
      // Whole milliseconds each way, as Date.now() counts them: the quota's classes compare times exactly
      // (a waiter's bound is `arrivedAt + maxWaitMs`), and fractions would make them disagree.
      rttToObjectMs: 2 * Math.round(rttMs(location, objectAt) / 2),
      toTencentMs: Math.round(rttMs(location, TENCENT_LOCATION) / 2),
    })),
  );
  const requests: SimRequest[] = [];
  for (const partner of plan.partners) {
    const homes = Object.entries(partner.homes) as [LocationCode, number][];
    for (const at of arrivalTimes(partner.arrivals, plan.durationMs, random)) {
      const location = pick(homes, random);
      const index = Math.floor(random() * plan.isolatesPerLocation);
      requests.push({ at, isolate: `${location}-${index + 1}`, partnerId: partner.id });
    }
  }
  requests.sort((a, b) => a.at - b.at);
  const partners: Record<string, SimPartner> = {};
  for (const { id, weight, ownLimitPerSecond } of plan.partners)
    partners[id] = { weight, ...(ownLimitPerSecond !== undefined ? { ownLimitPerSecond } : {}) };
  return {
    plan,
    scenario: {
      limitPerSecond: TENCENT_LIMIT_PER_SECOND,
      maxWaitMs: MAX_WAIT_MS,
      isolates,
      partners,
      requests,
    },
  };
}

/** Poisson arrivals over [0, durationMs), the rate switching with the on/off cycle. */
export function arrivalTimes(arrivals: Arrivals, durationMs: number, random: () => number): number[] {
  const times: number[] = [];
  const cycle = arrivals.onMs + arrivals.offMs;
  // Segment by segment (each on or off stretch), Poisson within each: exponential gaps at its rate.
  for (let start = -arrivals.phaseMs; start < durationMs; start += cycle) {
    const segments: [number, number, number][] = [
      [start, start + arrivals.onMs, arrivals.onPerSecond],
      [start + arrivals.onMs, start + cycle, arrivals.offPerSecond],
    ];
    for (const [from, to, perSecond] of segments) {
      if (perSecond <= 0) continue;
      for (let at = from; ; ) {
        at += (-Math.log(1 - random()) * 1000) / perSecond;
        if (at >= to || at >= durationMs) break;
        // Whole milliseconds, as Date.now() reads them.
        if (at >= 0) times.push(Math.floor(at));
      }
    }
  }
  return times;
}

function pick<T>(weighted: readonly [T, number][], random: () => number): T {
  const total = weighted.reduce((sum, [, weight]) => sum + weight, 0);
  let draw = random() * total;
  for (const [value, weight] of weighted) {
    draw -= weight;
    if (draw < 0) return value;
  }
  return (weighted.at(-1) as [T, number])[0];
}

const ALL = LOCATIONS.map((location) => location.code);

/**
 * At scale, contended: four partners want about twice what Tencent allows CompareFaceLiveness. A bank in Asia
 * sends steadily and less than its weighted share; a European wallet in waves; a global marketplace with
 * weight 1 in bursts of 45 a second for 3 s every 10 s; a lender in Japan and Hong Kong is held by its own
 * rate of 3 a second.
 */
export const AT_SCALE: DeploymentPlan = {
  name: "at scale, contended",
  seed: 17,
  durationMs: 60_000,
  isolatesPerLocation: 3,
  locations: ALL,
  partners: [
    {
      id: "bank",
      weight: 3,
      arrivals: steadily(7),
      homes: { SIN: 0.45, HKG: 0.2, BOM: 0.15, SYD: 0.1, NRT: 0.1 },
    },
    {
      id: "wallet",
      weight: 2,
      arrivals: { onPerSecond: 12, offPerSecond: 2, onMs: 4000, offMs: 6000, phaseMs: 2000 },
      homes: { FRA: 0.4, LHR: 0.4, IAD: 0.2 },
    },
    {
      id: "marketplace",
      weight: 1,
      arrivals: { onPerSecond: 45, offPerSecond: 3, onMs: 3000, offMs: 7000, phaseMs: 0 },
      homes: { SIN: 0.2, BOM: 0.15, IAD: 0.2, GRU: 0.15, LHR: 0.1, FRA: 0.1, SYD: 0.1 },
    },
    {
      id: "lender",
      weight: 2,
      ownLimitPerSecond: 3,
      arrivals: steadily(5),
      homes: { NRT: 0.6, HKG: 0.4 },
    },
  ],
};

/** The same deployment and partners at a twentieth of the load: no one ever waits. */
export const LOW_LOAD: DeploymentPlan = {
  name: "low load",
  seed: 18,
  durationMs: 120_000,
  isolatesPerLocation: 3,
  locations: ALL,
  partners: AT_SCALE.partners.map((partner) => ({
    ...partner,
    arrivals: {
      ...partner.arrivals,
      onPerSecond: partner.arrivals.onPerSecond / 20,
      offPerSecond: partner.arrivals.offPerSecond / 20,
    },
  })),
};

/**
 * The same deployment under sustained load within the limit (14 a second in all, steady): nobody needs to
 * be refused, and the question is only what admission costs per request.
 */
export const SUSTAINED: DeploymentPlan = {
  name: "sustained, within the limit",
  seed: 19,
  durationMs: 60_000,
  isolatesPerLocation: 3,
  locations: ALL,
  partners: AT_SCALE.partners.map((partner) => ({
    ...partner,
    arrivals: steadily({ bank: 6, wallet: 3, marketplace: 3, lender: 2 }[partner.id] ?? 1),
  })),
};

/** Half the sustained load (7 a second in all, steady): well within the limit, where leases have room. */
export const MODERATE: DeploymentPlan = {
  ...SUSTAINED,
  name: "moderate, half the limit",
  seed: 20,
  partners: SUSTAINED.partners.map((partner) => ({
    ...partner,
    arrivals: steadily(partner.arrivals.onPerSecond / 2),
  })),
};
