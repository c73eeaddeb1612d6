/**
 * Partner credentials in Tencent's own form (a SecretId and a SecretKey), so an official SDK takes them
 * unchanged. The SecretKey is never stored: it is derived as HMAC-SHA256(PARTNER_KEY_SEED, SecretId), shown
 * once at creation and re-derived on each verification. A leaked partner table therefore leaks no secret;
 * rotating the seed rotates every partner's key at once.
 */
import { hmacKey, hmacSha256 } from "../tc3/digest";

const ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** `AKID` + 32 random alphanumerics, the shape of a Tencent SecretId (36 characters). */
export function newSecretId(): string {
  return `AKID${randomText(32)}`;
}

export function newPartnerId(): string {
  return `ptn_${randomText(16)}`;
}

export async function derivePartnerSecretKey(seed: string, secretId: string): Promise<string> {
  const mac = await seedMac(seed, `faceid-edge partner secret v1\u0000${secretId}`);
  // 32 characters of the same alphabet as Tencent's keys (about 190 bits).
  let key = "";
  for (let i = 0; i < 32; i++) key += ID_ALPHABET[(mac[i] ?? 0) % ID_ALPHABET.length];
  return key;
}

/**
 * HMAC-SHA256(PARTNER_KEY_SEED, `label`): every secret the gateway derives rather than stores (partner keys,
 * webhook signing secrets) is one of these, each under a label of its own.
 */
export async function seedMac(seed: string, label: string): Promise<Uint8Array> {
  return new Uint8Array(await hmacSha256(await seedKey(seed), label));
}

/**
 * The seed imported once per isolate (a deployment has one; tests a few). Keys, never a pending import: a
 * request does not wait on a promise another request made.
 */
const seedKeys = new Map<string, CryptoKey>();

async function seedKey(seed: string): Promise<CryptoKey> {
  const held = seedKeys.get(seed);
  if (held !== undefined) return held;
  const key = await hmacKey(seed);
  if (seedKeys.size >= 8) seedKeys.clear();
  seedKeys.set(seed, key);
  return key;
}

/**
 * Uniform random characters of `alphabet` (alphanumerics by default): a byte at or above the largest multiple
 * of the alphabet's size under 256 is redrawn, which avoids the modulo bias.
 */
export function randomText(length: number, alphabet = ID_ALPHABET): string {
  const limit = 256 - (256 % alphabet.length);
  let out = "";
  while (out.length < length) {
    for (const byte of crypto.getRandomValues(new Uint8Array(length * 2))) {
      if (byte < limit && out.length < length) out += alphabet[byte % alphabet.length];
    }
  }
  return out;
}
