/**
 * `npm run bench`: the gateway under workerd, the partner's usual alternative (a Node backend on Tencent's
 * official SDK) and the physical floor, side by side in one run on loopback, against one FaceID stub.
 * Prints a markdown table and writes bench/results/latest.json. Every run is a fixed number of requests.
 *
 * Systems (all send to the same stub, which reads and SHA-256-hashes every body it receives):
 * - floor: the client sends the bytes straight to the stub: one loopback transfer and one SHA-256 pass, the
 *   least any hop in between could add;
 * - gateway: the deployable bundle on workerd with its local bindings, as bench/gateway-runtime.ts runs it
 *   (no `wrangler dev` proxy, entry Worker or inspector, which production has none of); Tencent dialect for
 *   small and large, REST multipart for the upload. It runs from bench/worker/gateway-entry.ts, which keeps the
 *   quota Durable Object in the path but lifts its 20/s limit; the cap itself is measured as configured,
 *   against worker/index.ts;
 * - sdk-proxy: bench/sdk-proxy.ts, a plain Node HTTP server calling the official intl SDK.
 * CPU is read from /proc for the gateway's workerd and the proxy's Node process. "Gateway's own CPU"
 * subtracts what a bare relay in the same workerd spends to receive the same bytes and send them upstream.
 * The targets are per request: the gateway's own CPU for a forwarded small request (its workerd less a bare
 * relay's) and for a refused one (bad signature, unknown SecretId, over quota: its workerd less the runtime's
 * bare answer), each against the SDK proxy's CPU for the
 * same request; the latency added at concurrency 1; and the large request's own CPU against one SHA-256 pass,
 * in each of LARGE_CPU_RUNS consecutive measurements. Throughput is reported, not a target: Tencent takes 20
 * requests a second per action, so what the gateway adds per request matters, not how many it could pass.
 * Peak memory is measured first, on processes that have not served a large request yet.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { sandboxCredentials } from "../scripts/local-stack.mjs";
import { busiestWindow } from "../test/support/busiest-window";
import { partnerHeaders } from "../test/support/partner-signature";
import { BENCH_ROUTES } from "./bench-routes";
import { type GatewayRuntime, startGatewayRuntime } from "./gateway-runtime";
import { type Answer, type LoadOptions, type LoadRequest, type LoadResult, runLoad, send } from "./load";
import {
  largeBody,
  MULTIPART_BOUNDARY,
  multipartBody,
  paddedJpeg,
  paddedMp4,
  SMALL_SDK_TOKEN,
  smallBody,
} from "./payloads";
import { cpuTimeMs, memory, resetPeakMemory } from "./processes";
import {
  type BenchResults,
  CPU_CONCURRENCY,
  type CpuRecord,
  LARGE_CPU_RUNS,
  type LargeCpuRecord,
  type LargeCpuStep,
  type MemoryRecord,
  markdownReport,
  median,
  type QuotaRecord,
  type RunRecord,
  type SmallCpuRecord,
  type SmallCpuStep,
  type SystemName,
  summarise,
  WORKLOADS,
  type WorkloadName,
} from "./report";
import { type NodeService, startNodeService } from "./systems";

const CONCURRENCY = [1, 8, 32] as const;
const REQUESTS: Record<WorkloadName, Record<(typeof CONCURRENCY)[number], number>> = {
  small: { 1: 400, 8: 1500, 32: 2000 },
  large: { 1: 30, 8: 32, 32: 64 },
  multipart: { 1: 30, 8: 32, 32: 64 },
};
const RELAY_REQUESTS: Record<WorkloadName, number> = { small: 1500, large: 48, multipart: 48 };
const WARMUP: Record<WorkloadName, number> = { small: 300, large: 6, multipart: 6 };
const IN_FLIGHT = 8;
const SYSTEMS: readonly SystemName[] = ["floor", "gateway", "sdk-proxy"];
const ACTION: Record<WorkloadName, string> = {
  small: "GetLivenessResult",
  large: "CompareFaceLiveness",
  multipart: "CompareFaceLiveness",
};
/** A header of TC3's shape for requests that reach the stub unsigned (it checks the shape, not the signature). */
const UNSIGNED_AUTHORIZATION = `TC3-HMAC-SHA256 Credential=AKIDbench/2026-01-01/faceid/tc3_request, SignedHeaders=content-type;host, Signature=${"0".repeat(64)}`;
/** Any sign of an isolate failure in what workerd prints. */
/** What a gateway must never print: a runtime failure, or a write it could not make (audit row, quota report). */
const FAILURE =
  /exceeded|uncaught|fatal|out of memory|internal error|request context|different request|not written|not delivered/i;

