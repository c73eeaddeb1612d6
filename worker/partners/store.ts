/**
 * Partner records in KV: who a partner is and what it may do. Metadata only — the secret is derived
 * (partners/credentials.ts). Reads are cached at the edge for a minute, so a revocation reaches every
 * location within about 60 s.
 */
import { isFaceIdAction, VALIDATED_ACTIONS } from "../../shared/faceid/actions";
import { derivePartnerSecretKey, newPartnerId, newSecretId } from "./credentials";

export interface PartnerRecord {
  partnerId: string;
  name: string;
  secretId: string;
  /** Actions this partner may call through the Tencent dialect. */
  actions: string[];
  /** Web origins allowed to call the REST dialect with this partner's session tokens. */
  origins: string[];
  createdAt: string;
  revokedAt?: string;
}

export interface NewPartner {
  name: string;
  actions?: string[];
  origins?: string[];
}

/** The gateway's own actions, beyond Tencent's. */
export const GATEWAY_ACTIONS = ["CreateCaptureSession"] as const;

export const DEFAULT_PARTNER_ACTIONS: readonly string[] = [
  ...Object.keys(VALIDATED_ACTIONS),
  ...GATEWAY_ACTIONS,
];

const PREFIX = "partner:";
const READ_CACHE_SECONDS = 60;

export class PartnerStore {
  readonly #kv: KVNamespace;
  readonly #seed: string;

  constructor(kv: KVNamespace, seed: string) {
    this.#kv = kv;
    this.#seed = seed;
  }

  async create(input: NewPartner, now = new Date()): Promise<{ record: PartnerRecord; secretKey: string }> {
    const name = input.name.trim();
    if (!name) throw new PartnerInputError("a partner needs a name");
    const actions = input.actions?.length ? [...new Set(input.actions)] : [...DEFAULT_PARTNER_ACTIONS];
    const unknown = actions.filter(
      (action) => !isFaceIdAction(action) && !(GATEWAY_ACTIONS as readonly string[]).includes(action),
    );
    if (unknown.length > 0) throw new PartnerInputError(`unknown actions: ${unknown.join(", ")}`);
    const origins = [...new Set((input.origins ?? []).map(normaliseOrigin))];
    const record: PartnerRecord = {
      partnerId: newPartnerId(),
      name,
      secretId: newSecretId(),
      actions,
      origins,
      createdAt: now.toISOString(),
    };
    await this.#kv.put(PREFIX + record.secretId, JSON.stringify(record));
    return { record, secretKey: await derivePartnerSecretKey(this.#seed, record.secretId) };
  }

  /** A partner by SecretId; `fresh` skips the edge cache (for writes that must see the latest record). */
  async get(secretId: string, options: { fresh?: boolean } = {}): Promise<PartnerRecord | undefined> {
    if (!/^AKID[A-Za-z0-9]{1,64}$/.test(secretId)) return undefined;
    const record = await this.#kv.get<PartnerRecord>(PREFIX + secretId, {
      type: "json",
      ...(options.fresh ? {} : { cacheTtl: READ_CACHE_SECONDS }),
    });
    return record ?? undefined;
  }

  async findByPartnerId(partnerId: string): Promise<PartnerRecord | undefined> {
    return (await this.list()).find((record) => record.partnerId === partnerId);
  }

  /** The secret key of an active partner; undefined when unknown or revoked. */
  async secretKeyOf(record: PartnerRecord): Promise<string | undefined> {
    return record.revokedAt ? undefined : derivePartnerSecretKey(this.#seed, record.secretId);
  }

  async list(): Promise<PartnerRecord[]> {
    const records: PartnerRecord[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.#kv.list({ prefix: PREFIX, ...(cursor ? { cursor } : {}) });
      for (const key of page.keys) {
        const record = await this.#kv.get<PartnerRecord>(key.name, "json");
        if (record) records.push(record);
      }
      cursor = page.list_complete ? undefined : page.cursor;
    } while (cursor);
    return records.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  /** Marks a partner revoked; returns false when there is no such SecretId. */
  async revoke(secretId: string, now = new Date()): Promise<boolean> {
    const record = await this.get(secretId, { fresh: true });
    if (!record) return false;
    if (!record.revokedAt) {
      await this.#kv.put(PREFIX + secretId, JSON.stringify({ ...record, revokedAt: now.toISOString() }));
    }
    return true;
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
