/**
 * The benchmark's figures: raw records in, ratios to the floor and to the SDK proxy, the issue's targets with
 * PASS/MISS, and the markdown table.
 */

export type WorkloadName = "small" | "large" | "multipart";
export type SystemName = "floor" | "gateway" | "sdk-proxy";

export interface RunRecord {
  workload: WorkloadName;
  system: SystemName | "relay";
  concurrency: number;
  requests: number;
  wallMs: number;
  throughput: number;
  p50Ms: number;
  p99Ms: number;
  /** CPU of the system's process per request (the floor's row: the stub's process). */
  cpuMsPerRequest: number;
  statuses: Record<string, number>;
  failures: { count: number; examples: string[] };
  /**
   * What the stub saw: calls for the workload's action, all with the expected body under a true
   * Content-Length, and a TC3 header.
   */
  upstream: { upstreamCalls: number; sameBytesUpstream: boolean; signedUpstream: boolean };
}

/** CPU of a bare relay in the gateway's workerd: what the runtime spends moving the bytes in and out. */
export interface CpuRecord {
  workload: WorkloadName;
  /** For the steps of the small request's path: which step. */
  step?: string;
  requests: number;
  cpuMsPerRequest: number;
}

/**
 * What a large request costs the gateway's workerd, from requests that stop at successive steps, measured in
 * interleaved rounds at concurrency 1 (every other round in reverse order) so that the machine's other load
 * falls on every step alike; per step, the median of the rounds' CPU per request, and the differences
 * between steps taken round by round.
 */
export type LargeCpuStep = "relay" | "read" | "hash" | "bodyWork" | "gateway";
export interface LargeCpuRecord {
  rounds: number;
  requestsPerRound: number;
  samplesMs: Record<LargeCpuStep, number[]>;
  medianMs: Record<LargeCpuStep, number>;
}

export interface MemoryRecord {
  workload: WorkloadName;
  system: SystemName;
  inFlight: number;
  bodyBytes: number;
  baselineRssBytes: number;
  peakRssBytes: number;
  peakPerRequestBytes: number;
  succeeded: number;
  failures: { count: number; examples: string[] };
  processAlive: boolean;
  failureLogLines: string[];
}

export interface QuotaRecord {
  action: string;
  concurrency: number;
  wallMs: number;
  answeredPerSecond: number;
  limitedPerSecond: number;
  upstreamCalls: number;
  busiestUpstreamSecond: number;
  failures: { count: number; examples: string[] };
}

export interface BenchResults {
  generatedAt: string;
  machine: { cpu: string; cores: number; memoryGb: number; node: string; platform: string };
  bodies: Record<WorkloadName, number>;
  /** One SHA-256 pass over each workload's bytes. */
  floorCpuMs: Record<WorkloadName, number>;
  idleCpuMsPerSecond: number;
  runs: RunRecord[];
  relayCpu: CpuRecord[];
  /** Requests that stop at successive steps of the small request's path. */
  fixedCost: CpuRecord[];
  /** The large request's CPU, step by step, in interleaved rounds (see LargeCpuRecord). */
  largeCpu: LargeCpuRecord;
  /** The A/B of the two base64 alphabet checks, when the run made it. */
  memory: MemoryRecord[];
  quota: QuotaRecord;
  /** Every failure line the gateways printed over the whole run (a lost audit row or quota report counts). */
  gatewayFailureLines: string[];
  durationSeconds: number;
}

export interface Target {
  name: string;
  measured: string;
  limit: string;
  pass: boolean;
}

export interface Summary {
  /**
   * Per workload, ms per request: the floor's one SHA-256 pass; each process's CPU over all its runs; the
   * relay's; and the gateway's own (its workerd's CPU less the relay's for the same bytes).
   */
  cpuMs: Record<WorkloadName, Record<SystemName | "relay" | "gatewayOwn", number>>;
  /** The large request's own CPU (gateway less relay, interleaved medians) and its parts, ms per request. */
  large: { ownMs: number; hashMs: number; checksMs: number; restMs: number };
  targets: Target[];
}

export const WORKLOADS: readonly WorkloadName[] = ["small", "large", "multipart"];
const SYSTEMS: readonly SystemName[] = ["floor", "gateway", "sdk-proxy"];
const CONCURRENCY = [1, 8, 32] as const;
/** Process CPU per request is read from the runs at this concurrency (the relay runs at it too). */
export const CPU_CONCURRENCY = 8;
const WORKLOAD_TITLES: Record<WorkloadName, string> = {
  small: "small: GetLivenessResult",
  large: "large: CompareFaceLiveness JSON",
  multipart: "multipart: REST compare upload",
};
const MB = 1024 * 1024;

