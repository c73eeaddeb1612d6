/**
 * Values read from KV lately, held in the isolate for a few seconds: a busy isolate reads a partner once per
 * `ttlMs` instead of once per request. A miss is held only for `missTtlMs` (none by default), so that a flood
 * of requests naming no real key costs one KV read per key now and then, not one per request.
 * Bounded: past `maxEntries`, the entry read longest ago goes first.
 */
export class ReadMemo<T> {
  readonly #entries = new Map<string, { value: T | undefined; expiresAt: number }>();
  readonly #ttlMs: number;
  readonly #missTtlMs: number;
  readonly #maxEntries: number;
  readonly #clock: () => number;

  constructor(options: { ttlMs: number; missTtlMs?: number; maxEntries: number; clock?: () => number }) {
    this.#ttlMs = options.ttlMs;
    this.#missTtlMs = options.missTtlMs ?? 0;
    this.#maxEntries = options.maxEntries;
    this.#clock = options.clock ?? Date.now;
  }

  async read(key: string, load: () => Promise<T | undefined>): Promise<T | undefined> {
    const held = this.#entries.get(key);
    if (held !== undefined && held.expiresAt > this.#clock()) return held.value;
    const value = await load();
    this.#entries.delete(key);
    const ttlMs = value === undefined ? this.#missTtlMs : this.#ttlMs;
    if (ttlMs > 0) {
      this.#entries.set(key, { value, expiresAt: this.#clock() + ttlMs });
      for (const oldest of this.#entries.keys()) {
        if (this.#entries.size <= this.#maxEntries) break;
        this.#entries.delete(oldest);
      }
    }
    return value;
  }

  forget(key: string): void {
    this.#entries.delete(key);
  }
}
