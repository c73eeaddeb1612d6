/**
 * Partner records in KV: who a partner is and what it may do. Metadata only — the secret is derived
 * (partners/credentials.ts). Reads are cached at the edge for 30 s (KV's least `cacheTtl`) and then held in
 * the isolate for up to 30 s more (read-memo.ts), so a revocation reaches every location within about 60 s;
 * the isolate that revokes forgets the record at once.
 */
import { isFaceIdAction, removedAction, VALIDATED_ACTIONS } from "../../shared/faceid/actions";
import { derivePartnerSecretKey, newPartnerId, newSecretId } from "./credentials";
import { listRecords } from "./kv-records";
import { ReadMemo } from "./read-memo";
import { normaliseRedirectUrl, RedirectUrlError } from "./redirect-urls";

export interface PartnerRecord {
  partnerId: string;
  name: string;
  secretId: string;
  /** Actions this partner may call through the Tencent dialect. */
  actions: string[];
  /** Web origins allowed to call the REST dialect with this partner's session tokens. */
  origins: string[];
  /**
   * Where the partner's hosted verifications may return the person (partners/redirect-urls.ts): https origins
   * and paths. Absent on records made before it existed: none.
   */
  redirectUrls?: string[];
  /** A per-partner limit toward Tencent per action, below the account's; none by default. */
  ratePerSecond?: number;
  /**
   * The partner's share of an action's rate when partners want more than it, relative to others'
   * (quota/fair-admission.ts). Absent: 1.
   */
  weight?: number;
  createdAt: string;
  updatedAt?: string;
  revokedAt?: string;
}

export interface NewPartner {
  name: string;
  actions?: string[];
  origins?: string[];
  redirectUrls?: string[];
  ratePerSecond?: number;
  weight?: number;
}

/** What `update` may change; a list given replaces the partner's list. */
export type PartnerChanges = Partial<
  Pick<PartnerRecord, "actions" | "origins" | "redirectUrls" | "ratePerSecond" | "weight">
>;

/** The gateway's own actions, beyond Tencent's. */
export const GATEWAY_ACTIONS = [
  "CreateCaptureSession",
  "RevokeCaptureSession",
  "DescribeCaptureSession",
] as const;

export const DEFAULT_PARTNER_ACTIONS: readonly string[] = [
  ...Object.keys(VALIDATED_ACTIONS),
  ...GATEWAY_ACTIONS,
];

const PREFIX = "partner:";
/** partnerId → SecretId, for session tokens, which name the partner. */
const BY_PARTNER_ID = "partner-id:";
/** origin → partnerIds registering it, for CORS preflights, which carry no credential. */
const BY_ORIGIN = "origin:";
const READ_CACHE_SECONDS = 30;
const MEMO = { ttlMs: 30_000, maxEntries: 1000 };
/**
 * An unknown SecretId is remembered for 5 s: requests naming made-up SecretIds then cost one KV read each per
 * isolate now and then. SecretIds are random, so none is asked for before it exists (and `create` forgets).
 */
const RECORD_MEMO = { ...MEMO, missTtlMs: 5_000 };

/** What this isolate has read lately, per KV namespace (tests run several). */
const memos = new WeakMap<KVNamespace, { records: ReadMemo<PartnerRecord>; secretIds: ReadMemo<string> }>();

function memoOf(kv: KVNamespace) {
  let memo = memos.get(kv);
  if (memo === undefined) {
    memo = { records: new ReadMemo(RECORD_MEMO), secretIds: new ReadMemo(MEMO) };
    memos.set(kv, memo);
  }
  return memo;
}

export class PartnerStore {
  readonly #kv: KVNamespace;
  readonly #seed: string;
  readonly #allowLoopbackRedirects: boolean;

  /** `allowLoopbackRedirects`: REDIRECT_ALLOW_LOOPBACK (npm start's local state). */
  constructor(kv: KVNamespace, seed: string, options: { allowLoopbackRedirects?: boolean } = {}) {
    this.#kv = kv;
    this.#seed = seed;
    this.#allowLoopbackRedirects = options.allowLoopbackRedirects ?? false;
  }