const started = Date.now();
const log = (message: string) =>
  process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(0)}s] ${message}\n`);

const bodies: Record<WorkloadName, Buffer> = {
  small: smallBody(),
  large: largeBody(),
  multipart: multipartBody(),
};
/** What the stub must receive for each workload: the same bytes (Tencent dialect) or their Tencent JSON form. */
const upstreamBodyHash: Record<WorkloadName, string> = {
  small: sha256(bodies.small),
  large: sha256(bodies.large),
  multipart: sha256(
    `{"ImageBase64":"${paddedJpeg(1_000_000).toString("base64")}","VideoBase64":"${paddedMp4((8 * 1024 * 1024 * 3) / 4).toString("base64")}","LivenessType":"SILENT"}`,
  ),
};
const floorCpuMs = Object.fromEntries(WORKLOADS.map((name) => [name, sha256CpuMs(bodies[name])])) as Record<
  WorkloadName,
  number
>;

/** One gateway as the benchmark drives it: its workerd, its partner, what it printed of failures. */
interface Gateway {
  runtime: GatewayRuntime;
  partner: { partnerId: string; secretId: string; secretKey: string };
  agentKey: string;
  /** Every failure line it printed over the whole run, in order. */
  failureLines: string[];
}

const services: NodeService[] = [];
const gateways: Gateway[] = [];

try {
  log("starting the FaceID stub, three SDK proxies and two gateways");
  const stub = await startNodeService("bench/stub-process.ts");
  services.push(stub);
  const credentials = sandboxCredentials();
  const proxyApiKey = randomBytes(24).toString("base64url");
  const proxyEnv = {
    STUB_URL: stub.url,
    PROXY_API_KEY: proxyApiKey,
    TENCENT_SECRET_ID: credentials.secretId,
    TENCENT_SECRET_KEY: credentials.secretKey,
  };
  const [proxy, largeMemoryProxy, multipartMemoryProxy] = await Promise.all([
    startNodeService("bench/sdk-proxy.ts", proxyEnv),
    startNodeService("bench/sdk-proxy.ts", proxyEnv),
    startNodeService("bench/sdk-proxy.ts", proxyEnv),
  ]);
  services.push(proxy, largeMemoryProxy, multipartMemoryProxy);
  // One after the other: each is told apart as the workerd that its start added.
  const lifted = await startGateway("bench/worker/gateway-entry.ts", stub.url);
  gateways.push(lifted);
  const configured = await startGateway("worker/index.ts", stub.url);
  gateways.push(configured);

  const stubControl = (path: string, body?: unknown) =>
    send(new URL(stub.url), undefined, {
      method: path === "/__stub/stats" ? "GET" : "POST",
      path,
      headers: { "Content-Type": "application/json" },
      ...(body === undefined ? {} : { body: Buffer.from(JSON.stringify(body)) }),
    });
  const stubCalls = async () =>
    (
      JSON.parse((await stubControl("/__stub/stats")).body.toString()) as {
        calls: {
          action: string;
          arrivedAt: number;
          sha256: string;
          bytes: number;
          contentLength?: number;
          authorizationShaped: boolean;
        }[];
      }
    ).calls;

  /** The request maker of one system for one workload, prepared (signed, sessions minted) for `count` requests. */
  const prepare = async (
    system: SystemName | "relay",
    workload: WorkloadName,
    count: number,
    gateway: Gateway = lifted,
  ): Promise<(index: number) => LoadRequest> => {
    const body = bodies[workload];
    const contentType =
      workload === "multipart" ? `multipart/form-data; boundary=${MULTIPART_BOUNDARY}` : "application/json";
    const unsigned = {
      "Content-Type": contentType,
      "X-TC-Action": ACTION[workload],
      Authorization: UNSIGNED_AUTHORIZATION,
    };
    switch (system) {
      case "floor":
        return () => ({ method: "POST", path: "/", headers: unsigned, body });
      case "relay":
        return () => ({ method: "POST", path: BENCH_ROUTES.relay, headers: unsigned, body });
      case "sdk-proxy": {
        const headers = { Authorization: `Bearer ${proxyApiKey}`, "Content-Type": contentType };
        const path = workload === "multipart" ? "/compare" : `/tencent/${ACTION[workload]}`;
        return () => ({ method: "POST", path, headers, body });
      }
      case "gateway": {
        const { url } = gateway.runtime;
        if (workload === "multipart") {
          const tokens = await sessions(url, gateway.agentKey, Math.ceil(count / 10));
          return (index) => ({
            method: "POST",
            path: "/v1/liveness/compare",
            headers: {
              Authorization: `Bearer ${tokens[Math.floor(index / 10)]}`,
              "Content-Type": contentType,
            },
            body,
          });
        }
        const headers = await signedHeaders(gateway.partner, ACTION[workload], body);
        return () => ({ method: "POST", path: "/", headers, body });
      }
    }
  };
  const processOf = (system: SystemName | "relay"): Target => {
    if (system === "floor") return stub;
    if (system === "sdk-proxy") return proxy;
    return lifted.runtime;
  };

  /** One bounded run. */
  const measured = async (
    system: SystemName | "relay",
    workload: WorkloadName,
    concurrency: number,
    requests: number,
  ): Promise<RunRecord> => {
    const next = await prepare(system, workload, requests);
    await stubControl("/__stub/reset");
    const { result, cpuMsPerRequest } = await cpuPerRequest(processOf(system), next, {
      requests,
      concurrency,
      check: checker(system === "relay" ? "floor" : system, workload),
    });
    const forwarded = (await stubCalls()).filter((call) => call.action === ACTION[workload]);
    const run: RunRecord = {
      workload,
      system,
      concurrency,
      requests: result.requests,
      wallMs: result.wallMs,
      throughput: result.throughput,
      p50Ms: at(result.latenciesMs, 0.5),
      p99Ms: at(result.latenciesMs, 0.99),
      cpuMsPerRequest,
      statuses: result.statuses,
      failures: result.failures,
      upstream: {
        upstreamCalls: forwarded.length,
        sameBytesUpstream:
          system === "relay" ||
          forwarded.every(
            (call) => call.sha256 === upstreamBodyHash[workload] && call.contentLength === call.bytes,
          ),
        signedUpstream: system === "floor" || forwarded.every((call) => call.authorizationShaped),
      },
    };
    log(
      `${workload} ${system} c=${concurrency}: ${run.throughput.toFixed(1)}/s p50 ${run.p50Ms.toFixed(2)} ms, ` +
        `CPU ${run.cpuMsPerRequest.toFixed(2)} ms/request` +
        (run.failures.count ? `; ${run.failures.count} WRONG: ${run.failures.examples[0]}` : ""),
    );
    return run;
  };

  log(
    `peak memory with ${IN_FLIGHT} maximum-size requests in flight, on processes fresh from a small warm-up`,
  );
  for (const gateway of gateways) {
    const next = await prepare("gateway", "small", 50, gateway);
    await runLoad(gateway.runtime.url, next, {
      requests: 50,
      concurrency: 4,
      check: () => undefined,
    });
  }
  for (const service of [largeMemoryProxy, multipartMemoryProxy]) {
    const next = await prepare("sdk-proxy", "small", 50);
    await runLoad(service.url, next, { requests: 50, concurrency: 4, check: () => undefined });
  }
  await stubControl("/__stub/fault", { action: "CompareFaceLiveness", fault: { kind: "delay", ms: 1500 } });
  const memoryRuns: MemoryRecord[] = [
    await peakInFlight("large", "gateway", lifted),
    await peakInFlight("multipart", "gateway", configured),
    await peakInFlight("large", "sdk-proxy", undefined, largeMemoryProxy),
    await peakInFlight("multipart", "sdk-proxy", undefined, multipartMemoryProxy),
  ];
  await stubControl("/__stub/reset");

  const runs: RunRecord[] = [];
  for (const workload of WORKLOADS) {
    for (const system of SYSTEMS) {
      const warm = await prepare(system, workload, WARMUP[workload]);
      await runLoad(processOf(system).url, warm, {
        requests: WARMUP[workload],
        concurrency: 4,
        check: () => undefined,
      });
    }
    for (const concurrency of CONCURRENCY) {
      for (const system of SYSTEMS) {
        runs.push(await measured(system, workload, concurrency, REQUESTS[workload][concurrency]));
      }
    }
  }

  log("what the runtime spends moving the same bytes through a bare relay in the gateway's workerd");
  const relayCpu: CpuRecord[] = [];
  for (const workload of WORKLOADS) {
    const run = await measured("relay", workload, CPU_CONCURRENCY, RELAY_REQUESTS[workload]);
    relayCpu.push({ workload, requests: run.requests, cpuMsPerRequest: run.cpuMsPerRequest });
  }
  const largeCpu: LargeCpuRecord[] = [];
  for (let run = 1; run <= LARGE_CPU_RUNS; run++) {
    log(
      `large request's CPU, measurement ${run} of ${LARGE_CPU_RUNS}: relay, read, + SHA-256, + in-place checks, whole gateway`,
    );
    largeCpu.push(await largeCpuSteps(lifted));
  }

  log(
    "what a small request costs, forwarded or refused (bad signature, unknown SecretId, over quota), against the SDK proxy",
  );
  const smallCpu = await smallCpuSteps(lifted, configured, proxy, prepare);

  log("what a small request's CPU is made of: the same workerd, one step more at a time");
  const steps = await fixedCostSteps(lifted);
  const idleCpuMsPerSecond = await idleRate(lifted.runtime.pid);

  log("the quota as configured (worker/index.ts): GetLivenessResult at concurrency 32 for 3 s");
  const quota = await quotaAsConfigured(configured, stubControl, stubCalls);

  const results: BenchResults = {
    generatedAt: new Date().toISOString(),
    machine: {
      cpu: os.cpus()[0]?.model ?? "unknown",
      cores: os.cpus().length,
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
    },
    bodies: Object.fromEntries(WORKLOADS.map((name) => [name, bodies[name].length])) as Record<
      WorkloadName,
      number
    >,
    floorCpuMs,
    idleCpuMsPerSecond,
    runs,
    relayCpu,
    fixedCost: steps,
    largeCpu,
    smallCpu,
    memory: memoryRuns,
    quota,
    gatewayFailureLines: gateways.flatMap((gateway) => gateway.failureLines),
    durationSeconds: Math.round((Date.now() - started) / 1000),
  };
  const summary = summarise(results);
  mkdirSync(new URL("results/", import.meta.url), { recursive: true });
  writeFileSync(
    new URL("results/latest.json", import.meta.url),
    `${JSON.stringify({ ...results, summary }, null, 2)}\n`,
  );
  process.stdout.write(`${markdownReport(results, summary)}\n`);
  log("wrote bench/results/latest.json");

  async function peakInFlight(
    workload: WorkloadName,
    system: SystemName,
    gateway?: Gateway,
    service?: NodeService,
  ): Promise<MemoryRecord> {
    const next =
      system === "gateway"
        ? await prepare("gateway", workload, IN_FLIGHT, gateway)
        : await prepare("sdk-proxy", workload, IN_FLIGHT);
    const { pid, url } = gateway?.runtime ?? service ?? { pid: 0, url: "" };
    const failuresBefore = gateway?.failureLines.length ?? 0;
    await sleep(500);
    resetPeakMemory(pid);
    const baseline = memory(pid).rssBytes;
    let sampled = baseline;
    const sampler = setInterval(() => {
      sampled = Math.max(sampled, memory(pid).rssBytes);
    }, 20);
    const result = await runLoad(url, next, {
      requests: IN_FLIGHT,
      concurrency: IN_FLIGHT,
      check: checker(system, workload),
    });
    clearInterval(sampler);
    const peak = Math.max(sampled, memory(pid).peakRssBytes);
    const record: MemoryRecord = {
      workload,
      system,
      inFlight: IN_FLIGHT,
      bodyBytes: bodies[workload].length,
      baselineRssBytes: baseline,
      peakRssBytes: peak,
      peakPerRequestBytes: (peak - baseline) / IN_FLIGHT,
      succeeded: result.requests - result.failures.count,
      failures: result.failures,
      processAlive: alive(pid),
      failureLogLines: gateway?.failureLines.slice(failuresBefore) ?? [],
    };
    log(
      `${workload} ${system}: peak RSS ${(peak / 2 ** 20).toFixed(0)} MB, ` +
        `${(record.peakPerRequestBytes / 2 ** 20).toFixed(1)} MB per request in flight, ${record.succeeded}/${IN_FLIGHT} ok`,
    );
    return record;
  }
} finally {
  await Promise.all([
    ...gateways.map((gateway) => gateway.runtime.stop()),
    ...services.map((service) => service.stop()),
  ]);
}

