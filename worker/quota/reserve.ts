/**
 * Admits a request toward Tencent right before it is sent, under the action's account-wide quota and the
 * partner's own when it has one. The caller reports the send right after starting it (`sent`), so the quota
 * counts the request from when it really left. A caller that would wait too long is refused with
 * `rate-limited`, which each dialect maps to its own answer (429 + Retry-After, RequestLimitExceeded).
 */
import { FACEID_ACTIONS, type FaceIdAction } from "../../shared/faceid/actions";
import { GroupCommit } from "../batching/group-commit";
import { describeBindingFailure } from "../errors/binding-failure";
import { fail } from "../errors/failure";

/** How long a request may wait for a slot before it is refused: about one window. */
export const MAX_QUOTA_WAIT_MS = 1500;

/** A partner's weight when the operator set none. */
export const DEFAULT_WEIGHT = 1;

/** Whose quota a call spends: the partner, with its own limit when it has one, and its weight. */
export interface QuotaHolder {
  partnerId: string;
  ratePerSecond?: number;
  /** Its share of a contended rate relative to other partners' (default 1). */
  weight?: number;
}

export interface Admission {
  /** Reports that the request has been sent; resolves once the quota object knows. */
  sent(): Promise<void>;
}

export async function reserveUpstreamSlot(
  env: Env,
  action: FaceIdAction,
  partner: QuotaHolder,
): Promise<Admission> {
  const limitPerSecond = FACEID_ACTIONS[action].ratePerSecond;
  const quota = env.UPSTREAM_QUOTA.get(env.UPSTREAM_QUOTA.idFromName(`action:${action}`));
  const own = partner.ratePerSecond;
  const grant = await quota.acquire({
    partnerId: partner.partnerId,
    limitPerSecond,
    weight: partner.weight ?? DEFAULT_WEIGHT,
    maxWaitMs: MAX_QUOTA_WAIT_MS,
    ...(own !== undefined ? { ownLimitPerSecond: own } : {}),
  });
  if (!grant.granted) return fail({ kind: "rate-limited", retryAfterSeconds: grant.retryAfterMs / 1000 });
  return { sent: () => sendReports(env.UPSTREAM_QUOTA, action).add(grant.slotId) };
}

/**
 * Each isolate's send reports to each action's quota object, group-committed: reports made in the same turn of
 * the event loop go together, so a busy isolate calls the object less than twice per request. A
 * report that comes a little late only makes the object count the send a little later: never more requests
 * in a window than the limit.
 */
const reporters = new WeakMap<Env["UPSTREAM_QUOTA"], Map<FaceIdAction, GroupCommit<number>>>();

function sendReports(namespace: Env["UPSTREAM_QUOTA"], action: FaceIdAction): GroupCommit<number> {
  let byAction = reporters.get(namespace);
  if (byAction === undefined) {
    byAction = new Map();
    reporters.set(namespace, byAction);
  }
  let reports = byAction.get(action);
  if (reports === undefined) {
    // The stub is made in the request that sends the batch: a stub belongs to one request.
    reports = new GroupCommit(
      (slotIds) =>
        namespace
          .get(namespace.idFromName(`action:${action}`))
          .sent(slotIds)
          .catch((error: unknown) => {
            // The object then counts these sends as made 5 s after admission (UNREPORTED_SEND_MS): late, never
            // more in a window than the limit.
            console.error(`quota: send reports not delivered: ${describeBindingFailure(error)}`);
          }),
      // No linger beyond the current turn of the event loop: the object counts an unreported slot as sending
      // now, so a report held back would keep its slot in the window that much longer.
      { maxBatch: 500, lingerMs: 0 },
    );
    byAction.set(action, reports);
  }
  return reports;
}