  async create(input: NewPartner, now = new Date()): Promise<{ record: PartnerRecord; secretKey: string }> {
    const name = input.name.trim();
    if (!name) throw new PartnerInputError("a partner needs a name");
    const record: PartnerRecord = {
      partnerId: newPartnerId(),
      name,
      secretId: newSecretId(),
      ...this.#checked({
        actions: input.actions?.length ? input.actions : [...DEFAULT_PARTNER_ACTIONS],
        origins: input.origins ?? [],
        redirectUrls: input.redirectUrls ?? [],
        ...(input.ratePerSecond !== undefined ? { ratePerSecond: input.ratePerSecond } : {}),
        ...(input.weight !== undefined ? { weight: input.weight } : {}),
      }),
      createdAt: now.toISOString(),
    };
    await this.#kv.put(PREFIX + record.secretId, JSON.stringify(record));
    memoOf(this.#kv).records.forget(record.secretId);
    await this.#kv.put(BY_PARTNER_ID + record.partnerId, record.secretId);
    for (const origin of record.origins) {
      await this.#updateOrigin(origin, (ids) => [...ids, record.partnerId]);
    }
    return { record, secretKey: await derivePartnerSecretKey(this.#seed, record.secretId) };
  }

  /**
   * Changes an active partner's lists, rate or weight (each list given replaces the partner's); undefined when there
   * is no active partner with that id. Its own isolate sees the change at once, others within a minute.
   */
  async update(
    partnerId: string,
    changes: PartnerChanges,
    now = new Date(),
  ): Promise<PartnerRecord | undefined> {
    const current = await this.getByPartnerId(partnerId);
    const record = current && (await this.get(current.secretId, { fresh: true }));
    if (!record || record.revokedAt) return undefined;
    const updated: PartnerRecord = {
      ...record,
      ...this.#checked({ ...record, redirectUrls: record.redirectUrls ?? [], ...changes }),
      updatedAt: now.toISOString(),
    };
    await this.#kv.put(PREFIX + record.secretId, JSON.stringify(updated));
    memoOf(this.#kv).records.forget(record.secretId);
    for (const origin of record.origins.filter((origin) => !updated.origins.includes(origin))) {
      await this.#updateOrigin(origin, (ids) => ids.filter((id) => id !== partnerId));
    }
    for (const origin of updated.origins.filter((origin) => !record.origins.includes(origin))) {
      await this.#updateOrigin(origin, (ids) => [...ids, partnerId]);
    }
    return updated;
  }

  /**
   * The lists, rate and weight as stored: known actions, normalised origins and redirect URLs, a rate and a
   * weight in range.
   */
  #checked(
    input: Required<Omit<PartnerChanges, "ratePerSecond" | "weight">> &
      Pick<PartnerChanges, "ratePerSecond" | "weight">,
  ) {
    const actions = [...new Set(input.actions)];
    const removed = actions.flatMap((action) => {
      const removal = removedAction(action);
      return removal
        ? [`${action} was removed from FaceID on ${removal.removedOn}: use ${removal.replacement}`]
        : [];
    });
    if (removed.length > 0) throw new PartnerInputError(removed.join("; "));
    const unknown = actions.filter(
      (action) => !isFaceIdAction(action) && !(GATEWAY_ACTIONS as readonly string[]).includes(action),
    );
    if (unknown.length > 0) throw new PartnerInputError(`unknown actions: ${unknown.join(", ")}`);
    const origins = [...new Set(input.origins.map(normaliseOrigin))];
    const redirectUrls = [
      ...new Set(
        input.redirectUrls.map((url) => {
          try {
            return normaliseRedirectUrl(url, this.#allowLoopbackRedirects);
          } catch (error) {
            if (error instanceof RedirectUrlError)
              throw new PartnerInputError(`redirect URL ${url} ${error.message}`);
            throw error;
          }
        }),
      ),
    ];
    const rate = input.ratePerSecond;
    if (rate !== undefined && !(Number.isInteger(rate) && rate >= 1 && rate <= 100)) {
      throw new PartnerInputError("ratePerSecond must be a whole number from 1 to 100");
    }
    const weight = input.weight;
    if (weight !== undefined && !(Number.isInteger(weight) && weight >= 1 && weight <= 100)) {
      throw new PartnerInputError("weight must be a whole number from 1 to 100");
    }
    return {
      actions,
      origins,
      redirectUrls,
      ...(rate !== undefined ? { ratePerSecond: rate } : {}),
      ...(weight !== undefined ? { weight } : {}),
    };
  }

  /** A partner by SecretId; `fresh` skips the edge cache (for writes that must see the latest record). */
  async get(secretId: string, options: { fresh?: boolean } = {}): Promise<PartnerRecord | undefined> {
    if (!/^AKID[A-Za-z0-9]{1,64}$/.test(secretId)) return undefined;
    if (options.fresh) return (await this.#kv.get<PartnerRecord>(PREFIX + secretId, "json")) ?? undefined;
    return memoOf(this.#kv).records.read(
      secretId,
      async () =>
        (await this.#kv.get<PartnerRecord>(PREFIX + secretId, {
          type: "json",
          cacheTtl: READ_CACHE_SECONDS,
        })) ?? undefined,
    );
  }

  async getByPartnerId(partnerId: string): Promise<PartnerRecord | undefined> {
    if (!/^ptn_[A-Za-z0-9]{1,64}$/.test(partnerId)) return undefined;
    // A partner's SecretId never changes.
    const secretId = await memoOf(this.#kv).secretIds.read(
      partnerId,
      async () =>
        (await this.#kv.get(BY_PARTNER_ID + partnerId, { cacheTtl: READ_CACHE_SECONDS })) ?? undefined,
    );
    return secretId ? this.get(secretId) : undefined;
  }

  /** Whether an active partner registered this web origin (CORS preflights carry no credential). */
  async isRegisteredOrigin(origin: string): Promise<boolean> {
    const ids = await this.#kv.get<string[]>(BY_ORIGIN + origin, {
      type: "json",
      cacheTtl: READ_CACHE_SECONDS,
    });
    return (ids?.length ?? 0) > 0;
  }

  /** The secret key of an active partner; undefined when unknown or revoked. */
  async secretKeyOf(record: PartnerRecord): Promise<string | undefined> {
    return record.revokedAt ? undefined : derivePartnerSecretKey(this.#seed, record.secretId);
  }

  async list(): Promise<PartnerRecord[]> {
    return listRecords<PartnerRecord>(this.#kv, PREFIX);
  }

  /** Marks a partner revoked; returns false when there is no such SecretId. */
  async revoke(secretId: string, now = new Date()): Promise<boolean> {
    const record = await this.get(secretId, { fresh: true });
    if (!record) return false;
    if (!record.revokedAt) {
      await this.#kv.put(PREFIX + secretId, JSON.stringify({ ...record, revokedAt: now.toISOString() }));
      for (const origin of record.origins) {
        await this.#updateOrigin(origin, (ids) => ids.filter((id) => id !== record.partnerId));
      }
    }
    memoOf(this.#kv).records.forget(secretId);
    return true;
  }

  async #updateOrigin(origin: string, change: (partnerIds: string[]) => string[]): Promise<void> {
    const key = BY_ORIGIN + origin;
    const ids = change((await this.#kv.get<string[]>(key, "json")) ?? []);
    if (ids.length > 0) await this.#kv.put(key, JSON.stringify([...new Set(ids)]));
    else await this.#kv.delete(key);
  }
}

export class PartnerInputError extends Error {
  override name = "PartnerInputError";
}

/** `https://Shop.example:443/path` → `https://shop.example`; refuses anything that is not an http(s) origin. */
export function normaliseOrigin(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new PartnerInputError(`not an origin: ${value}`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw new PartnerInputError(`not an http(s) origin: ${value}`);
  return url.origin;
}
