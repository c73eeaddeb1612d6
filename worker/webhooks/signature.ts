/**
 * A delivery's `webhook-signature`, as the Standard Webhooks specification defines it
 * (https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md#signature-scheme):
 * `v1,` + base64(HMAC-SHA256(secret, `${webhookId}.${timestamp}.${body}`)), where the secret is the base64 after
 * `whsec_`; one such signature per signing secret, space-separated, during a rotation. Made with Web Crypto:
 * the reference library (`standardwebhooks`, which the tests verify every delivery with) signs with a
 * JavaScript SHA-256 that would add 12 KB to a Worker that already has the platform's.
 */
import { decodeBase64, encodeBase64 } from "../../shared/base64";
import { hmacKey, hmacSha256 } from "../tc3/digest";

export async function webhookSignature(
  secrets: readonly string[],
  webhookId: string,
  timestampSeconds: number,
  body: string,
): Promise<string> {
  const signed = `${webhookId}.${timestampSeconds}.${body}`;
  const signatures = await Promise.all(
    secrets.map(async (secret) => {
      const key = await hmacKey(new Uint8Array(decodeBase64(secret.replace(/^whsec_/, ""))));
      return `v1,${encodeBase64(new Uint8Array(await hmacSha256(key, signed)))}`;
    }),
  );
  return signatures.join(" ");
}
