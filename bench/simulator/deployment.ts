/**
 * What a simulated deployment is made of and what a run of it yields, whichever admission design it runs
 * (lease-deployment.ts: the lease protocol of issue 17; polling-deployment.ts: the polling design before it).
 * Both runs take the same Scenario and answer the same RunResult, so the simulator compares them request by
 * request.
 */
import type { EventClock } from "./event-clock";

export interface SimIsolate {
  id: string;
  location: string;
  /** Its clock reads this much ahead of the true time (negative: behind). */
  clockOffsetMs: number;
  /** Round trip to the quota object. */
  rttToObjectMs: number;
  /** One way to Tencent. */
  toTencentMs: number;
  /** It dies then, with whatever it holds. */
  diesAt?: number;
}

export interface SimRequest {
  at: number;
  isolate: string;
  partnerId: string;
}

export interface SimPartner {
  weight: number;
  ownLimitPerSecond?: number;
}

export interface Scenario {
  limitPerSecond: number;
  maxWaitMs: number;
  isolates: SimIsolate[];
  partners: Record<string, SimPartner>;
  requests: SimRequest[];
  /** The object restarts at these times, losing everything in memory. */
  objectRestarts?: number[];
}

export interface Forwarded {
  request: SimRequest;
  sentAt: number;
  atTencent: number;
  /** From arrival at the isolate to the send: what the quota added. */
  addedMs: number;
  calledObject: boolean;
}

/** `request`, sent by its isolate at `now` toward Tencent. */
export function forwardedAt(
  request: SimRequest,
  isolate: SimIsolate,
  now: number,
  calledObject: boolean,
): Forwarded {
  return {
    request,
    sentAt: now,
    atTencent: now + isolate.toTencentMs,
    addedMs: now - request.at,
    calledObject,
  };
}

export interface RunResult {
  forwarded: Forwarded[];
  refused: { request: SimRequest; retryAfterMs: number }[];
  /** Requests whose call to the object was lost in a restart (the caller got an error). */
  failed: SimRequest[];
  objectCalls: number;
  /**
   * How long the quota object was running a call, in all: what Durable Objects bill as duration (wall-clock
   * time while a request is in progress, shared by the requests in progress together).
   */
  objectActiveMs: number;
}

/**
 * The least time a call keeps the object active, even one it answers at once. An assumption (the simulator
 * has no CPU model): a few hundred microseconds of JavaScript and the runtime's own handling of the RPC.
 */
export const MIN_CALL_MS = 1;

/**
 * Adds up the time during which at least one call is in progress at the object: a call begins when it
 * arrives and ends when it is answered (at least MIN_CALL_MS later).
 */
export class ObjectActivity {
  #inProgress = 0;
  #since = 0;
  #totalMs = 0;

  constructor(readonly clock: EventClock) {}

  /** A call arrives now; the returned function ends it (once). */
  begin(): () => void {
    const began = this.clock.now;
    if (this.#inProgress++ === 0) this.#since = began;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.clock.at(Math.max(this.clock.now, began + MIN_CALL_MS), () => {
        if (--this.#inProgress === 0) this.#totalMs += this.clock.now - this.#since;
      });
    };
  }

  get totalMs(): number {
    return this.#totalMs;
  }
}
