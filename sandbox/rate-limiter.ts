/**
 * Tencent's per-action rate (20 requests/second for most actions, 5 for the reflect actions: tencent-faceid.md
 * §1), counted in memory. Right for the sandbox only: it is one local process with one isolate. (The gateway
 * must count across the edge instead: design.md, Principles.) Fixed one-second windows of the injected
 * clock, so tests decide exactly which requests share a second.
 */

export class PerSecondRateLimiter {
  readonly #clock: () => number;
  readonly #windows = new Map<string, { second: number; count: number }>();

  constructor(clock: () => number) {
    this.#clock = clock;
  }

  /** Counts one request for `key`; false when it is over `perSecond` in the current second. */
  admit(key: string, perSecond: number): boolean {
    const second = Math.floor(this.#clock() / 1000);
    const window = this.#windows.get(key);
    if (window === undefined || window.second !== second) {
      this.#windows.set(key, { second, count: 1 });
      return true;
    }
    window.count++;
    return window.count <= perSecond;
  }
}