/**
 * CPU per request of requests that stop at successive steps of the large request's path, in interleaved
 * rounds (a shared machine's other load then falls on every step alike), at concurrency 1; medians.
 */
async function largeCpuSteps(gateway: Gateway): Promise<LargeCpuRecord> {
  const rounds = 9;
  const requestsPerRound = 10;
  const body = bodies.large;
  const signed = await signedHeaders(gateway.partner, "CompareFaceLiveness", body);
  const steps: Record<LargeCpuStep, LoadRequest> = {
    relay: {
      method: "POST",
      path: BENCH_ROUTES.relay,
      headers: { "Content-Type": "application/json", Authorization: UNSIGNED_AUTHORIZATION },
      body,
    },
    read: { method: "POST", path: BENCH_ROUTES.read, headers: {}, body },
    hash: { method: "POST", path: BENCH_ROUTES.hash, headers: {}, body },
    bodyWork: { method: "POST", path: BENCH_ROUTES.bodyWork, headers: {}, body },
    gateway: { method: "POST", path: "/", headers: signed, body },
  };
  const check = (answer: Answer) =>
    answer.status === 200 && !answer.body.includes('"valid":false') && !answer.body.includes('"Error"')
      ? undefined
      : answer.body.toString().slice(0, 200);
  const samplesMs = await interleavedRounds(
    (Object.entries(steps) as [LargeCpuStep, LoadRequest][]).map(([step, request]) => ({
      step,
      target: gateway.runtime,
      next: () => request,
      requests: requestsPerRound,
      concurrency: 1,
      check,
    })),
    rounds,
  );
  const medianMs = Object.fromEntries(
    Object.entries(samplesMs).map(([step, samples]) => [step, median(samples)]),
  ) as Record<LargeCpuStep, number>;
  // The floor again, right after the rounds: the machine's load drifts over a run, and the ratio should
  // compare the gateway with a SHA-256 pass taken under the same load.
  const floorMs = sha256CpuMs(body);
  log(
    `${Object.entries(medianMs)
      .map(([step, value]) => `${step} ${value.toFixed(2)} ms`)
      .join(", ")}; one SHA-256 pass ${floorMs.toFixed(2)} ms`,
  );
  return { rounds, requestsPerRound, samplesMs, medianMs, floorMs };
}