export function summarise(results: BenchResults): Summary {
  const cpuMs = {} as Summary["cpuMs"];
  for (const workload of WORKLOADS) {
    // At concurrency 8, as the relay: steady load, and as many requests as the relay's run.
    const processCpu = (system: SystemName) =>
      find(results, workload, system, CPU_CONCURRENCY).cpuMsPerRequest;
    const gateway = processCpu("gateway");
    const relay = results.relayCpu.find((run) => run.workload === workload)?.cpuMsPerRequest ?? Number.NaN;
    cpuMs[workload] = {
      floor: results.floorCpuMs[workload],
      gateway,
      "sdk-proxy": processCpu("sdk-proxy"),
      relay,
      gatewayOwn: gateway - relay,
    };
  }

  // Each part is the median over rounds of a difference between two steps of the same round, so the drift of a
  // shared machine's load from one round to the next cancels; the rest is what the parts leave of the whole.
  const samples = results.largeCpu.samplesMs;
  const ownMs = pairedMedian(samples.gateway, samples.relay);
  const hashMs = pairedMedian(samples.hash, samples.read);
  const checksMs = pairedMedian(samples.bodyWork, samples.hash);
  const large = { ownMs, hashMs, checksMs, restMs: ownMs - hashMs - checksMs };
  const floor = results.floorCpuMs.large;
  const largeCpu = large.ownMs / floor;
  const smallThroughput = CONCURRENCY.map((concurrency) => {
    const gateway = find(results, "small", "gateway", concurrency).throughput;
    const proxy = find(results, "small", "sdk-proxy", concurrency).throughput;
    return { concurrency, ratio: gateway / proxy };
  });
  const largeMemory = results.memory.find((run) => run.workload === "large" && run.system === "gateway");
  const memoryRatio = largeMemory ? largeMemory.peakPerRequestBytes / largeMemory.bodyBytes : Number.NaN;
  const gatewayMemory = results.memory.filter((run) => run.system === "gateway");
  const isolateFailures = gatewayMemory.filter(
    (run) => run.succeeded !== run.inFlight || !run.processAlive || run.failureLogLines.length > 0,
  );
  const forwarded = results.runs.filter((run) => run.system !== "floor");
  const targets: Target[] = [
    {
      name: "Worker CPU for a large request ≤ 1.5× the SHA-256 floor of its bytes (the gateway's own CPU: its workerd's less a bare relay's in the same round, median over interleaved rounds)",
      measured:
        `${fixed(large.ownMs)} ms = ${fixed(largeCpu)}× ${fixed(floor)} ms: SHA-256 ${fixed(large.hashMs)} ms (${fixed(large.hashMs / floor)}×), ` +
        `in-place checks ${fixed(large.checksMs)} ms (${fixed(large.checksMs / floor)}×), the rest ${fixed(large.restMs)} ms (${fixed(large.restMs / floor)}×)`,
      limit: "≤ 1.5×",
      pass: largeCpu <= 1.5,
    },
    {
      name: "small-request throughput ≥ the Node SDK proxy's (c = 1, 8, 32)",
      measured: smallThroughput.map((entry) => `${fixed(entry.ratio)}×`).join(", "),
      limit: "≥ 1×",
      pass: smallThroughput.every((entry) => entry.ratio >= 1),
    },
    {
      name: `peak memory per large request in flight (${largeMemory?.inFlight ?? 8} in flight) ≤ 2× its body`,
      measured: largeMemory
        ? `${fixed(largeMemory.peakPerRequestBytes / MB)} MB = ${fixed(memoryRatio)}× ${fixed(largeMemory.bodyBytes / MB)} MB`
        : "not measured",
      limit: "≤ 2×",
      pass: memoryRatio <= 2,
    },
    {
      name: "no isolate failure with 8 concurrent maximum-size requests (JSON and multipart)",
      measured: gatewayMemory
        .map(
          (run) =>
            `${run.workload}: ${run.succeeded}/${run.inFlight} ok${run.processAlive ? "" : ", workerd died"}`,
        )
        .join("; "),
      limit: "all answered, workerd alive, no error logged",
      pass: gatewayMemory.length > 0 && isolateFailures.length === 0,
    },
    {
      name: "every answer as expected; upstream got the expected bytes with their Content-Length, TC3-signed; no failure logged (an audit row or quota report not written counts)",
      measured: `${forwarded.reduce((sum, run) => sum + run.failures.count, 0)} wrong answers; ${
        forwarded.filter((run) => !run.upstream.sameBytesUpstream || !run.upstream.signedUpstream).length
      } runs with other bytes upstream; ${results.gatewayFailureLines.length} failure lines logged by the gateways`,
      limit: "0; 0; 0",
      pass:
        results.gatewayFailureLines.length === 0 &&
        forwarded.every(
          (run) => run.failures.count === 0 && run.upstream.sameBytesUpstream && run.upstream.signedUpstream,
        ),
    },
  ];
  return { cpuMs, large, targets };
}

