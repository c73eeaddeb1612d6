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
  /** One SHA-256 pass over the body (Node's OpenSSL, its thread's CPU time), measured right after this measurement's rounds. */
  floorMs: number;
}

/** The large-request target must hold in every one of this many consecutive measurements, not on average. */
export const LARGE_CPU_RUNS = 5;
export const LARGE_CPU_LIMIT = 1.5;

/**
 * What a small request costs, per request, in interleaved rounds: forwarded by the gateway, by a bare relay in
 * the same workerd, read and answered by the same workerd (the runtime's least for a request), refused by the gateway (wrong signature, unknown SecretId, over quota) and forwarded by the
 * SDK proxy. Over quota's samples are per refused request (what its forwarded requests cost taken out).
 */
export type SmallCpuStep =
  | "forwarded"
  | "relay"
  | "answer"
  | "badSignature"
  | "unknownPartner"
  | "overQuota"
  | "proxy";
export interface SmallCpuRecord {
  rounds: number;
  concurrency: number;
  requestsPerRound: number;
  overQuota: {
    concurrency: number;
    requestsPerRound: number;
    /** Per round: answered after waiting for a slot, and refused with RequestLimitExceeded. */
    rounds: { answered: number; refused: number }[];
    /** Per round: the configured gateway's workerd CPU over all its requests, forwarded and refused. */
    wholeRunMsPerRequest: number[];
  };
  samplesMs: Record<SmallCpuStep, number[]>;
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
  /** The large request's CPU, step by step, in interleaved rounds (see LargeCpuRecord): LARGE_CPU_RUNS consecutive measurements. */
  largeCpu: LargeCpuRecord[];
  /** A small request forwarded or refused, against the SDK proxy (see SmallCpuRecord). */
  smallCpu: SmallCpuRecord;
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
  /**
   * Per measurement, the large request's own CPU (gateway less relay, interleaved medians) and its parts, ms per
   * request, and one SHA-256 pass measured with it.
   */
  large: LargeCpuParts[];
  /** Medians over the rounds, ms per request; own is the forwarded step less the relay, round by round. */
  small: Record<SmallCpuStep | "own", number>;
  targets: Target[];
}