/** One step of interleaved rounds: where its requests go, and how many at once. */
interface RoundStep<Step extends string> {
  step: Step;
  target: Target;
  next: (index: number) => LoadRequest;
  requests: number;
  concurrency: number;
  check: (answer: Answer) => string | undefined;
  /** Called with each round's result, for steps that count their answers by kind. */
  onRound?: (result: LoadResult, cpuMsPerRequest: number) => void;
}

/**
 * CPU per request of each step, measured in rounds: every other round in reverse, so no step is always
 * measured first or last in a round (the machine's load drifts within a run).
 */
async function interleavedRounds<Step extends string>(
  steps: RoundStep<Step>[],
  rounds: number,
): Promise<Record<Step, number[]>> {
  const samplesMs = Object.fromEntries(steps.map(({ step }) => [step, [] as number[]])) as Record<
    Step,
    number[]
  >;
  for (let round = 0; round < rounds; round++) {
    for (const step of round % 2 === 0 ? steps : [...steps].reverse()) {
      const { result, cpuMsPerRequest } = await cpuPerRequest(step.target, step.next, {
        requests: step.requests,
        concurrency: step.concurrency,
        check: step.check,
      });
      if (result.failures.count > 0) throw new Error(`${step.step}: ${result.failures.examples[0]}`);
      samplesMs[step.step].push(cpuMsPerRequest);
      step.onRound?.(result, cpuMsPerRequest);
    }
  }
  return samplesMs;
}

