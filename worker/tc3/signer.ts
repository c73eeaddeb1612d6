/**
 * Signs an outgoing FaceID call with TC3-HMAC-SHA256. The clock is injectable so tests are deterministic, and
 * the derived signing key is cached per (secret, date, service): it changes once a day, and deriving it costs
 * three HMACs per request otherwise.
 */
import { type Bytes, hmacKey, sha256Hex } from "./digest";
import {
  authorizationHeader,
  canonicalHeaders,
  canonicalRequest,
  credentialScope,
  deriveSigningKey,
  type SignedHeader,
  signatureOf,
  stringToSign,
  utcDate,
} from "./steps";

/** Milliseconds since the Unix epoch, like `Date.now`. */
export type Clock = () => number;

export interface Tc3Credentials {
  secretId: string;
  secretKey: string;
}

export interface Tc3SignInput {
  /** The host the request is sent to, exactly as in its Host header. */
  host: string;
  service: string;
  contentType: string;
  /** Lowercase hex SHA-256 of the body bytes, when the caller already has it (one hash per body). */
  payloadHash: string;
  /** When given, `x-tc-action` is signed too (as the current official demo does). */
  action?: string;
  /** Unix seconds; defaults to the signer's clock. */
  timestamp?: number;
}

export interface Tc3Signature {
  authorization: string;
  timestamp: number;
}

export class Tc3Signer {
  readonly #credentials: Tc3Credentials;
  readonly #clock: Clock;

  constructor(credentials: Tc3Credentials, options: { clock?: Clock } = {}) {
    this.#credentials = credentials;
    this.#clock = options.clock ?? Date.now;
  }

  get secretId(): string {
    return this.#credentials.secretId;
  }

  async sign(input: Tc3SignInput): Promise<Tc3Signature> {
    const timestamp = input.timestamp ?? Math.floor(this.#clock() / 1000);
    const headers: SignedHeader[] = [
      ["content-type", input.contentType],
      ["host", input.host],
    ];
    if (input.action !== undefined) headers.push(["x-tc-action", input.action]);
    const canonical = canonicalRequest({
      method: "POST",
      path: "/",
      query: "",
      headers,
      payloadHash: input.payloadHash,
    });
    const date = utcDate(timestamp);
    const scope = credentialScope(date, input.service);
    const key = await signingKeys.get(this.#credentials.secretKey, date, input.service);
    const signature = await signatureOf(key, await stringToSign(timestamp, scope, canonical));
    return {
      timestamp,
      authorization: authorizationHeader({
        secretId: this.#credentials.secretId,
        scope,
        signedHeaders: canonicalHeaders(headers).signedHeaders,
        signature,
      }),
    };
  }

  /** Signs a body given as bytes or text, hashing it here. */
  async signBody(input: Omit<Tc3SignInput, "payloadHash">, body: Bytes | string) {
    return this.sign({ ...input, payloadHash: await sha256Hex(body) });
  }
}

/**
 * Derived signing keys by (secret, date, service), imported once for signing. Bounded, so an isolate that
 * verifies many partners cannot grow it without limit; the oldest entry goes first. It holds keys, never a
 * pending derivation: a request does not wait on a promise another request made (workerd binds a
 * continuation's I/O to one request), so two first uses at once each derive the key.
 */
export class SigningKeyCache {
  readonly #entries = new Map<string, CryptoKey>();
  readonly #capacity: number;

  constructor(capacity = 256) {
    this.#capacity = capacity;
  }

  async get(secretKey: string, date: string, service: string): Promise<CryptoKey> {
    const id = `${date}\u0000${service}\u0000${secretKey}`;
    const held = this.#entries.get(id);
    if (held !== undefined) return held;
    const key = await hmacKey(await deriveSigningKey(secretKey, date, service));
    if (this.#entries.size >= this.#capacity) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    this.#entries.set(id, key);
    return key;
  }
}

/**
 * The isolate's derived keys, shared by every signer: the gateway makes a FaceID client (and so a
 * signer) per request, and a cache per signer derived the key again on every call.
 */
const signingKeys = new SigningKeyCache();
