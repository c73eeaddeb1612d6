/**
 * Runs both admission designs on the same scenarios and writes what they did as markdown tables: added
 * latency by location, quota calls per request, each partner's rate against its fair share, the busiest second
 * at Tencent, refusals, and the cost of a million verifications at Cloudflare's prices.
 */
import { CLOUDFLARE_PRICES, PRICES_READ_ON } from "./cloudflare-prices";
import type { RunResult } from "./deployment";
import { LOCATIONS, type LocationCode, TENCENT_LOCATION } from "./latency-table";
import { runLeaseDeployment } from "./lease-deployment";
import type { CpuFigures } from "./measured-cpu";
import { busiestSecondAtTencent, callsPerForwarded, percentile } from "./metrics";
import { admittedPerSecond, fairShares } from "./partner-shares";
import { runPollingDeployment } from "./polling-deployment";
import { type BuiltScenario, buildScenario, type DeploymentPlan } from "./scenarios";
import { costPerMillion, type QuotaUsage, usagePerVerification } from "./verification-cost";

export const DESIGNS = [
  { name: "polling (before)", run: runPollingDeployment },
  { name: "leases (issue 17)", run: runLeaseDeployment },
] as const;

export interface PlanRun {
  built: BuiltScenario;
  results: RunResult[];
}

export function runPlan(plan: DeploymentPlan): PlanRun {
  const built = buildScenario(plan);
  return { built, results: DESIGNS.map((design) => design.run(built.scenario)) };
}

export function quotaUsage(result: RunResult): QuotaUsage {
  const forwarded = Math.max(1, result.forwarded.length);
  return {
    callsPerVerification: result.objectCalls / forwarded,
    activeMsPerVerification: result.objectActiveMs / forwarded,
  };
}

const ms = (value: number) => (Number.isNaN(value) ? "–" : `${Math.round(value)} ms`);
const fixed = (value: number, digits = 2) => value.toFixed(digits);
const usd = (value: number) => `$${value.toFixed(value < 1 ? 3 : 2)}`;

function table(header: string[], rows: string[][]): string {
  return [
    `| ${header.join(" | ")} |`,
    `|${header.map(() => "---").join("|")}|`,
    ...rows.map((row) => `| ${row.join(" | ")} |`),
  ].join("\n");
}

export function summaryTable(run: PlanRun): string {
  const { scenario } = run.built;
  return table(
    [
      "design",
      "requests",
      "forwarded",
      "refused",
      "quota calls / forwarded",
      "quota calls / request",
      "busiest second at Tencent (limit 20)",
      "object active",
    ],
    run.results.map((result, i) => [
      DESIGNS[i]?.name ?? "",
      String(scenario.requests.length),
      String(result.forwarded.length),
      String(result.refused.length + result.failed.length),
      fixed(callsPerForwarded(result)),
      fixed(result.objectCalls / Math.max(1, scenario.requests.length)),
      String(busiestSecondAtTencent(result)),
      `${fixed(result.objectActiveMs / 1000, 1)} s`,
    ]),
  );
}

export function latencyTable(run: PlanRun): string {
  const { scenario } = run.built;
  const locationOf = new Map(scenario.isolates.map((isolate) => [isolate.id, isolate.location]));
  const rows = LOCATIONS.filter((location) => run.built.plan.locations.includes(location.code)).map(
    (location) => {
      const cells = run.results.flatMap((result) => {
        const added = result.forwarded
          .filter((forwarded) => locationOf.get(forwarded.request.isolate) === location.code)
          .map((forwarded) => forwarded.addedMs);
        return [String(added.length), ms(percentile(added, 50)), ms(percentile(added, 99))];
      });
      // As simulated: whole milliseconds each way.
      const rtt = scenario.isolates.find((isolate) => isolate.location === location.code)?.rttToObjectMs;
      return [`${location.city} (${location.code})`, ms(rtt ?? Number.NaN), ...cells];
    },
  );
  const header = ["location", "round trip to the object"];
  for (const design of DESIGNS) header.push(`${design.name}: forwarded`, "p50 added", "p99 added");
  return table(header, rows);
}