export function markdownReport(results: BenchResults, summary: Summary): string {
  const lines: string[] = [];
  const m = results.machine;
  lines.push(
    `Measured ${results.generatedAt.slice(0, 16).replace("T", " ")} UTC on ${m.cores} × ${m.cpu}, ${m.memoryGb} GB, ` +
      `Node ${m.node}, the Worker on the workerd of wrangler 4.86 (Miniflare, no \`wrangler dev\`), all on loopback (run took ${results.durationSeconds} s).`,
    "",
    "Ratios in brackets: **F** = to the floor (the same bytes sent straight to the stub: one loopback transfer, " +
      "one SHA-256 pass), **S** = to the Node SDK proxy. Latency is at concurrency 1: the floor's own, and for the " +
      "others what they add over the stub (their percentile less the floor's median; ×F in floor medians).",
    "",
    "| workload | system | req/s c=1 | req/s c=8 | req/s c=32 | p50 added | p99 added | CPU / request | own CPU / request |",
    "|---|---|---|---|---|---|---|---|---|",
  );
  for (const workload of WORKLOADS) {
    const floorLatency = find(results, workload, "floor", 1);
    for (const system of SYSTEMS) {
      const cells = CONCURRENCY.map((concurrency) => {
        const run = find(results, workload, system, concurrency);
        if (system === "floor") return `${rate(run.throughput)}`;
        return `${rate(run.throughput)} ${ratios(
          run.throughput / find(results, workload, "floor", concurrency).throughput,
          system === "gateway"
            ? run.throughput / find(results, workload, "sdk-proxy", concurrency).throughput
            : undefined,
        )}`;
      });
      const run = find(results, workload, system, 1);
      const proxy = find(results, workload, "sdk-proxy", 1);
      // Added over the stub: the percentile less the floor's median, in floor medians (×F).
      const added = (percentile: "p50Ms" | "p99Ms") => {
        if (system === "floor") return `${ms(floorLatency[percentile])} (the floor)`;
        const value = run[percentile] - floorLatency.p50Ms;
        const proxyAdded = proxy[percentile] - floorLatency.p50Ms;
        return `+${ms(value)} ${ratios(
          value / floorLatency.p50Ms,
          system === "gateway" ? value / proxyAdded : undefined,
        )}`;
      };
      const cpu = summary.cpuMs[workload];
      const cpuCell =
        system === "floor"
          ? `${ms(cpu.floor)} (one SHA-256)`
          : `${ms(cpu[system])} ${ratios(
              cpu[system] / cpu.floor,
              system === "gateway" ? cpu.gateway / cpu["sdk-proxy"] : undefined,
            )}`;
      const ownCell =
        system === "gateway" ? `${ms(cpu.gatewayOwn)} ${ratios(cpu.gatewayOwn / cpu.floor, undefined)}` : "";
      lines.push(
        `| ${system === "floor" ? `${WORKLOAD_TITLES[workload]} (${size(results.bodies[workload])})` : ""} | ${system} | ${cells.join(" | ")} | ${added("p50Ms")} | ${added("p99Ms")} | ${cpuCell} | ${ownCell} |`,
      );
    }
  }

  lines.push(
    "",
    `CPU / request, at concurrency ${CPU_CONCURRENCY}: the whole process (the gateway's workerd, with Miniflare's local KV, D1 and Durable Object ` +
      "simulators in it, which production runs elsewhere; the proxy's Node process), from /proc. " +
      "Own CPU: the gateway's workerd less what a bare relay in the same workerd spends to receive the same bytes " +
      `and send them upstream (${WORKLOADS.map((workload) => `${workload} ${ms(summary.cpuMs[workload].relay)}`).join(", ")}).`,
  );
  const large = results.largeCpu;
  lines.push(
    "",
    `What a large request's CPU is made of (whole workerd, concurrency 1; median of ${large.rounds} interleaved rounds of ${large.requestsPerRound} requests per step):`,
    "",
    "| step | CPU / request | ×F |",
    "|---|---|---|",
    ...(
      [
        ["relay", "bare relay: read the body, send the same bytes upstream"],
        ["read", "read the body only"],
        ["hash", "read + SHA-256"],
        ["bodyWork", "read + SHA-256 + in-place checks (base64, magic bytes)"],
        ["gateway", "the whole gateway (CompareFaceLiveness, Tencent dialect)"],
      ] as const
    ).map(
      ([name, title]) =>
        `| ${title} | ${ms(large.medianMs[name])} | ${fixed(large.medianMs[name] / results.floorCpuMs.large)} |`,
    ),
  );
  lines.push(
    "",
    "What a small request's CPU is made of (whole workerd, concurrency 4; requests that stop at successive steps of its path):",
    "",
    "| step | CPU / request | added by the step |",
    "|---|---|---|",
  );
  results.fixedCost.forEach((step, i) => {
    const before = results.fixedCost[i - 1]?.cpuMsPerRequest;
    const added =
      before === undefined
        ? ""
        : `${step.cpuMsPerRequest >= before ? "+" : ""}${ms(step.cpuMsPerRequest - before)}`;
    lines.push(`| ${step.step} | ${ms(step.cpuMsPerRequest)} | ${added} |`);
  });
  lines.push(
    "",
    `Peak memory with ${results.memory[0]?.inFlight ?? 8} maximum-size requests in flight (the stub holds each answer, so all bodies are in flight at once); ` +
      "growth of the process's resident set over its baseline, per request, as a multiple of the body (the floor holds each body once: 1×):",
    "",
    "| workload | body | gateway workerd | SDK proxy | gateway / SDK |",
    "|---|---|---|---|---|",
  );
  for (const workload of ["large", "multipart"] as const) {
    const gateway = results.memory.find((run) => run.workload === workload && run.system === "gateway");
    const proxy = results.memory.find((run) => run.workload === workload && run.system === "sdk-proxy");
    if (!gateway || !proxy) continue;
    const cell = (run: MemoryRecord) =>
      `${fixed(run.peakPerRequestBytes / MB)} MB (${fixed(run.peakPerRequestBytes / run.bodyBytes)}× body; peak RSS ${fixed(run.peakRssBytes / MB, 0)} MB; ${run.succeeded}/${run.inFlight} ok)`;
    lines.push(
      `| ${workload} | ${size(gateway.bodyBytes)} | ${cell(gateway)} | ${cell(proxy)} | ${fixed(gateway.peakPerRequestBytes / proxy.peakPerRequestBytes)}× |`,
    );
  }

  const q = results.quota;
  lines.push(
    "",
    `The quota as configured (worker/index.ts, Tencent's 20/s per action edge-wide), ${q.action} at concurrency ${q.concurrency} for ${fixed(q.wallMs / 1000, 1)} s: ` +
      `${fixed(q.answeredPerSecond, 1)} answered/s, ${fixed(q.limitedPerSecond, 1)}/s refused with RequestLimitExceeded, ` +
      `busiest second at the stub ${q.busiestUpstreamSecond} calls (limit 20). The throughput figures above lift that cap (bench/worker/gateway-entry.ts) ` +
      "to show the gateway's own cost; the SDK proxy has no cap at all (Tencent would refuse its excess).",
    "",
    "| target | measured | limit | |",
    "|---|---|---|---|",
    ...summary.targets.map(
      (target) =>
        `| ${target.name} | ${target.measured} | ${target.limit} | ${target.pass ? "PASS" : "MISS"} |`,
    ),
  );
  return lines.join("\n");
}

