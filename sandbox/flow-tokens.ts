/**
 * Tokens of the flows Tencent runs in its app SDKs (selfie verification, eKYC, NFC reads), kept in the
 * SANDBOX_STATE KV so the call that reads by a token can tell one the sandbox issued from one it never did.
 * Like the liveness tokens (./liveness-tokens.ts), every time is the injected clock's; KV's own expiry only
 * cleans up, a little after the token's last readable moment.
 */

export interface FlowToken<T> {
  /** Milliseconds, injected clock. */
  issuedAt: number;
  /** What the minting call asked for, as the reading call needs it. */
  request: T;
}

/** Tokens are UUIDs; case is not significant. */
const TOKEN_FORM = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class FlowTokenStore<T> {
  readonly #kv: KVNamespace;
  readonly #prefix: string;
  readonly #lifetimeSeconds: number;
  readonly #clock: () => number;

  /** `kind` names the flow in the KV key; `lifetimeSeconds` is how long Tencent keeps a token readable. */
  constructor(kv: KVNamespace, kind: string, lifetimeSeconds: number, clock: () => number) {
    this.#kv = kv;
    this.#prefix = `${kind}-token/`;
    this.#lifetimeSeconds = lifetimeSeconds;
    this.#clock = clock;
  }

  async mint(request: T): Promise<string> {
    const token = crypto.randomUUID();
    const record: FlowToken<T> = { issuedAt: this.#clock(), request };
    await this.#kv.put(this.#prefix + token, JSON.stringify(record), {
      expirationTtl: this.#lifetimeSeconds + 60,
    });
    return token;
  }

  /** The token's record; "unknown" when never issued (or not a UUID), "expired" past its lifetime. */
  async read(token: string): Promise<FlowToken<T> | "unknown" | "expired"> {
    if (!TOKEN_FORM.test(token)) return "unknown";
    const record = await this.#kv.get<FlowToken<T>>(this.#prefix + token.toLowerCase(), "json");
    if (record === null) return "unknown";
    return this.#clock() - record.issuedAt > this.#lifetimeSeconds * 1000 ? "expired" : record;
  }
}