export function sharesTable(run: PlanRun): string {
  const { plan, scenario } = run.built;
  const admitted = run.results.map((result) => admittedPerSecond(result, plan.durationMs));
  return table(
    [
      "partner",
      "weight",
      "own rate",
      "asked / s",
      "fair share / s",
      ...DESIGNS.map((design) => `${design.name}: admitted / s (× fair)`),
    ],
    fairShares(scenario, plan.durationMs).map((share) => [
      share.partnerId,
      String(share.weight),
      share.ownLimitPerSecond === undefined ? "–" : `${share.ownLimitPerSecond} / s`,
      fixed(share.demandPerSecond),
      fixed(share.fairPerSecond),
      ...admitted.map((rates) => {
        const rate = rates.get(share.partnerId) ?? 0;
        return `${fixed(rate)} (${fixed(rate / share.fairPerSecond)}×)`;
      }),
    ]),
  );
}

export function costTable(run: PlanRun, cpu: CpuFigures): string {
  const costs = run.results.map((result) => costPerMillion(usagePerVerification(quotaUsage(result), cpu)));
  const first = costs[0];
  if (first === undefined) return "";
  const rows = first.lines.map((line, i) => {
    const price = CLOUDFLARE_PRICES[line.item];
    return [
      price.item,
      `$${price.usd} / ${price.per}`,
      ...costs.flatMap((cost) => {
        const own = cost.lines[i];
        return own === undefined ? ["", ""] : [fixed(own.perVerification, 3), usd(own.usdPerMillion)];
      }),
    ];
  });
  rows.push(["**total**", "", ...costs.flatMap((cost) => ["", `**${usd(cost.totalUsd)}**`])]);
  const header = ["item", `price (read ${PRICES_READ_ON})`];
  for (const design of DESIGNS) header.push(`${design.name}: per verification`, "per million");
  return table(header, rows);
}

export function costTotalsTable(runs: PlanRun[], cpu: CpuFigures): string {
  return table(
    ["scenario", ...DESIGNS.map((design) => `${design.name}: $ per million verifications`)],
    runs.map((run) => [
      run.built.plan.name,
      ...run.results.map((result) =>
        usd(costPerMillion(usagePerVerification(quotaUsage(result), cpu)).totalUsd),
      ),
    ]),
  );
}

export function planHeading(plan: DeploymentPlan, run: PlanRun): string {
  const partners = plan.partners
    .map(
      (partner) =>
        `${partner.id} (weight ${partner.weight}${partner.ownLimitPerSecond !== undefined ? `, own rate ${partner.ownLimitPerSecond}/s` : ""}; ` +
        `${describeArrivals(partner.arrivals)}; from ${Object.keys(partner.homes).join(", ")})`,
    )
    .join("; ");
  return (
    `### ${plan.name}\n\n` +
    `${plan.durationMs / 1000} s, ${plan.locations.length} locations × ${plan.isolatesPerLocation} isolates, ` +
    `${run.built.scenario.requests.length} requests (seed ${plan.seed}). ${partners}.`
  );
}

function describeArrivals(arrivals: DeploymentPlan["partners"][number]["arrivals"]): string {
  if (arrivals.onPerSecond === arrivals.offPerSecond) return `Poisson ${fixed(arrivals.onPerSecond)}/s`;
  return (
    `Poisson ${fixed(arrivals.onPerSecond)}/s for ${arrivals.onMs / 1000} s, ` +
    `then ${fixed(arrivals.offPerSecond)}/s for ${arrivals.offMs / 1000} s`
  );
}

/**
 * Where the quota object should live: the lease design on one plan with the object at each candidate
 * location, the time the quota adds to a forwarded request against the time its call to Tencent spends on
 * the network anyway (the round trip from its location to Tencent's region).
 */
export function placementTable(plan: DeploymentPlan, candidates: readonly LocationCode[]): string {
  const rows = candidates.map((objectAt) => {
    const { scenario } = buildScenario(plan, objectAt);
    const result = runLeaseDeployment(scenario);
    const added = result.forwarded.map((forwarded) => forwarded.addedMs);
    const tencent = result.forwarded.map((forwarded) => {
      const isolate = scenario.isolates.find(({ id }) => id === forwarded.request.isolate);
      return 2 * (isolate?.toTencentMs ?? 0);
    });
    const mean = (values: number[]) =>
      values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
    const city = LOCATIONS.find(({ code }) => code === objectAt)?.city ?? objectAt;
    return [
      `${city} (${objectAt})${objectAt === TENCENT_LOCATION ? ", beside Tencent" : ""}`,
      ms(mean(added)),
      ms(percentile(added, 50)),
      ms(percentile(added, 99)),
      `${fixed((100 * mean(added)) / Math.max(1, mean(tencent)), 0)} %`,
    ];
  });
  return table(
    [
      "quota object in",
      "added, mean",
      "added, p50",
      "added, p99",
      "added against the call's own round trip to Tencent (mean)",
    ],
    rows,
  );
}
