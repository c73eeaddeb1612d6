/**
 * A partner's webhook endpoint in KV: its URL and the generations of its signing secret. Like partner keys
 * (partners/credentials.ts), a secret is never stored: it is derived from PARTNER_KEY_SEED, the partner and a
 * random nonce, shown once when it is made and derived again to sign. A rotation keeps the previous secret
 * signing beside the new one for 24 hours, so the partner can deploy the new one without losing an event.
 */
import { encodeBase64 } from "../../shared/base64";
import { randomText, seedMac } from "../partners/credentials";
import { checkWebhookUrl } from "./endpoint-url";

export interface SecretGeneration {
  nonce: string;
  createdAt: string;
  /** When the secret stops signing (ISO 8601); absent for the current one. */
  retiresAt?: string;
}

export interface WebhookEndpoint {
  partnerId: string;
  url: string;
  /** Newest first: the current secret, then any retiring one. */
  secrets: SecretGeneration[];
  createdAt: string;
  updatedAt: string;
}

/** What the operator is shown once, to hand to the partner. */
export interface IssuedSecret {
  url: string;
  secret: string;
}

/** How long a rotated-out secret keeps signing. */
export const ROTATION_OVERLAP_MS = 24 * 3600 * 1000;
const PREFIX = "webhook:";

export class WebhookInputError extends Error {
  override name = "WebhookInputError";
}

export class WebhookStore {
  readonly #kv: KVNamespace;
  readonly #seed: string;

  constructor(kv: KVNamespace, seed: string) {
    this.#kv = kv;
    this.#seed = seed;
  }

  /** Registers (or replaces) the partner's endpoint with a new secret; every earlier secret stops at once. */
  async set(
    partnerId: string,
    rawUrl: string,
    allowLoopback: boolean,
    now = new Date(),
  ): Promise<IssuedSecret> {
    const check = checkWebhookUrl(rawUrl, { allowLoopback });
    if (!check.ok) throw new WebhookInputError(check.reason);
    const generation = newGeneration(now);
    const previous = await this.get(partnerId);
    await this.#put({
      partnerId,
      url: check.url.href,
      secrets: [generation],
      createdAt: previous?.createdAt ?? now.toISOString(),
      updatedAt: now.toISOString(),
    });
    return { url: check.url.href, secret: await this.#secretOf(partnerId, generation) };
  }

  /** A new current secret; the one it replaces signs too for 24 hours. Undefined without an endpoint. */
  async rotate(
    partnerId: string,
    now = new Date(),
  ): Promise<(IssuedSecret & { previousRetiresAt: string }) | undefined> {
    const endpoint = await this.get(partnerId);
    if (!endpoint) return undefined;
    const retiresAt = new Date(now.getTime() + ROTATION_OVERLAP_MS).toISOString();
    const [current] = activeGenerations(endpoint, now);
    const generation = newGeneration(now);
    await this.#put({
      ...endpoint,
      secrets: [generation, ...(current ? [{ ...current, retiresAt }] : [])],
      updatedAt: now.toISOString(),
    });
    return {
      url: endpoint.url,
      secret: await this.#secretOf(partnerId, generation),
      previousRetiresAt: retiresAt,
    };
  }

  async remove(partnerId: string): Promise<boolean> {
    if (!(await this.get(partnerId))) return false;
    await this.#kv.delete(PREFIX + partnerId);
    return true;
  }

  /** Read without the edge cache: a delivery signs with the secrets as they are now. */
  async get(partnerId: string): Promise<WebhookEndpoint | undefined> {
    return (await this.#kv.get<WebhookEndpoint>(PREFIX + partnerId, "json")) ?? undefined;
  }

  /** The secrets that sign at `now`, newest first (a delivery carries one signature for each). */
  async signingSecrets(endpoint: WebhookEndpoint, now: Date): Promise<string[]> {
    return Promise.all(
      activeGenerations(endpoint, now).map((generation) => this.#secretOf(endpoint.partnerId, generation)),
    );
  }

  async #put(endpoint: WebhookEndpoint): Promise<void> {
    await this.#kv.put(PREFIX + endpoint.partnerId, JSON.stringify(endpoint));
  }

  /** `whsec_` + base64 of 32 bytes, the secret format of the Standard Webhooks libraries. */
  async #secretOf(partnerId: string, generation: SecretGeneration): Promise<string> {
    const mac = await seedMac(
      this.#seed,
      `faceid-edge webhook secret v1\u0000${partnerId}\u0000${generation.nonce}`,
    );
    return `whsec_${encodeBase64(mac)}`;
  }
}

function newGeneration(now: Date): SecretGeneration {
  return { nonce: randomText(24), createdAt: now.toISOString() };
}

function activeGenerations(endpoint: WebhookEndpoint, now: Date): SecretGeneration[] {
  return endpoint.secrets.filter(
    (generation) => !generation.retiresAt || Date.parse(generation.retiresAt) > now.getTime(),
  );
}
