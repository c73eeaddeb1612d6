/** The benchmark's own routes in its gateway entry (bench/worker/gateway-entry.ts). */
export const BENCH_ROUTES = {
  /** Reads the body and sends the same bytes upstream with the gateway's own code, nothing else. */
  relay: "/__bench/relay",
  /** Reads the body and answers. */
  read: "/__bench/read",
  /** Reads the body and hashes it (SHA-256), as the Tencent dialect does. */
  hash: "/__bench/hash",
  /** Reads the body, hashes it and checks CompareFaceLiveness's parameters in place, as the Tencent dialect does. */
  bodyWork: "/__bench/body-work",
} as const;
