/**
 * CPU per request as the benchmark last measured it (bench/results/latest.json, written by `npm run bench`):
 * the gateway's whole workerd per request at concurrency 8, for a small request (GetLivenessResult: the same
 * path as creating or reading a session: partner, audit row, one object call) and for the REST compare upload
 * (multipart, a 6 MB video and a 1 MB photo). It includes Miniflare's local KV, D1 and Durable Object simulators
 * running in the same process, which production runs elsewhere: an upper bound on what Cloudflare bills.
 */
import { readFileSync } from "node:fs";

export interface CpuFigures {
  smallRequestMs: number;
  compareUploadMs: number;
  /** Where they came from: the file and its date, or the fallback. */
  source: string;
}

/** The figures of the run reported in bench/PERFORMANCE.md (2026-12-02 13:01 UTC), if the file is missing. */
export const FALLBACK_CPU: CpuFigures = {
  smallRequestMs: 0.71,
  compareUploadMs: 36.6,
  source:
    "fallback: the 2026-12-02 13:01 UTC run of bench/PERFORMANCE.md (bench/results/latest.json not found)",
};

export const LATEST_RESULTS = new URL("../results/latest.json", import.meta.url);

export function measuredCpu(path: URL | string = LATEST_RESULTS): CpuFigures {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return FALLBACK_CPU;
  }
  const results = JSON.parse(text) as {
    generatedAt?: string;
    summary?: { cpuMs?: Record<string, { gateway?: number } | undefined> };
  };
  const small = results.summary?.cpuMs?.small?.gateway;
  const upload = results.summary?.cpuMs?.multipart?.gateway;
  if (typeof small !== "number" || typeof upload !== "number") return FALLBACK_CPU;
  return {
    smallRequestMs: small,
    compareUploadMs: upload,
    source: `bench/results/latest.json of ${results.generatedAt ?? "an unknown date"}`,
  };
}
