/**
 * Signs verdict tokens with the configured key and publishes the public keys. The private key is imported once
 * per isolate, on the first verdict, and checked against its own public half (a JWK whose `x` does not belong
 * to its `d` would sign tokens nobody can verify); the key material never reaches a log, an error or an answer.
 */
import { importJWK, SignJWT } from "jose";
import { fail } from "../errors/failure";
import type { VerdictKeyConfig, VerdictPublicJwk } from "./key-config";
import {
  VERDICT_TOKEN_ALGORITHM,
  VERDICT_TOKEN_TTL_SECONDS,
  VERDICT_TOKEN_TYPE,
  type VerdictFacts,
} from "./verdict-token";

/** A key ready to sign; obtained before a verification is spent, so no verdict is ever left without a token. */
export interface ReadyVerdictSigner {
  /** The compact JWS for `facts`; `requestUrl` gives the issuer when VERDICT_ISSUER is not set. */
  sign(facts: VerdictFacts, at: { nowMs: number; requestUrl: string }): Promise<string>;
}

export class VerdictSigner {
  readonly #config: VerdictKeyConfig;
  #ready: Promise<ReadyVerdictSigner | undefined> | undefined;

  constructor(config: VerdictKeyConfig) {
    this.#config = config;
  }

  /** The JWK Set for /.well-known/jwks.json: public members only, the signing key first. */
  jwks(): { keys: VerdictPublicJwk[] } {
    return { keys: this.#config.publicKeys };
  }

  /** The signer, or the failure that says verdicts cannot be signed now. */
  async ready(): Promise<ReadyVerdictSigner> {
    this.#ready ??= this.#prepare();
    const signer = await this.#ready;
    if (!signer) fail({ kind: "verdict-signing-unavailable" });
    return signer;
  }

  async #prepare(): Promise<ReadyVerdictSigner | undefined> {
    const { signing, issuer } = this.#config;
    if (!signing) return undefined;
    const { privateJwk, kid } = signing;
    let privateKey: CryptoKey;
    try {
      privateKey = (await importJWK(privateJwk, VERDICT_TOKEN_ALGORITHM)) as CryptoKey;
      if (!(await holdsPair(privateKey, privateJwk.x))) throw new Error("mismatched key halves");
    } catch {
      console.error(
        JSON.stringify({
          error: "verdict signing is off",
          problems: ["VERDICT_SIGNING_KEY: its d is not an Ed25519 private key whose public half is its x"],
        }),
      );
      return undefined;
    }
    return {
      sign(facts, at) {
        const nowSeconds = Math.floor(at.nowMs / 1000);
        return new SignJWT({ ...facts })
          .setProtectedHeader({ alg: VERDICT_TOKEN_ALGORITHM, kid, typ: VERDICT_TOKEN_TYPE })
          .setIssuer(issuer ?? new URL(at.requestUrl).origin)
          .setJti(crypto.randomUUID())
          .setIssuedAt(nowSeconds)
          .setExpirationTime(nowSeconds + VERDICT_TOKEN_TTL_SECONDS)
          .sign(privateKey);
      },
    };
  }
}

// ---------------------------------------------------------------------------------------------------------

const PROBE = new TextEncoder().encode("faceid-edge verdict key check");

/** Whether the private key's signature verifies under the public key `x`. */
async function holdsPair(privateKey: CryptoKey, x: string): Promise<boolean> {
  const publicKey = (await importJWK(
    { kty: "OKP", crv: "Ed25519", x },
    VERDICT_TOKEN_ALGORITHM,
  )) as CryptoKey;
  const signature = await crypto.subtle.sign("Ed25519", privateKey, PROBE);
  return crypto.subtle.verify("Ed25519", publicKey, signature, PROBE);
}