/**
 * What a small request costs, in interleaved rounds at concurrency CPU_CONCURRENCY: the gateway forwarding it
 * and a bare relay in the same workerd (the gateway's own CPU is the difference, round by round); the same
 * workerd reading the body and answering, nothing else (the least any refusal costs the runtime); the gateway
 * refusing it for a wrong signature and for an unknown SecretId (a refusal relays nothing: its own CPU is its
 * workerd less the bare answer's);
 * the SDK proxy forwarding it to the stub, which is what the proxy does with each of these requests, having no
 * checks of its own (Tencent would refuse them: the proxy's cost is the same forward). Over quota is measured
 * on the gateway as configured (worker/index.ts, Tencent's 20/s), kept over its limit by more callers than its
 * queue holds: most are refused at once, a few wait and are forwarded, and their cost (the forwarded step's
 * of the same round) is taken out, leaving the CPU per refused request.
 */
async function smallCpuSteps(
  lifted: Gateway,
  configured: Gateway,
  proxy: Target,
  prepare: (
    system: "relay" | "sdk-proxy",
    workload: "small",
    count: number,
  ) => Promise<(index: number) => LoadRequest>,
): Promise<SmallCpuRecord> {
  const rounds = 7;
  const requests = 600;
  const overQuotaRequests = 1200;
  const overQuotaConcurrency = 48;
  const body = bodies.small;
  const signed = await signedHeaders(lifted.partner, "GetLivenessResult", body);
  const configuredSigned = await signedHeaders(configured.partner, "GetLivenessResult", body);
  const unknownId = signed.Authorization.replace(lifted.partner.secretId, "AKIDunknownBench0000000000000000");
  const wrongSignature = signed.Authorization.replace(/Signature=\w{8}/, "Signature=00000000");
  const refusedWith =
    (code: string) =>
    (answer: Answer): string | undefined =>
      (tencentResponse(answer)?.Error as { Code?: string } | undefined)?.Code === code
        ? undefined
        : `expected ${code}: ${answer.status} ${answer.body.toString().slice(0, 200)}`;
  const gatewayRequest = (headers: Record<string, string>) => () => ({
    method: "POST" as const,
    path: "/",
    headers,
    body,
  });
  const overQuotaCounts: { answered: number; refused: number }[] = [];
  let answered = 0;
  let refused = 0;
  const steps: RoundStep<SmallCpuStep>[] = [
    {
      step: "forwarded",
      target: lifted.runtime,
      next: gatewayRequest(signed),
      requests,
      concurrency: CPU_CONCURRENCY,
      check: checker("gateway", "small"),
    },
    {
      step: "relay",
      target: lifted.runtime,
      next: await prepare("relay", "small", requests),
      requests,
      concurrency: CPU_CONCURRENCY,
      check: checker("floor", "small"),
    },
    {
      step: "answer",
      target: lifted.runtime,
      next: () => ({ method: "POST", path: BENCH_ROUTES.read, headers: {}, body }),
      requests,
      concurrency: CPU_CONCURRENCY,
      check: (answer) => (answer.status === 200 ? undefined : `${answer.status} ${answer.body.toString()}`),
    },
    {
      step: "badSignature",
      target: lifted.runtime,
      next: gatewayRequest({ ...signed, Authorization: wrongSignature }),
      requests,
      concurrency: CPU_CONCURRENCY,
      check: refusedWith("AuthFailure.SignatureFailure"),
    },
    {
      step: "unknownPartner",
      target: lifted.runtime,
      next: gatewayRequest({ ...signed, Authorization: unknownId }),
      requests,
      concurrency: CPU_CONCURRENCY,
      check: refusedWith("AuthFailure.SecretIdNotFound"),
    },
    {
      step: "overQuota",
      target: configured.runtime,
      next: gatewayRequest(configuredSigned),
      requests: overQuotaRequests,
      concurrency: overQuotaConcurrency,
      check: (answer) => {
        const response = tencentResponse(answer);
        if (response?.Result === "0") answered++;
        else if ((response?.Error as { Code?: string } | undefined)?.Code === "RequestLimitExceeded")
          refused++;
        else return `unexpected: ${answer.status} ${answer.body.toString().slice(0, 200)}`;
        return undefined;
      },
      onRound: () => {
        overQuotaCounts.push({ answered, refused });
        answered = 0;
        refused = 0;
      },
    },
    {
      step: "proxy",
      target: proxy,
      next: await prepare("sdk-proxy", "small", requests),
      requests,
      concurrency: CPU_CONCURRENCY,
      check: checker("sdk-proxy", "small"),
    },
  ];
  for (const step of steps) {
    await runLoad(step.target.url, step.next, { requests: 100, concurrency: 4, check: () => undefined });
  }
  await sleep(1500);
  const samplesMs = await interleavedRounds(steps, rounds);
  // A round's over-quota CPU, less what its forwarded requests cost (the forwarded step of the same round),
  // per refused request.
  const refusedMs = samplesMs.overQuota.map((cpuMsPerRequest, round) => {
    const counts = overQuotaCounts[round] ?? { answered: 0, refused: 0 };
    const total = cpuMsPerRequest * (counts.answered + counts.refused);
    return (total - counts.answered * (samplesMs.forwarded[round] ?? 0)) / counts.refused;
  });
  const record: SmallCpuRecord = {
    rounds,
    concurrency: CPU_CONCURRENCY,
    requestsPerRound: requests,
    overQuota: {
      concurrency: overQuotaConcurrency,
      requestsPerRound: overQuotaRequests,
      rounds: overQuotaCounts,
      wholeRunMsPerRequest: samplesMs.overQuota,
    },
    samplesMs: { ...samplesMs, overQuota: refusedMs },
  };
  log(
    (Object.keys(record.samplesMs) as SmallCpuStep[])
      .map((step) => `${step} ${median(record.samplesMs[step]).toFixed(2)} ms`)
      .join(", "),
  );
  return record;
}

