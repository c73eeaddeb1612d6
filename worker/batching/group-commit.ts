/**
 * Group commit: items added while a write is in flight leave together in the next write. A busy isolate makes
 * one round trip per batch instead of one per request (audit rows to D1, send reports to the quota object); a
 * quiet one writes each item at once (no timer, no added delay). Each caller gets the promise of the write
 * that carries its item, to hand to `waitUntil`, so no item is left behind when its request ends.
 *
 * The next write is chained by the first caller that finds a write in flight, in that caller's own request
 * context, whose `waitUntil` holds exactly that chain: workerd runs a continuation in the context that created
 * it, so the write never runs on behalf of a request that has already finished.
 */
export class GroupCommit<T> {
  readonly #write: (items: T[]) => Promise<void>;
  readonly #maxBatch: number;
  #queued: T[] = [];
  /** The write that will carry the queued items, once the one in flight is done. */
  #next: Promise<void> | undefined;
  /** The last write started or chained. */
  #tail: Promise<void> = Promise.resolve();

  /** `write` must not reject: it owns its failures (a lost audit row must not fail anything else). */
  constructor(write: (items: T[]) => Promise<void>, maxBatch: number) {
    this.#write = write;
    this.#maxBatch = maxBatch;
  }

  /** Resolves once the write that carries `item` has finished. */
  add(item: T): Promise<void> {
    this.#queued.push(item);
    if (this.#next === undefined) {
      this.#next = this.#tail.then(() => {
        this.#next = undefined;
        return this.#drain(this.#queued.splice(0));
      });
      this.#tail = this.#next;
    }
    return this.#next;
  }

  async #drain(items: T[]): Promise<void> {
    for (let start = 0; start < items.length; start += this.#maxBatch) {
      await this.#write(items.slice(start, start + this.#maxBatch));
    }
  }
}
