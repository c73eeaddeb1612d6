/**
 * Each partner's admitted rate against its fair share over a run. Demand is counted second by second (the
 * requests that arrived in it), and each second's capacity is divided by weighted max-min fairness, each
 * partner bounded by what it asked for that second and by its own rate: a burst cannot claim what others
 * left unused in a quiet second, and a quiet partner's share flows to the others.
 *
 * The capacity is what the quota can sustain: the limit per WINDOW_MS (a second plus the 200 ms guard for
 * the way to Tencent, worker/quota/sending-slots.ts), 20 per 1.2 s = 16.7 a second. Own rates likewise.
 */
import { WINDOW_MS } from "../../worker/quota/sending-slots";
import type { RunResult, Scenario } from "./deployment";
import { weightedMaxMinShares } from "./fair-share";

export interface PartnerShare {
  partnerId: string;
  weight: number;
  ownLimitPerSecond?: number;
  demandPerSecond: number;
  fairPerSecond: number;
}

export function fairShares(scenario: Scenario, durationMs: number): PartnerShare[] {
  const seconds = Math.ceil(durationMs / 1000);
  const ids = Object.keys(scenario.partners);
  const demand = new Map(ids.map((id) => [id, new Array<number>(seconds).fill(0)]));
  for (const request of scenario.requests) {
    const perSecond = demand.get(request.partnerId) as number[];
    const second = Math.floor(request.at / 1000);
    perSecond[second] = (perSecond[second] ?? 0) + 1;
  }
  const sustainable = (perWindow: number) => (perWindow * 1000) / WINDOW_MS;
  const fair = new Map(ids.map((id) => [id, 0]));
  for (let second = 0; second < seconds; second++) {
    const shares = weightedMaxMinShares(
      sustainable(scenario.limitPerSecond),
      ids.map((id) => {
        const own = scenario.partners[id]?.ownLimitPerSecond;
        return {
          id,
          weight: scenario.partners[id]?.weight ?? 1,
          demand: demand.get(id)?.[second] ?? 0,
          ...(own !== undefined ? { cap: sustainable(own) } : {}),
        };
      }),
    );
    for (const [id, share] of shares) fair.set(id, (fair.get(id) ?? 0) + share);
  }
  return ids.map((id) => {
    const { weight, ownLimitPerSecond } = scenario.partners[id] ?? { weight: 1 };
    const asked = (demand.get(id) ?? []).reduce((sum, count) => sum + count, 0);
    return {
      partnerId: id,
      weight,
      ...(ownLimitPerSecond !== undefined ? { ownLimitPerSecond } : {}),
      demandPerSecond: asked / seconds,
      fairPerSecond: (fair.get(id) ?? 0) / seconds,
    };
  });
}

/** Requests forwarded for each partner, per second of the run. */
export function admittedPerSecond(result: RunResult, durationMs: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { request } of result.forwarded)
    counts.set(request.partnerId, (counts.get(request.partnerId) ?? 0) + 1);
  const seconds = Math.ceil(durationMs / 1000);
  return new Map([...counts].map(([id, count]) => [id, count / seconds]));
}