/**
 * CPU per request of requests that stop at successive steps of the small request's path, so each step's cost
 * is the difference to the one before (the local KV, D1 and Durable Object simulators run in this workerd).
 */
async function fixedCostSteps(gateway: Gateway): Promise<CpuRecord[]> {
  const body = bodies.small;
  const signed = await signedHeaders(gateway.partner, "GetLivenessResult", body);
  const unknownId = signed.Authorization.replace(
    gateway.partner.secretId,
    "AKIDunknownBench0000000000000000",
  );
  const wrongSignature = signed.Authorization.replace(/Signature=\w{8}/, "Signature=00000000");
  const steps: [string, LoadRequest][] = [
    ["GET /healthz: routing, request id, access log", { method: "GET", path: "/healthz", headers: {} }],
    ["+ an audited route: the audit row in D1 (404)", { method: "GET", path: "/v1/nothing", headers: {} }],
    [
      "+ body read and hashed, partner looked up in KV (unknown SecretId)",
      { method: "POST", path: "/", headers: { ...signed, Authorization: unknownId }, body },
    ],
    [
      "+ partner key derived, signature checked (wrong signature)",
      { method: "POST", path: "/", headers: { ...signed, Authorization: wrongSignature }, body },
    ],
    [
      "+ validation, the SdkToken's owner, quota object, re-signing, FaceID call (the small workload)",
      { method: "POST", path: "/", headers: signed, body },
    ],
  ];
  const records: CpuRecord[] = [];
  for (const [step, request] of steps) {
    await runLoad(gateway.runtime.url, () => request, {
      requests: 50,
      concurrency: 4,
      check: () => undefined,
    });
    const { result, cpuMsPerRequest } = await cpuPerRequest(gateway.runtime, () => request, {
      requests: 600,
      concurrency: 4,
      check: () => undefined,
    });
    records.push({ workload: "small", step, requests: result.requests, cpuMsPerRequest });
    log(`${step}: ${(records.at(-1) as CpuRecord).cpuMsPerRequest.toFixed(2)} ms/request`);
  }
  return records;
}

