/**
 * Closed-loop load from Node core's http client: `concurrency` workers, each sending its next request as soon
 * as the previous answer has fully arrived, over keep-alive connections. A fixed number of requests, so a run
 * is bounded whatever the machine; latency is measured per request, from the first byte sent to the last byte
 * received.
 */
import { Agent, request as httpRequest } from "node:http";

export interface LoadRequest {
  method: "GET" | "POST";
  path: string;
  headers: Record<string, string>;
  body?: Uint8Array;
}

export interface Answer {
  status: number;
  body: Buffer;
}

export interface LoadOptions {
  requests: number;
  concurrency: number;
  /** Returns why an answer is wrong, or undefined when it is what the workload expects. */
  check(answer: Answer): string | undefined;
  /** Stop early once the run has taken this long (a bound for slow systems). */
  maxMs?: number;
}

export interface LoadResult {
  requests: number;
  concurrency: number;
  wallMs: number;
  /** Completed requests per second. */
  throughput: number;
  /** Sorted, ms. */
  latenciesMs: number[];
  statuses: Record<string, number>;
  /** Up to five examples of wrong answers, and how many there were. */
  failures: { count: number; examples: string[] };
}

export async function runLoad(
  baseUrl: string,
  next: (index: number) => LoadRequest,
  options: LoadOptions,
): Promise<LoadResult> {
  const url = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const failures = { count: 0, examples: [] as string[] };
  let issued = 0;
  const started = performance.now();
  const deadline = options.maxMs === undefined ? Number.POSITIVE_INFINITY : started + options.maxMs;

  const worker = async () => {
    while (issued < options.requests && performance.now() < deadline) {
      const index = issued++;
      const sent = performance.now();
      let answer: Answer;
      try {
        answer = await send(url, agent, next(index));
      } catch (error) {
        answer = { status: 0, body: Buffer.from(error instanceof Error ? error.message : String(error)) };
      }
      latencies.push(performance.now() - sent);
      statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
      const problem = answer.status === 0 ? `network: ${answer.body}` : options.check(answer);
      if (problem !== undefined) {
        failures.count++;
        if (failures.examples.length < 5) failures.examples.push(problem.slice(0, 300));
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const wallMs = performance.now() - started;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    concurrency: options.concurrency,
    wallMs,
    throughput: (latencies.length / wallMs) * 1000,
    latenciesMs: latencies,
    statuses,
    failures,
  };
}

/** One request, outside a load run. */
export function send(url: URL, agent: Agent | undefined, request: LoadRequest): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...request.headers };
    if (request.body) headers["Content-Length"] = request.body.byteLength;
    const outgoing = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method: request.method,
        path: request.path,
        headers,
        ...(agent ? { agent } : {}),
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks) }));
        response.on("error", reject);
      },
    );
    outgoing.on("error", reject);
    outgoing.end(request.body);
  });
}

/** The value below which `fraction` of the sorted samples fall (nearest rank). */
export function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[rank] as number;
}
