/**
 * Values read from KV lately, held in the isolate for a few seconds: a busy isolate reads a partner once per
 * `ttlMs` instead of once per request. Misses are not held, so a record created a moment ago is found at once.
 * Bounded: past `maxEntries`, the entry read longest ago goes first.
 */
export class ReadMemo<T> {
  readonly #entries = new Map<string, { value: T; expiresAt: number }>();
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  readonly #clock: () => number;

  constructor(options: { ttlMs: number; maxEntries: number; clock?: () => number }) {
    this.#ttlMs = options.ttlMs;
    this.#maxEntries = options.maxEntries;
    this.#clock = options.clock ?? Date.now;
  }

  async read(key: string, load: () => Promise<T | undefined>): Promise<T | undefined> {
    const held = this.#entries.get(key);
    if (held !== undefined && held.expiresAt > this.#clock()) return held.value;
    const value = await load();
    this.#entries.delete(key);
    if (value !== undefined) {
      this.#entries.set(key, { value, expiresAt: this.#clock() + this.#ttlMs });
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