async function startGateway(entry: string, stubUrl: string): Promise<Gateway> {
  const failureLines: string[] = [];
  const credentials = sandboxCredentials();
  const runtime = await startGatewayRuntime({
    entry,
    vars: {
      TENCENT_ENDPOINT: stubUrl,
      TENCENT_SECRET_ID: credentials.secretId,
      TENCENT_SECRET_KEY: credentials.secretKey,
    },
    onOutput: (line) => {
      if (FAILURE.test(line)) failureLines.push(line.trim().slice(0, 300));
    },
  });
  const partner = await runtime.createPartner("Bench Partner");
  const agentKey = await runtime.createAgentKey(partner.partnerId, "Bench Agent");
  await obtainSmallSdkToken(runtime.url, partner);
  return { runtime, partner, agentKey, failureLines };
}

/**
 * The partner obtains the small workload's SdkToken as a backend does, with ApplyLivenessToken through the
 * gateway, which records it as the partner's: the gateway lets a read through to FaceID only for a token the
 * calling partner obtained through it (another is refused locally, which the small workload must not measure).
 * The bench's stub hands out SMALL_SDK_TOKEN (bench/stub-process.ts), so every system reads by the same bytes.
 */
async function obtainSmallSdkToken(url: string, partner: { secretId: string; secretKey: string }) {
  const body = Buffer.from(JSON.stringify({ SecureLevel: "1" }));
  const headers = await signedHeaders(partner, "ApplyLivenessToken", body);
  const answer = await send(new URL(url), undefined, { method: "POST", path: "/", headers, body });
  if (tencentResponse(answer)?.SdkToken !== SMALL_SDK_TOKEN) {
    throw new Error(
      `ApplyLivenessToken through the gateway: ${answer.status} ${answer.body.toString().slice(0, 200)}`,
    );
  }
}

/** A process under load: its pid, whose CPU counts, and the URL that reaches it. */
interface Target {
  pid: number;
  url: string;
}

/** One bounded load run, and the CPU the target's process spent per request over it. */
async function cpuPerRequest(
  target: Target,
  next: (index: number) => LoadRequest,
  options: LoadOptions,
): Promise<{ result: LoadResult; cpuMsPerRequest: number }> {
  const before = cpuTimeMs(target.pid);
  const result = await runLoad(target.url, next, options);
  return { result, cpuMsPerRequest: (cpuTimeMs(target.pid) - before) / result.requests };
}

async function signedHeaders(
  partner: { secretId: string; secretKey: string },
  action: string,
  body: Buffer,
): Promise<Record<string, string> & { Authorization: string }> {
  const headers = await partnerHeaders({ ...partner, action, body: new Uint8Array(body) });
  return { ...headers, Authorization: headers.Authorization as string };
}

