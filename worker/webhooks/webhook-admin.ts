/**
 * What the operator can do with a partner's webhook, for both ways in: the admin API (webhooks/admin-routes.ts,
 * `npm run partner -- --remote`) and the CLI on local state (scripts/partner.ts). Sending (test, redeliver)
 * needs the Worker's queue, so it is only in the admin API.
 */
import type { WebhookDelivery } from "../../shared/webhooks/events";
import type { PartnerStore } from "../partners/store";
import type { DeliveryLog } from "./delivery-log";
import { type IssuedSecret, WebhookInputError, type WebhookStore } from "./webhook-store";

export interface WebhookAdminDeps {
  partners: PartnerStore;
  webhooks: WebhookStore;
  deliveries: DeliveryLog;
  allowLoopback: boolean;
}

export class WebhookAdmin {
  readonly #deps: WebhookAdminDeps;

  constructor(deps: WebhookAdminDeps) {
    this.#deps = deps;
  }

  /** Registers the partner's endpoint with a new signing secret (shown only in this answer). */
  async set(partnerId: string, url: string): Promise<IssuedSecret> {
    await this.activePartner(partnerId);
    return this.#deps.webhooks.set(partnerId, url, this.#deps.allowLoopback);
  }

  /** A new secret; the previous one keeps signing for 24 hours. */
  async rotate(partnerId: string): Promise<IssuedSecret & { previousRetiresAt: string }> {
    await this.activePartner(partnerId);
    const rotated = await this.#deps.webhooks.rotate(partnerId);
    if (!rotated) throw new WebhookInputError(`partner ${partnerId} has no webhook`);
    return rotated;
  }

  remove(partnerId: string): Promise<boolean> {
    return this.#deps.webhooks.remove(partnerId);
  }

  deliveries(partnerId: string, limit?: number): Promise<WebhookDelivery[]> {
    return this.#deps.deliveries.list(partnerId, limit);
  }

  /** The partner, when it exists and is not revoked; a WebhookInputError otherwise. */
  async activePartner(partnerId: string) {
    const partner = await this.#deps.partners.getByPartnerId(partnerId);
    if (!partner || partner.revokedAt) throw new WebhookInputError(`no active partner ${partnerId}`);
    return partner;
  }
}
