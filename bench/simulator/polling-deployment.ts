/**
 * The deployment as it ran before issue 17 (commit a3a2dcc, worker/quota/upstream-quota.ts and reserve.ts),
 * on the same simulated clock and network as lease-deployment.ts: one quota object per action, which every
 * request calls. Its decisions are the gateway's own SlotLedger (worker/quota/sending-slots.ts); this file
 * carries the messages and repeats the old object's loop around the ledger, which is all the old object was:
 *
 *   acquire: at = ledger.earliest(now, limits); at <= now: admit; would wait past maxWaitMs: refuse with
 *   retryAfterMs = at - now; otherwise sleep min(at - now, 50 ms) and look again.
 *
 * So waiting callers poll: whoever looks first after a slot frees takes it, whatever its partner or how long
 * it has waited, and a partner's weight means nothing. After sending, an isolate reports the send in a call
 * of its own, one per isolate for the reports made at the same moment (a group commit with no linger); the
 * object places the send when the report arrives, by its own clock. No partner's weight is used: there was
 * none. A restart loses the ledger: the old object kept nothing in storage.
 */
import { SlotLedger, type SlotLimits } from "../../worker/quota/sending-slots";
import {
  forwardedAt,
  ObjectActivity,
  type RunResult,
  type Scenario,
  type SimIsolate,
  type SimRequest,
} from "./deployment";
import { EventClock } from "./event-clock";

/** A waiting caller looks again at least this often (the old object's RECHECK_MS). */
export const RECHECK_MS = 50;

export function runPollingDeployment(scenario: Scenario): RunResult {
  const clock = new EventClock();
  const result: RunResult = { forwarded: [], refused: [], failed: [], objectCalls: 0, objectActiveMs: 0 };
  const activity = new ObjectActivity(clock);
  const isolates = new Map(scenario.isolates.map((isolate) => [isolate.id, isolate]));
  let ledger = new SlotLedger();
  /** Which life of the object a call reached: a restart breaks the calls in progress. */
  let life = 0;
  /** Each isolate's send reports made at the present moment, not yet sent. */
  const batches = new Map<string, number[]>();

  for (const restartAt of scenario.objectRestarts ?? []) {
    clock.at(restartAt, () => {
      ledger = new SlotLedger();
      life++;
    });
  }

  const dead = (isolate: SimIsolate) => isolate.diesAt !== undefined && clock.now >= isolate.diesAt;

  for (const request of scenario.requests) {
    clock.at(request.at, () => {
      const isolate = isolates.get(request.isolate) as SimIsolate;
      if (dead(isolate)) return;
      result.objectCalls++;
      clock.after(isolate.rttToObjectMs / 2, () => acquire(request, isolate));
    });
  }
  clock.run();
  result.objectActiveMs = activity.totalMs;
  return result;

  /** The old object's acquire, from the call's arrival to its answer. */
  function acquire(request: SimRequest, isolate: SimIsolate): void {
    const end = activity.begin();
    const started = clock.now;
    const reached = life;
    const limits = limitsOf(scenario, request.partnerId);
    const look = () => {
      if (life !== reached) {
        // Its life ended while it waited: the caller gets an error.
        end();
        result.failed.push(request);
        return;
      }
      const now = clock.now;
      const at = ledger.earliest(now, limits);
      if (at <= now) {
        const slotId = ledger.admit(now, request.partnerId);
        end();
        clock.after(isolate.rttToObjectMs / 2, () => granted(request, isolate, slotId, reached));
        return;
      }
      if (at - started > scenario.maxWaitMs) {
        end();
        const retryAfterMs = at - now;
        clock.after(isolate.rttToObjectMs / 2, () => {
          if (!dead(isolate)) result.refused.push({ request, retryAfterMs });
        });
        return;
      }
      clock.after(Math.min(at - now, RECHECK_MS), look);
    };
    look();
  }

  /** The grant reaches the isolate, which sends at once and reports the send. */
  function granted(request: SimRequest, isolate: SimIsolate, slotId: number, reached: number): void {
    if (dead(isolate)) return;
    result.forwarded.push(forwardedAt(request, isolate, clock.now, true));
    const batch = batches.get(isolate.id);
    if (batch !== undefined) {
      batch.push(slotId);
      return;
    }
    const slotIds = [slotId];
    batches.set(isolate.id, slotIds);
    // Runs after every other event of this moment: the reports made in the same turn go together.
    clock.after(0, () => {
      batches.delete(isolate.id);
      result.objectCalls++;
      clock.after(isolate.rttToObjectMs / 2, () => {
        const end = activity.begin();
        // A report to a later life names slots it never granted: the old object would ignore them.
        if (life === reached) ledger.sent(slotIds, clock.now);
        end();
      });
    });
  }
}

/** The old request's limits: the account's, and the partner's own when it is below it. */
function limitsOf(scenario: Scenario, partnerId: string): SlotLimits {
  const own = scenario.partners[partnerId]?.ownLimitPerSecond;
  return {
    limitPerSecond: scenario.limitPerSecond,
    ...(own !== undefined && own < scenario.limitPerSecond
      ? { partner: { id: partnerId, limitPerSecond: own } }
      : {}),
  };
}
