/**
 * Admits a request toward Tencent right before it is sent, under the action's account-wide quota and the
 * partner's own when it has one, shared among partners by weight. The isolate first spends a slot of a lease
 * it holds for the partner (lease-wallet.ts); only when it holds none does it ask the action's quota object,
 * with its reports and a lease's worth of slots for the requests to come. The caller reports the send right
 * after starting it (`sent`), locally. A caller that would wait too long is refused with `rate-limited`, which
 * each dialect maps to its own answer (429 + Retry-After, RequestLimitExceeded).
 */
import { FACEID_ACTIONS, type FaceIdAction, type FaceIdRegion } from "../../shared/faceid/actions";
import { GroupCommit } from "../batching/group-commit";
import { describeBindingFailure } from "../errors/binding-failure";
import { fail } from "../errors/failure";
import { LEASE_MS } from "./lease-timing";
import { type HeldSlot, LeaseWallet } from "./lease-wallet";
import { quotaObject } from "./placement";

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
  /** Reports that the request has been sent (recorded here; it reaches the object with the next call). */
  sent(): Promise<void>;
}

/** This isolate's wallets, by quota namespace, action and partner. */
const wallets = new WeakMap<Env["UPSTREAM_QUOTA"], Map<string, WalletEntry>>();

export async function reserveUpstreamSlot(
  env: Env,
  region: FaceIdRegion,
  action: FaceIdAction,
  partner: QuotaHolder,
): Promise<Admission> {
  const entry = walletOf(env.UPSTREAM_QUOTA, region, action, partner.partnerId);
  const { wallet } = entry;
  const now = Date.now();
  const held = wallet.take(now);
  if (held) return admissionOf(entry, held);
  const refused = wallet.refusedFor(now, MAX_QUOTA_WAIT_MS);
  if (refused > 0) return fail({ kind: "rate-limited", retryAfterSeconds: refused / 1000 });
  // A second ask only when the first's own slot ran out on its way back (a slower answer than the last
  // round trip it was sized by); that one keeps its slot a whole lease.
  const slot =
    (await askQuotaObject(env, region, action, partner, wallet, wallet.ownValidity(LEASE_MS))) ??
    (await askQuotaObject(env, region, action, partner, wallet, LEASE_MS));
  if (slot) return admissionOf(entry, slot);
  // An answer slower than a whole lease: the object is out of reach in time.
  return fail({ kind: "rate-limited", retryAfterSeconds: 1 });
}

/** One call to the action's quota object: the caller's own slot (null if it ran out), or rate-limited. */
async function askQuotaObject(
  env: Env,
  region: FaceIdRegion,
  action: FaceIdAction,
  partner: QuotaHolder,
  wallet: LeaseWallet,
  ownValidForMs: number,
): Promise<HeldSlot | null> {
  const quota = quotaObject(env.UPSTREAM_QUOTA, action, region);
  const more = wallet.more(LEASE_MS);
  const { sends, unused } = wallet.drain();
  const own = partner.ratePerSecond;
  const askedAt = Date.now();
  wallet.asking();
  let grant: Awaited<ReturnType<typeof quota.acquire>>;
  try {
    grant = await quota.acquire({
      partnerId: partner.partnerId,
      limitPerSecond: FACEID_ACTIONS[action].ratePerSecond,
      weight: partner.weight ?? DEFAULT_WEIGHT,
      maxWaitMs: MAX_QUOTA_WAIT_MS,
      ...(own !== undefined ? { ownLimitPerSecond: own } : {}),
      more,
      ownValidForMs,
      sends,
      unused,
    });
  } catch (error) {
    wallet.failed();
    throw error;
  }
  if (!grant.granted) {
    wallet.refused(grant.retryAfterMs, Date.now());
    return fail({ kind: "rate-limited", retryAfterSeconds: grant.retryAfterMs / 1000 });
  }
  return wallet.received(grant, askedAt, Date.now());
}

function admissionOf(entry: WalletEntry, slot: HeldSlot): Admission {
  return {
    sent: async () => {
      if (entry.wallet.sent(slot, Date.now())) await entry.reports.add(true);
    },
  };
}

/** An isolate's wallet for one action and partner, and its reports that cannot wait for the next call. */
interface WalletEntry {
  wallet: LeaseWallet;
  /**
   * Group-committed: reports made in the same turn of the event loop go together. One lost only makes the
   * object hold its slots until their lease's end: never more in a window than the limit.
   */
  reports: GroupCommit<true>;
}

function walletOf(
  namespace: Env["UPSTREAM_QUOTA"],
  region: FaceIdRegion,
  action: FaceIdAction,
  partnerId: string,
): WalletEntry {
  let byKey = wallets.get(namespace);
  if (byKey === undefined) {
    byKey = new Map();
    wallets.set(namespace, byKey);
  }
  const key = `${action}\u0000${partnerId}`;
  let entry = byKey.get(key);
  if (entry === undefined) {
    const wallet = new LeaseWallet();
    entry = {
      wallet,
      reports: new GroupCommit(
        // The stub is made in the request that sends the batch: a stub belongs to one request.
        () =>
          quotaObject(namespace, action, region)
            .report(wallet.drain())
            .catch((error: unknown) => {
              console.error(`quota: send reports not delivered: ${describeBindingFailure(error)}`);
            }),
        { maxBatch: 500, lingerMs: 0 },
      ),
    };
    byKey.set(key, entry);
  }
  return entry;
}
