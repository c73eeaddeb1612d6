/**
 * The deployment as it runs the lease protocol, on a simulated clock and network: isolates in several
 * locations, each with its own clock (offset from the true one), one quota object, and Tencent. Everything
 * that decides runs the gateway's own classes: FairAdmission (what the object runs), LeaseWallet (what each
 * isolate runs), BusyNote (what a restarted object reads); this file only carries their messages.
 */
import { BusyNote } from "../../worker/quota/busy-note";
import { type AdmissionDecision, FairAdmission } from "../../worker/quota/fair-admission";
import { BUSY_NOTE_EVERY_MS, LEASE_MS } from "../../worker/quota/lease-timing";
import { type HeldSlot, LeaseWallet } from "../../worker/quota/lease-wallet";
import { WINDOW_MS } from "../../worker/quota/sending-slots";
import {
  forwardedAt,
  ObjectActivity,
  type RunResult,
  type Scenario,
  type SimIsolate,
  type SimPartner,
  type SimRequest,
} from "./deployment";
import { EventClock } from "./event-clock";

export type { Forwarded, RunResult, Scenario, SimIsolate, SimPartner, SimRequest } from "./deployment";

export function runLeaseDeployment(scenario: Scenario): RunResult {
  const clock = new EventClock();
  const result: RunResult = { forwarded: [], refused: [], failed: [], objectCalls: 0, objectActiveMs: 0 };
  const activity = new ObjectActivity(clock);
  const isolates = new Map(scenario.isolates.map((isolate) => [isolate.id, isolate]));
  const wallets = new Map<string, LeaseWallet>();
  let object = newObject(undefined);
  let note = new BusyNote(LEASE_MS, BUSY_NOTE_EVERY_MS);
  /** What the object's storage holds: until when its last life noted it busy. */
  let stored: number | undefined;
  let wakeGeneration = 0;
  /** The calls the object's current life is still to answer. */
  let pending = new Set<() => void>();

  function newObject(busyUntil: number | undefined): FairAdmission {
    const fresh = new FairAdmission(LEASE_MS);
    if (busyUntil !== undefined && busyUntil + WINDOW_MS > clock.now) fresh.closeUntil(busyUntil + WINDOW_MS);
    return fresh;
  }

  /** The object's one timer, as upstream-quota.ts keeps it. */
  function schedule(): void {
    const at = object.nextWakeAt(clock.now);
    if (at === null) return;
    const generation = ++wakeGeneration;
    clock.at(at, () => {
      if (generation !== wakeGeneration) return;
      object.wake(clock.now);
      schedule();
    });
  }

  for (const restartAt of scenario.objectRestarts ?? []) {
    clock.at(restartAt, () => {
      // Calls waiting in the old life are broken: their callers get an error.
      for (const fail of pending) fail();
      pending = new Set();
      object = newObject(stored);
      note = new BusyNote(LEASE_MS, BUSY_NOTE_EVERY_MS, stored ?? 0);
      wakeGeneration++;
    });
  }

  const send = (
    request: SimRequest,
    isolate: SimIsolate,
    wallet: LeaseWallet,
    slot: HeldSlot,
    called: boolean,
  ) => {
    if (wallet.sent(slot, clock.now + isolate.clockOffsetMs)) {
      // Reported at once, in a call of its own; reports made at the same moment go together.
      const reports = wallet.drain();
      if (reports.sends.length > 0 || reports.unused.length > 0) {
        result.objectCalls++;
        clock.after(isolate.rttToObjectMs / 2, () => {
          const end = activity.begin();
          object.report(reports.sends, reports.unused, clock.now);
          schedule();
          end();
        });
      }
    }
    result.forwarded.push(forwardedAt(request, isolate, clock.now, called));
  };

  for (const request of scenario.requests) {
    clock.at(request.at, () => {
      const isolate = isolates.get(request.isolate) as SimIsolate;
      if (isolate.diesAt !== undefined && clock.now >= isolate.diesAt) return;
      const key = `${isolate.id}\u0000${request.partnerId}`;
      let wallet = wallets.get(key);
      if (wallet === undefined) {
        wallet = new LeaseWallet();
        wallets.set(key, wallet);
      }
      const local = () => clock.now + isolate.clockOffsetMs;
      const held = wallet.take(local());
      if (held) {
        send(request, isolate, wallet, held, false);
        return;
      }
      const refused = wallet.refusedFor(local(), scenario.maxWaitMs);
      if (refused > 0) {
        result.refused.push({ request, retryAfterMs: refused });
        return;
      }
      ask(request, isolate, wallet, wallet.ownValidity(LEASE_MS));
    });
  }
  clock.run();
  result.objectActiveMs = activity.totalMs;
  return result;

  /**
   * The request's own call to the object, with its wallet's reports and a lease's worth of slots; asked
   * again, with a whole lease for its own slot, when that slot ran out on the way back (as reserve.ts does).
   */
  function ask(request: SimRequest, isolate: SimIsolate, wallet: LeaseWallet, ownValidForMs: number): void {
    const local = () => clock.now + isolate.clockOffsetMs;
    const partner = scenario.partners[request.partnerId] as SimPartner;
    const more = wallet.more(LEASE_MS);
    const { sends, unused } = wallet.drain();
    const askedAt = local();
    wallet.asking();
    result.objectCalls++;
    clock.after(isolate.rttToObjectMs / 2, () => {
      const end = activity.begin();
      let answer = (decision: AdmissionDecision) => {
        end();
        if (decision.granted) {
          const until = note.granted(clock.now);
          if (until !== null) stored = until;
        }
        clock.after(isolate.rttToObjectMs / 2, () => {
          const dead = isolate.diesAt !== undefined && clock.now >= isolate.diesAt;
          if (dead) return;
          if (!decision.granted) {
            wallet.refused(decision.retryAfterMs, local());
            result.refused.push({ request, retryAfterMs: decision.retryAfterMs });
            return;
          }
          const own = wallet.received(decision, askedAt, local());
          if (own) send(request, isolate, wallet, own, true);
          else if (ownValidForMs < LEASE_MS) ask(request, isolate, wallet, LEASE_MS);
          else result.refused.push({ request, retryAfterMs: 1000 });
        });
      };
      const pendingHere = pending;
      const failNow = () => {
        end();
        wallet.failed();
        result.failed.push(request);
      };
      pendingHere.add(failNow);
      const settle = answer;
      answer = (decision) => {
        if (!pendingHere.delete(failNow)) return;
        settle(decision);
      };
      object.report(sends, unused, clock.now);
      object.arrive(
        clock.now,
        {
          partnerId: request.partnerId,
          limitPerSecond: scenario.limitPerSecond,
          weight: partner.weight,
          maxWaitMs: scenario.maxWaitMs,
          more,
          ownValidForMs,
          ...(partner.ownLimitPerSecond !== undefined
            ? { ownLimitPerSecond: partner.ownLimitPerSecond }
            : {}),
        },
        answer,
      );
      schedule();
    });
  }
}
