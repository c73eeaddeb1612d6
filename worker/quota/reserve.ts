/**
 * Reserves a slot toward Tencent before an upstream call: first the partner's own quota (when it has one),
 * then the account-wide quota of the action. Waits briefly when a slot frees soon; otherwise refuses with
 * `rate-limited`, which each dialect maps to its own answer (429 + Retry-After, RequestLimitExceeded).
 */
import { FACEID_ACTIONS, type FaceIdAction } from "../../shared/faceid/actions";
import { fail } from "../errors/failure";

/** How long a request may wait for a slot before it is refused. */
export const MAX_QUOTA_WAIT_MS = 1000;

export async function reserveUpstreamSlot(
  env: Env,
  action: FaceIdAction,
  partner: { partnerId: string; ratePerSecond?: number },
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<void> {
  const accountLimit = FACEID_ACTIONS[action].ratePerSecond;
  const buckets: [string, number][] = [];
  if (partner.ratePerSecond !== undefined && partner.ratePerSecond < accountLimit) {
    buckets.push([`partner:${partner.partnerId}:${action}`, partner.ratePerSecond]);
  }
  buckets.push([`action:${action}`, accountLimit]);

  let waitMs = 0;
  for (const [name, limit] of buckets) {
    const quota = env.UPSTREAM_QUOTA.get(env.UPSTREAM_QUOTA.idFromName(name));
    const grant = await quota.acquire(limit, MAX_QUOTA_WAIT_MS - waitMs, waitMs);
    if (!grant.granted) fail({ kind: "rate-limited", retryAfterSeconds: grant.retryAfterMs / 1000 });
    waitMs += grant.waitMs;
  }
  if (waitMs > 0) await sleep(waitMs);
}