export function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** The median of `minuend[i] - subtrahend[i]`: two steps measured in the same rounds, compared round by round. */
export function pairedMedian(minuend: readonly number[], subtrahend: readonly number[]): number {
  return median(minuend.map((value, round) => value - (subtrahend[round] ?? Number.NaN)));
}

function find(
  results: BenchResults,
  workload: WorkloadName,
  system: SystemName,
  concurrency: number,
): RunRecord {
  const run = results.runs.find(
    (entry) => entry.workload === workload && entry.system === system && entry.concurrency === concurrency,
  );
  if (!run) throw new Error(`no run for ${workload} ${system} c=${concurrency}`);
  return run;
}

function ratios(toFloor: number, toProxy: number | undefined): string {
  return `(${fixed(toFloor)}×F${toProxy === undefined ? "" : `, ${fixed(toProxy)}×S`})`;
}

function rate(value: number): string {
  return value >= 100 ? value.toFixed(0) : value.toFixed(1);
}

function ms(value: number): string {
  return `${value >= 10 ? value.toFixed(1) : value.toFixed(2)} ms`;
}

function size(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${fixed(bytes / MB)} MB` : `${bytes} B`;
}

function fixed(value: number, digits = 2): string {
  return Number.isFinite(value) ? value.toFixed(digits) : "n/a";
}