/** Session tokens of up to 10 attempts each, minted with the agent key as the extension does. */
async function sessions(url: string, agentKey: string, count: number): Promise<string[]> {
  const tokens: string[] = [];
  for (let i = 0; i < count; i++) {
    const answer = await send(new URL(url), undefined, {
      method: "POST",
      path: "/v1/sessions",
      headers: { Authorization: `Bearer ${agentKey}`, "Content-Type": "application/json" },
      body: Buffer.from(JSON.stringify({ maxAttempts: 10 })),
    });
    if (answer.status !== 201) throw new Error(`session: ${answer.status} ${answer.body}`);
    tokens.push((JSON.parse(answer.body.toString()) as { sessionToken: string }).sessionToken);
  }
  return tokens;
}

async function quotaAsConfigured(
  gateway: Gateway,
  stubControl: (path: string) => Promise<Answer>,
  stubCalls: () => Promise<{ action: string; arrivedAt: number }[]>,
): Promise<QuotaRecord> {
  const headers = await signedHeaders(gateway.partner, "GetLivenessResult", bodies.small);
  const { url } = gateway.runtime;
  await stubControl("/__stub/reset");
  let answered = 0;
  let limited = 0;
  const result = await runLoad(url, () => ({ method: "POST", path: "/", headers, body: bodies.small }), {
    requests: 100_000,
    concurrency: 32,
    maxMs: 3000,
    check: (answer) => {
      const response = tencentResponse(answer);
      if (response?.Result === "0") answered++;
      else if ((response?.Error as { Code?: string } | undefined)?.Code === "RequestLimitExceeded") limited++;
      else return `unexpected: ${answer.status} ${answer.body.toString().slice(0, 200)}`;
      return undefined;
    },
  });
  const arrivals = (await stubCalls())
    .filter((call) => call.action === "GetLivenessResult")
    .map((call) => call.arrivedAt);
  const busiest = busiestWindow(arrivals);
  return {
    action: "GetLivenessResult",
    concurrency: 32,
    wallMs: result.wallMs,
    answeredPerSecond: (answered / result.wallMs) * 1000,
    limitedPerSecond: (limited / result.wallMs) * 1000,
    upstreamCalls: arrivals.length,
    busiestUpstreamSecond: busiest,
    failures: result.failures,
  };
}

function checker(system: SystemName, workload: WorkloadName): (answer: Answer) => string | undefined {
  return (answer) => {
    const wrong = () => `${answer.status} ${answer.body.toString().slice(0, 200)}`;
    if (answer.status !== 200) return wrong();
    if (system === "floor") return answer.body.includes('"Response"') ? undefined : wrong();
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(answer.body.toString()) as Record<string, unknown>;
    } catch {
      return wrong();
    }
    if (system === "gateway" && workload === "multipart") return parsed.passed === true ? undefined : wrong();
    const response = system === "gateway" ? (parsed.Response as Record<string, unknown> | undefined) : parsed;
    const expected = workload === "small" ? "0" : "Success";
    return response?.Result === expected ? undefined : wrong();
  };
}

function tencentResponse(answer: Answer): Record<string, unknown> | undefined {
  try {
    return (JSON.parse(answer.body.toString()) as { Response?: Record<string, unknown> }).Response;
  } catch {
    return undefined;
  }
}

/** Nearest-rank percentile of sorted samples. */
function at(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? Number.NaN;
}

/** workerd's CPU while idle, per second (timers, the quota object's alarms): reported, near zero. */
async function idleRate(pid: number): Promise<number> {
  const before = cpuTimeMs(pid);
  await sleep(2000);
  return (cpuTimeMs(pid) - before) / 2;
}

/**
 * CPU time of one SHA-256 pass over the bytes with Node's OpenSSL (single-threaded, no I/O): the median of
 * seven batches, each long enough for the clock to resolve. CPU time of this thread, not wall time, as the
 * gateway's is read: on a shared machine a batch may wait for a core, which wall time would count as hashing.
 */
function sha256CpuMs(bytes: Buffer): number {
  const perBatch = Math.max(1, Math.ceil(20_000_000 / Math.max(bytes.length, 64)));
  const times: number[] = [];
  for (let batch = 0; batch < 7; batch++) {
    const start = threadCpuMs();
    for (let i = 0; i < perBatch; i++) createHash("sha256").update(bytes).digest();
    times.push((threadCpuMs() - start) / perBatch);
  }
  return times.sort((a, b) => a - b)[3] as number;
}

/**
 * This (main) thread's CPU time in ms: the scheduler's nanosecond count where the kernel keeps one, else the
 * process's (the hash runs on this thread while the others idle).
 */
function threadCpuMs(): number {
  try {
    return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, "utf8").split(" ")[0]) / 1e6;
  } catch {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1000;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function sha256(data: Buffer | string): string {
  return createHash("sha256").update(data).digest("hex");
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