export interface LargeCpuParts {
  ownMs: number;
  hashMs: number;
  checksMs: number;
  restMs: number;
  floorMs: number;
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
const REFUSAL_TITLES: Record<"badSignature" | "unknownPartner" | "overQuota", string> = {
  badSignature: "bad signature",
  unknownPartner: "unknown SecretId",
  overQuota: "over quota",
};

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
  const large = results.largeCpu.map((measurement): LargeCpuParts => {
    const samples = measurement.samplesMs;
    const ownMs = pairedMedian(samples.gateway, samples.relay);
    const hashMs = pairedMedian(samples.hash, samples.read);
    const checksMs = pairedMedian(samples.bodyWork, samples.hash);
    return { ownMs, hashMs, checksMs, restMs: ownMs - hashMs - checksMs, floorMs: measurement.floorMs };
  });
  const largeRatios = large.map((parts) => parts.ownMs / parts.floorMs);
  const smallSamples = results.smallCpu.samplesMs;
  const small = {
    ...(Object.fromEntries(
      Object.entries(smallSamples).map(([step, samples]) => [step, median(samples)]),
    ) as Record<SmallCpuStep, number>),
    own: pairedMedian(smallSamples.forwarded, smallSamples.relay),
  };
  const refusals = (["badSignature", "unknownPartner", "overQuota"] as const).map((step) => ({
    step,
    ms: small[step],
    // What the gateway's code spends on it: its workerd less the runtime's bare answer, round by round, as a
    // forwarded request's own CPU is its workerd less a bare relay.
    ownMs: pairedMedian(smallSamples[step], smallSamples.answer),
  }));
  const smallLatency = find(results, "small", "gateway", 1);
  const proxyLatency = find(results, "small", "sdk-proxy", 1);
  const floorLatency = find(results, "small", "floor", 1);
  const added = (run: RunRecord, percentile: "p50Ms" | "p99Ms") => run[percentile] - floorLatency.p50Ms;
  const largeMemory = results.memory.find((run) => run.workload === "large" && run.system === "gateway");
  const memoryRatio = largeMemory ? largeMemory.peakPerRequestBytes / largeMemory.bodyBytes : Number.NaN;
  const multipartMemory = results.memory.find(
    (run) => run.workload === "multipart" && run.system === "gateway",
  );
  const multipartRatio = multipartMemory
    ? multipartMemory.peakPerRequestBytes / multipartMemory.bodyBytes
    : Number.NaN;
  const gatewayMemory = results.memory.filter((run) => run.system === "gateway");
  const isolateFailures = gatewayMemory.filter(
    (run) => run.succeeded !== run.inFlight || !run.processAlive || run.failureLogLines.length > 0,
  );
  const forwarded = results.runs.filter((run) => run.system !== "floor");
  const targets: Target[] = [
    {
      name: "own CPU per forwarded small request (GetLivenessResult; the gateway's workerd less a bare relay's in the same workerd, round by round) ≤ the SDK proxy's CPU for the same request",
      measured: `${fixed(small.own)} ms against ${fixed(small.proxy)} ms = ${fixed(small.own / small.proxy)}× (whole workerd ${fixed(small.forwarded)} ms, relay ${fixed(small.relay)} ms)`,
      limit: "≤ 1× the proxy's",
      pass: small.own <= small.proxy,
    },
    {
      name: "a refused small request (bad signature, unknown SecretId, over quota) costs the gateway's whole workerd less than a forwarded one",
      measured: `${refusals
        .map(({ step, ms }) => `${REFUSAL_TITLES[step]} ${fixed(ms)} ms (${fixed(ms / small.forwarded)}×)`)
        .join("; ")}; forwarded ${fixed(small.forwarded)} ms`,
      limit: "< 1× each",
      pass: refusals.every(({ ms }) => ms < small.forwarded),
    },
    {
      name: "own CPU of a refused small request (bad signature, unknown SecretId, over quota; the gateway's workerd less the runtime's bare answer in the same workerd, round by round) < the SDK proxy's CPU for the same request (the proxy checks nothing: it signs and forwards it to Tencent, which refuses it; measured forwarding it to the stub)",
      measured: `${refusals
        .map(
          ({ step, ownMs }) => `${REFUSAL_TITLES[step]} ${fixed(ownMs)} ms (${fixed(ownMs / small.proxy)}×)`,
        )
        .join("; ")} against the proxy's ${fixed(small.proxy)} ms (whole workerd: ${refusals
        .map(({ step, ms }) => `${REFUSAL_TITLES[step]} ${fixed(ms)} ms`)
        .join(", ")}; the bare answer ${fixed(small.answer)} ms)`,
      limit: "< 1× each",
      pass: refusals.every(({ ownMs }) => ownMs < small.proxy),
    },
    {
      name: "latency a small request adds at concurrency 1 (over the stub's median) ≤ what the SDK proxy adds: the gateway takes the proxy's place in the path",
      measured: `p50 +${fixed(added(smallLatency, "p50Ms"))} ms against +${fixed(added(proxyLatency, "p50Ms"))} ms (${fixed(added(smallLatency, "p50Ms") / added(proxyLatency, "p50Ms"))}×); p99 +${fixed(added(smallLatency, "p99Ms"))} ms against +${fixed(added(proxyLatency, "p99Ms"))} ms`,
      limit: "p50 ≤ 1× the proxy's (p99 reported)",
      pass: added(smallLatency, "p50Ms") <= added(proxyLatency, "p50Ms"),
    },
    {
      name: `own CPU for a large request (CompareFaceLiveness JSON, Tencent dialect; the gateway's workerd less a bare relay's in the same round, median over interleaved rounds) ≤ ${LARGE_CPU_LIMIT}× one SHA-256 pass of its bytes, in each of ${LARGE_CPU_RUNS} consecutive measurements`,
      measured: large
        .map(
          (parts, i) =>
            `${i + 1}: ${fixed(largeRatios[i] as number)}× (${fixed(parts.ownMs)} ms / ${fixed(parts.floorMs)} ms)`,
        )
        .join("; "),
      limit: `≤ ${LARGE_CPU_LIMIT}× in all ${LARGE_CPU_RUNS}`,
      pass: large.length === LARGE_CPU_RUNS && largeRatios.every((ratio) => ratio <= LARGE_CPU_LIMIT),
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
      name: `peak memory per multipart upload in flight (${multipartMemory?.inFlight ?? 8} in flight) ≤ 2× its body (the Tencent body it becomes, base64, is never held whole)`,
      measured: multipartMemory
        ? `${fixed(multipartMemory.peakPerRequestBytes / MB)} MB = ${fixed(multipartRatio)}× ${fixed(multipartMemory.bodyBytes / MB)} MB`
        : "not measured",
      limit: "≤ 2×",
      pass: multipartRatio <= 2,
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
  return { cpuMs, large, small, targets };
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
  const small = results.smallCpu;
  const quota = small.overQuota;
  const stepRows: [SmallCpuStep | "own", string][] = [
    ["forwarded", "gateway: forwarded (the small workload), whole workerd"],
    ["relay", "bare relay in the same workerd: the same bytes received, sent upstream, answered"],
    ["own", "gateway's own CPU: forwarded less relay, round by round"],
    [
      "answer",
      "bare answer in the same workerd: the body read and answered, nothing else (the least a refusal costs the runtime)",
    ],
    ["badSignature", "gateway: refused, bad signature (AuthFailure.SignatureFailure), whole workerd"],
    ["unknownPartner", "gateway: refused, unknown SecretId (AuthFailure.SecretIdNotFound), whole workerd"],
    ["overQuota", "gateway as configured: refused over quota (RequestLimitExceeded), whole workerd"],
    [
      "proxy",
      "SDK proxy: the same request signed and forwarded to the stub (what it does with each of the above)",
    ],
  ];
  lines.push(
    "",
    `What a small request costs, forwarded or refused (GetLivenessResult, ${size(results.bodies.small)}; concurrency ${small.concurrency}, median of ${small.rounds} interleaved rounds of ${small.requestsPerRound} requests per step):`,
    "",
    "| request | CPU / request | × forwarded | × SDK proxy |",
    "|---|---|---|---|",
    ...stepRows.map(
      ([step, title]) =>
        `| ${title} | ${ms(summary.small[step])} | ${fixed(summary.small[step] / summary.small.forwarded)} | ${fixed(summary.small[step] / summary.small.proxy)} |`,
    ),
    "",
    `Over quota: ${quota.concurrency} callers at once against Tencent's 20/s for GetLivenessResult, ${quota.requestsPerRound} requests a round; per round ` +
      `${quota.rounds.map((round) => `${round.refused} refused, ${round.answered} answered`).join("; ")}. ` +
      "The answered ones waited for a slot and were forwarded: each is taken out at the forwarded step's cost of the same round " +
      `(the whole run's CPU per request, refused and answered together: ${quota.wholeRunMsPerRequest.map((value) => fixed(value)).join(", ")} ms).`,
  );
  const largeSteps = [
    ["relay", "bare relay: read the body, send the same bytes upstream"],
    ["read", "read the body only"],
    ["hash", "read + SHA-256"],
    ["bodyWork", "read + SHA-256 + in-place checks (base64, magic bytes)"],
    ["gateway", "the whole gateway (CompareFaceLiveness, Tencent dialect)"],
  ] as const;
  const first = results.largeCpu[0];
  lines.push(
    "",
    `The large request's own CPU in ${results.largeCpu.length} consecutive measurements (each its own ${first?.rounds ?? 0} interleaved rounds of ${first?.requestsPerRound ?? 0} requests per step, concurrency 1; ` +
      "F = one SHA-256 pass of the body with Node's OpenSSL, its thread's CPU time, measured right after each measurement's rounds):",
    "",
    `| measurement | own CPU | F | own / F | SHA-256 | in-place checks | the rest | ≤ ${LARGE_CPU_LIMIT}× |`,
    "|---|---|---|---|---|---|---|---|",
    ...summary.large.map(
      (parts, i) =>
        `| ${i + 1} | ${ms(parts.ownMs)} | ${ms(parts.floorMs)} | ${fixed(parts.ownMs / parts.floorMs)}× | ${ms(parts.hashMs)} (${fixed(parts.hashMs / parts.floorMs)}×) | ${ms(parts.checksMs)} (${fixed(parts.checksMs / parts.floorMs)}×) | ${ms(parts.restMs)} (${fixed(parts.restMs / parts.floorMs)}×) | ${parts.ownMs / parts.floorMs <= LARGE_CPU_LIMIT ? "yes" : "no"} |`,
    ),
    "",
    "What a large request's CPU is made of (whole workerd; per step, the median of its medians over the measurements, and ×F in each measurement's F):",
    "",
    "| step | CPU / request | ×F |",
    "|---|---|---|",
    ...largeSteps.map(([name, title]) => {
      const values = results.largeCpu.map((measurement) => measurement.medianMs[name]);
      const ratios = results.largeCpu.map((measurement) => measurement.medianMs[name] / measurement.floorMs);
      return `| ${title} | ${ms(median(values))} | ${fixed(median(ratios))} |`;
    }),
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
      "to show the gateway's own cost; the SDK proxy has no cap at all (Tencent would refuse its excess). " +
      "Throughput is information, not a target: Tencent takes 20 requests a second per action, so what each request costs and adds counts, not how many the gateway could pass.",
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
