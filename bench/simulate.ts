/**
 * `npm run simulate`: the quota's admission at internet scale, the polling design before issue 17 against the lease
 * protocol, on the same deterministic scenarios (bench/simulator/). Prints markdown; `runSimulation()` returns
 * the same text for `npm run bench -- --simulate`.
 */
import { pathToFileURL } from "node:url";
import { PRICES_READ_ON } from "./simulator/cloudflare-prices";
import { measuredCpu } from "./simulator/measured-cpu";
import { AT_SCALE, LOW_LOAD, MODERATE, SUSTAINED } from "./simulator/scenarios";
import {
  costTable,
  costTotalsTable,
  latencyTable,
  placementTable,
  planHeading,
  runPlan,
  sharesTable,
  summaryTable,
} from "./simulator/simulation-report";

export const PLANS = [LOW_LOAD, MODERATE, SUSTAINED, AT_SCALE] as const;
/** Where a quota object could be: beside Tencent (locationHint apac), or where a first caller might be. */
export const PLACEMENTS = ["SIN", "HKG", "FRA", "IAD", "GRU"] as const;

export function runSimulation(): string {
  const cpu = measuredCpu();
  const runs = PLANS.map((plan) => runPlan(plan));
  const sections = runs.map((run) => {
    const parts = [planHeading(run.built.plan, run), summaryTable(run), latencyTable(run)];
    if (run.built.plan !== LOW_LOAD) parts.push(sharesTable(run));
    return parts.join("\n\n");
  });
  const sustained = runs[PLANS.indexOf(SUSTAINED)] ?? runs[0];
  return [
    "## The quota at scale: the polling design before issue 17 against leases (simulated)",
    "Round trips: Azure's published P50 inter-region table (April 2024; bench/simulator/latency-table.ts). " +
      "Quota object and Tencent in Singapore (ap-singapore, locationHint apac). Times are from a request's " +
      "arrival at its isolate to its send toward Tencent; refused requests are not retried, and their calls " +
      "count in the quota calls per forwarded request.",
    ...sections,
    `### Where the quota object lives: the ${MODERATE.name} run with the object elsewhere`,
    "Tencent in Singapore throughout (ap-singapore); the lease design. A request's admission costs a round " +
      "trip to the object, and its call to Tencent a round trip to Singapore in any case.",
    placementTable(MODERATE, PLACEMENTS),
    `### Cost per million verifications (Workers Paid, prices read ${PRICES_READ_ON})`,
    `CPU per request: ${cpu.source} (small request ${cpu.smallRequestMs.toFixed(2)} ms, compare upload ` +
      `${cpu.compareUploadMs.toFixed(1)} ms). Quota calls and the object's active time per verification: the ` +
      `"${sustained?.built.plan.name}" run. Other counts: bench/simulator/verification-cost.ts.`,
    sustained === undefined ? "" : costTable(sustained, cpu),
    costTotalsTable(runs, cpu),
  ].join("\n\n");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) console.log(runSimulation());
