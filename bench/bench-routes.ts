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
  /**
   * Reads the body and checks CompareFaceLiveness's parameters in place BASE64_CHECK_REPEATS times, with the
   * base64 alphabet check named by `?scanner=` (`webassembly` or `native`): the A/B of issue 13.
   */
  base64Check: "/__bench/base64-check",
} as const;

/** How many times the base64-check route checks the body per request, so the check outweighs the read's noise. */
export const BASE64_CHECK_REPEATS = 30;
