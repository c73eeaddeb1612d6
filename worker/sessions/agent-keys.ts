/**
 * Agent keys: long-lived, per support agent, revocable credentials that the extension exchanges for
 * short-lived session tokens (POST /v1/sessions). The key is `fea_<keyId>_<secret>`; KV holds only its
 * SHA-256, so a leaked table does not leak a usable key.
 */
import { randomText } from "../partners/credentials";
import { listRecords } from "../partners/kv-records";
import { sha256Hex, timingSafeEqual } from "../tc3/digest";

export interface AgentKeyRecord {
  keyId: string;
  partnerId: string;
  name: string;
  keyHash: string;
  createdAt: string;
  revokedAt?: string;
}

export type AgentKeyCheck =
  | { ok: true; record: AgentKeyRecord }
  | { ok: false; reason: "malformed" | "unknown" | "revoked" };

const PREFIX = "agent-key:";
const KEY_PATTERN = /^fea_([A-Za-z0-9]{12})_[A-Za-z0-9]{32}$/;

export class AgentKeyStore {
  readonly #kv: KVNamespace;

  constructor(kv: KVNamespace) {
    this.#kv = kv;
  }

  async create(
    partnerId: string,
    name: string,
    now = new Date(),
  ): Promise<{ agentKey: string; record: AgentKeyRecord }> {
    const keyId = randomText(12);
    const agentKey = `fea_${keyId}_${randomText(32)}`;
    const record: AgentKeyRecord = {
      keyId,
      partnerId,
      name: name.trim(),
      keyHash: await sha256Hex(agentKey),
      createdAt: now.toISOString(),
    };
    await this.#kv.put(PREFIX + keyId, JSON.stringify(record));
    return { agentKey, record };
  }

  async check(agentKey: string): Promise<AgentKeyCheck> {
    const keyId = KEY_PATTERN.exec(agentKey)?.[1];
    if (!keyId) return { ok: false, reason: "malformed" };
    const record = await this.get(keyId);
    if (!record || !timingSafeEqual(record.keyHash, await sha256Hex(agentKey)))
      return { ok: false, reason: "unknown" };
    if (record.revokedAt) return { ok: false, reason: "revoked" };
    return { ok: true, record };
  }

  async get(keyId: string, options: { fresh?: boolean } = {}): Promise<AgentKeyRecord | undefined> {
    const record = await this.#kv.get<AgentKeyRecord>(PREFIX + keyId, {
      type: "json",
      ...(options.fresh ? {} : { cacheTtl: 60 }),
    });
    return record ?? undefined;
  }

  async list(partnerId?: string): Promise<AgentKeyRecord[]> {
    const records = await listRecords<AgentKeyRecord>(this.#kv, PREFIX);
    return partnerId ? records.filter((record) => record.partnerId === partnerId) : records;
  }

  async revoke(keyId: string, now = new Date()): Promise<boolean> {
    const record = await this.get(keyId, { fresh: true });
    if (!record) return false;
    if (!record.revokedAt)
      await this.#kv.put(PREFIX + keyId, JSON.stringify({ ...record, revokedAt: now.toISOString() }));
    return true;
  }
}
