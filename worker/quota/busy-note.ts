/**
 * When to write the quota object's note of how long it has been busy: ahead of time, at most every
 * `everyMs`, so that the note always covers every lease granted until the next one. A restarted object reads
 * it and admits nothing until the window after it has passed (upstream-quota.ts).
 */
export class BusyNote {
  #notedUntil: number;

  constructor(
    readonly leaseMs: number,
    readonly everyMs: number,
    notedUntil = 0,
  ) {
    this.#notedUntil = notedUntil;
  }

  /** A lease was granted at `now`: the value to write, or null when the last note still covers it. */
  granted(now: number): number | null {
    if (now + this.leaseMs <= this.#notedUntil) return null;
    this.#notedUntil = now + this.leaseMs + this.everyMs;
    return this.#notedUntil;
  }
}
