// The headers an official Tencent SDK sends when it calls the gateway with partner credentials, signed with
// our signer (itself checked against the SDK's: test/worker/tc3/sdk-differential.test.ts). Runtime-neutral:
// used by workerd tests, the resilience suite and the benchmark.
import { Tc3Signer } from "../../worker/tc3/signer";

export interface PartnerSignatureOptions {
  secretId: string;
  secretKey: string;
  action: string;
  body: string | Uint8Array<ArrayBuffer>;
  region?: string;
  version?: string;
  /** The host the SDK signs: the Node SDK signs the host name, other SDKs the host with its port. */
  signedHost?: string;
  service?: string;
  timestamp?: number;
  contentType?: string;
}

export async function partnerHeaders(options: PartnerSignatureOptions): Promise<Record<string, string>> {
  const contentType = options.contentType ?? "application/json";
  const signer = new Tc3Signer({ secretId: options.secretId, secretKey: options.secretKey });
  const signed = await signer.signBody(
    {
      host: options.signedHost ?? "127.0.0.1",
      service: options.service ?? "127",
      contentType,
      ...(options.timestamp !== undefined ? { timestamp: options.timestamp } : {}),
    },
    options.body,
  );
  return {
    Authorization: signed.authorization,
    "Content-Type": contentType,
    "X-TC-Action": options.action,
    "X-TC-Version": options.version ?? "2018-03-01",
    "X-TC-Timestamp": String(signed.timestamp),
    "X-TC-Region": options.region ?? "ap-singapore",
  };
}
