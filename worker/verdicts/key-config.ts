/**
 * The verdict keys as the operator configures them, read and checked once per isolate (config.ts):
 *   VERDICT_SIGNING_KEY   secret: the private Ed25519 key that signs verdict tokens, as one JWK with its `kid`
 *   VERDICT_RETIRED_KEYS  var: public JWKs of keys rotated out, a JSON array (or a JWK Set `{"keys":[…]}`),
 *                         which /.well-known/jwks.json keeps serving until the tokens they signed have expired
 *   VERDICT_ISSUER        var, optional: the tokens' `iss`, an http(s) origin; empty: the origin each request
 *                         came to (one of GATEWAY_HOSTS when that is set)
 * A problem never stops the Worker: verdicts are then refused (the compare route answers an error, never a
 * verdict without a token) and the log names the variable and the member at fault, never a value.
 */
import * as z from "zod";

/** A public key as /.well-known/jwks.json serves it: built member by member, so no private member can follow. */
export interface VerdictPublicJwk {
  kty: "OKP";
  crv: "Ed25519";
  x: string;
  kid: string;
  alg: "EdDSA";
  use: "sig";
}

export interface VerdictKeyConfig {
  /** VERDICT_ISSUER as an origin; undefined: each token names the origin its request came to. */
  issuer?: string;
  /** The key that signs, when VERDICT_SIGNING_KEY and VERDICT_RETIRED_KEYS are both valid. */
  signing?: { kid: string; privateJwk: { kty: "OKP"; crv: "Ed25519"; x: string; d: string } };
  /** Every public key to serve, the signing key's first; the valid ones even when signing is off. */
  publicKeys: VerdictPublicJwk[];
  /** Why signing is off; empty when it is on. Names variables and members only. */
  problems: string[];
}

export function readVerdictKeyConfig(
  signingKey: unknown,
  retiredKeys: unknown,
  issuerValue: unknown,
): VerdictKeyConfig {
  const problems: string[] = [];
  const issuer = readIssuer(text(issuerValue), problems);
  const signing = readSigningKey(text(signingKey), problems);
  const retired = readRetiredKeys(text(retiredKeys), problems);
  const publicKeys: VerdictPublicJwk[] = signing ? [publicJwk(signing)] : [];
  for (const key of retired) {
    const same = publicKeys.find((known) => known.kid === key.kid);
    // The signing key listed among the retired ones (step 1 of a rotation) is served once.
    if (same?.x === key.x) continue;
    if (same) {
      problems.push(`VERDICT_RETIRED_KEYS: kid ${JSON.stringify(key.kid)} names two different keys`);
      continue;
    }
    publicKeys.push(key);
  }
  const common = { ...(issuer ? { issuer } : {}), publicKeys, problems };
  if (!signing || problems.length > 0) return common;
  const { kty, crv, x, d, kid } = signing;
  return { ...common, signing: { kid, privateJwk: { kty, crv, x, d } } };
}

// ---------------------------------------------------------------------------------------------------------

/** 32 bytes, base64url without padding (RFC 8037 §2). */
const KEY_BYTES = z.string().regex(/^[A-Za-z0-9_-]{43}$/);
const KID = z.string().regex(/^[\x21-\x7e]{1,128}$/);

const PublicJwkSchema = z.object({
  kty: z.literal("OKP"),
  crv: z.literal("Ed25519"),
  x: KEY_BYTES,
  kid: KID,
  alg: z.literal("EdDSA").optional(),
  use: z.literal("sig").optional(),
});

const PrivateJwkSchema = PublicJwkSchema.extend({ d: KEY_BYTES });

type PrivateJwk = z.infer<typeof PrivateJwkSchema>;

function readSigningKey(value: string, problems: string[]): PrivateJwk | undefined {
  const name = "VERDICT_SIGNING_KEY";
  if (!value) {
    problems.push(`${name} is not set`);
    return undefined;
  }
  const parsed = parseJson(value);
  if (parsed === undefined) {
    problems.push(`${name} is not JSON (expected one private Ed25519 JWK)`);
    return undefined;
  }
  const result = PrivateJwkSchema.safeParse(parsed);
  if (!result.success) {
    problems.push(`${name}: ${memberProblem(result.error)}`);
    return undefined;
  }
  return result.data;
}

function readRetiredKeys(value: string, problems: string[]): VerdictPublicJwk[] {
  const name = "VERDICT_RETIRED_KEYS";
  if (!value) return [];
  const parsed = parseJson(value);
  const list = Array.isArray(parsed)
    ? parsed
    : isRecord(parsed) && Array.isArray(parsed.keys)
      ? parsed.keys
      : undefined;
  if (list === undefined) {
    problems.push(`${name} is not a JSON array of public JWKs (or a JWK Set)`);
    return [];
  }
  const keys: VerdictPublicJwk[] = [];
  list.forEach((entry: unknown, index) => {
    if (isRecord(entry) && "d" in entry) {
      // A private key in a plain variable is a leak already; it is never served, and signing stops until fixed.
      problems.push(`${name}[${index}] holds a private key (member d): list public keys only`);
      return;
    }
    const result = PublicJwkSchema.safeParse(entry);
    if (result.success) keys.push(publicJwk(result.data));
    else problems.push(`${name}[${index}]: ${memberProblem(result.error)}`);
  });
  return keys;
}

function readIssuer(value: string, problems: string[]): string | undefined {
  if (!value) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || !/^https?:$/.test(url.protocol) || `${url.origin}/` !== url.href.replace(/\/?$/, "/")) {
    problems.push("VERDICT_ISSUER is not an http(s) origin such as https://faceid.edge.example.com");
    return undefined;
  }
  return url.origin;
}

function publicJwk(key: { x: string; kid: string }): VerdictPublicJwk {
  return { kty: "OKP", crv: "Ed25519", x: key.x, kid: key.kid, alg: "EdDSA", use: "sig" };
}

/** The first member at fault, by name only: zod's own messages may quote the value. */
function memberProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  const member = issue?.path.join(".");
  if (!member) return "is not a JSON object (expected an Ed25519 JWK)";
  return `member ${member} is missing or not what an Ed25519 (OKP) JWK for EdDSA signing holds`;
}

function parseJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function text(value: unknown): string {
  return typeof value === "string" ? value.trim() : "";
}
