/**
 * Group commit: items added within a short linger leave together in one write. A busy isolate makes one round
 * trip per batch instead of one per request (audit rows to D1, send reports to the quota object). Each caller
 * gets a promise to hand to `waitUntil`, so no item is left behind when its request ends.
 *
 * No request ever waits on another request's promise. workerd ties every I/O object, and the tracing span a
 * binding opens around its call (D1's `withSpan`), to one request; a write chained onto another request's
 * write, or resumed by a promise another request settled, was now and then made on that request's behalf
 * under load and refused ("Cannot perform I/O on behalf of a different request", I/O type SpanParent). So
 * each caller waits on a timer of its own; when it fires, the caller writes everything still queued, its own
 * item and its neighbours', from its own code; a caller whose item a neighbour has already taken is done, the
 * neighbour's `waitUntil` holding that write.
 */
export interface GroupCommitOptions {
  maxBatch: number;
  /** How long an item waits for neighbours before its own caller writes it. */
  lingerMs: number;
  /** The timer an item lingers on: the runtime's `scheduler.wait` unless a test drives time itself. */
  wait?: (ms: number) => Promise<void>;
}

export class GroupCommit<T> {
  readonly #write: (items: T[]) => Promise<void>;
  readonly #maxBatch: number;
  readonly #lingerMs: number;
  readonly #wait: (ms: number) => Promise<void>;
  #queued: Queued<T>[] = [];

  /** `write` must not reject: it owns its failures (a lost audit row must not fail anything else). */
  constructor(write: (items: T[]) => Promise<void>, options: GroupCommitOptions) {
    this.#write = write;
    this.#maxBatch = options.maxBatch;
    this.#lingerMs = options.lingerMs;
    // The runtime's own timer: with nodejs_compat the global setTimeout builds a Node Timeout object per call.
    this.#wait = options.wait ?? ((ms) => scheduler.wait(ms));
  }

  /** Resolves once the item is written by this caller, or taken into a write another caller holds. */
  async add(item: T): Promise<void> {
    const queued: Queued<T> = { item, taken: false };
    this.#queued.push(queued);
    await this.#wait(this.#lingerMs);
    while (!queued.taken) {
      const batch = this.#queued.splice(0, this.#maxBatch);
      for (const entry of batch) entry.taken = true;
      await this.#write(batch.map((entry) => entry.item));
    }
  }
}

interface Queued<T> {
  item: T;
  /** In a write already made or in flight, held by the caller that made it. */
  taken: boolean;
}
