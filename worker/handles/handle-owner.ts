/**
 * One Durable Object per FaceID handle (an SdkToken, a BizToken, an uploaded resource's URL): it holds the
 * partner that obtained the handle until the handle expires at Tencent, then forgets it. A Durable Object is
 * consistent across the whole edge, so a handle recorded in one location is checked in every other at once
 * (a KV record could be missing for a minute elsewhere, refusing its owner).
 */
import { DurableObject } from "cloudflare:workers";

export interface OwnerRecord {
  partnerId: string;
  /** Unix milliseconds, the gateway's clock. */
  expiresAt: number;
}

export class HandleOwner extends DurableObject<Env> {
  /** Records the handle's owner; a handle is issued once, so a second owner is never recorded. */
  async record(partnerId: string, expiresAt: number): Promise<boolean> {
    const existing = await this.ctx.storage.get<OwnerRecord>("owner");
    if (existing && existing.partnerId !== partnerId) return false;
    await this.ctx.storage.put("owner", { partnerId, expiresAt } satisfies OwnerRecord);
    await this.ctx.storage.setAlarm(expiresAt);
    return true;
  }

  /** The owner and the handle's expiry while it lives; undefined for an unknown or expired handle. */
  async ownerAt(now: number): Promise<OwnerRecord | undefined> {
    const record = await this.ctx.storage.get<OwnerRecord>("owner");
    return record && now < record.expiresAt ? record : undefined;
  }

  override async alarm(): Promise<void> {
    await this.ctx.storage.deleteAll();
  }
}
