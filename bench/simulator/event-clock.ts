/**
 * A deterministic simulated clock: events run in time order (ties in the order they were scheduled), and
 * nothing else moves time. The deployment simulator and the lease protocol's tests run on it.
 */
interface Scheduled {
  at: number;
  seq: number;
  run: () => void;
}

export class EventClock {
  #now = 0;
  #seq = 0;
  /** A binary min-heap by (at, seq). */
  readonly #heap: Scheduled[] = [];

  get now(): number {
    return this.#now;
  }

  /** Runs `run` at `at` (never before now). */
  at(at: number, run: () => void): void {
    this.#push({ at: Math.max(at, this.#now), seq: this.#seq++, run });
  }

  after(delayMs: number, run: () => void): void {
    this.at(this.#now + delayMs, run);
  }

  /** Runs every event up to `until` (all of them when absent). */
  run(until = Number.POSITIVE_INFINITY): void {
    for (;;) {
      const next = this.#heap[0];
      if (next === undefined || next.at > until) break;
      this.#pop();
      this.#now = next.at;
      next.run();
    }
    if (until !== Number.POSITIVE_INFINITY) this.#now = Math.max(this.#now, until);
  }

  #push(event: Scheduled): void {
    const heap = this.#heap;
    heap.push(event);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i] as Scheduled, heap[parent] as Scheduled)) break;
      [heap[i], heap[parent]] = [heap[parent] as Scheduled, heap[i] as Scheduled];
      i = parent;
    }
  }

  #pop(): void {
    const heap = this.#heap;
    const last = heap.pop() as Scheduled;
    if (heap.length === 0) return;
    heap[0] = last;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < heap.length && before(heap[left] as Scheduled, heap[smallest] as Scheduled)) smallest = left;
      if (right < heap.length && before(heap[right] as Scheduled, heap[smallest] as Scheduled))
        smallest = right;
      if (smallest === i) break;
      [heap[i], heap[smallest]] = [heap[smallest] as Scheduled, heap[i] as Scheduled];
      i = smallest;
    }
  }
}

function before(a: Scheduled, b: Scheduled): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

/** A seeded generator (mulberry32): the same seed, the same run. */
export function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
