// The worked example of Tencent's signature v3 page (CVM DescribeInstances), checked step by step.
import { describe, expect, it, vi } from "vitest";
import { sha256Hex } from "../../../worker/tc3/digest";
import { Tc3Signer } from "../../../worker/tc3/signer";
import {
  canonicalHeaders,
  canonicalRequest,
  credentialScope,
  deriveSigningKey,
  signatureOf,
  stringToSign,
  utcDate,
} from "../../../worker/tc3/steps";

const BODY = '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}';
const BODY_HASH = "35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064";
const TIMESTAMP = 1551113065;
const SECRET_ID = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE";
const CONTENT_TYPE = "application/json; charset=utf-8";
const HOST = "cvm.tencentcloudapi.com";

const examples = [
  {
    name: "EXAMPLE key, content-type;host",
    secretKey: "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
    action: undefined,
    signedHeaders: "content-type;host",
    canonicalHash: "5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031",
    signature: "72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168",
  },
  {
    name: "asterisk key, content-type;host",
    secretKey: "Gu5t9xGARNpq86cd98joQYCN3*******",
    action: undefined,
    signedHeaders: "content-type;host",
    canonicalHash: "5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031",
    signature: "2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c",
  },
  {
    name: "asterisk key, content-type;host;x-tc-action",
    secretKey: "Gu5t9xGARNpq86cd98joQYCN3*******",
    action: "DescribeInstances",
    signedHeaders: "content-type;host;x-tc-action",
    canonicalHash: "7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84",
    signature: "be4f67d323c78ab9acb7395e43c0dbcf822a9cfac32fea2449a7bc7726b770a3",
  },
] as const;

describe("TC3 official worked example", () => {
  it("hashes the body byte for byte", async () => {
    expect(await sha256Hex(BODY)).toBe(BODY_HASH);
  });

  it("dates the scope in UTC", () => {
    expect(utcDate(TIMESTAMP)).toBe("2019-02-25");
    expect(credentialScope("2019-02-25", "cvm")).toBe("2019-02-25/cvm/tc3_request");
  });

  for (const example of examples) {
    describe(example.name, () => {
      const headers: [string, string][] = [
        ["Content-Type", CONTENT_TYPE],
        ["Host", HOST],
      ];
      if (example.action) headers.push(["X-TC-Action", example.action]);

      it("builds the canonical headers with lowercased names and values", () => {
        const { canonical, signedHeaders } = canonicalHeaders(headers);
        expect(signedHeaders).toBe(example.signedHeaders);
        expect(canonical).toBe(
          `content-type:${CONTENT_TYPE}\nhost:${HOST}\n${example.action ? "x-tc-action:describeinstances\n" : ""}`,
        );
      });

      it("hashes the canonical request to the documented value", async () => {
        const canonical = canonicalRequest({
          method: "POST",
          path: "/",
          query: "",
          headers,
          payloadHash: BODY_HASH,
        });
        expect(await sha256Hex(canonical)).toBe(example.canonicalHash);
      });

      it("signs to the documented signature, step by step", async () => {
        const canonical = canonicalRequest({
          method: "POST",
          path: "/",
          query: "",
          headers,
          payloadHash: BODY_HASH,
        });
        const toSign = await stringToSign(TIMESTAMP, "2019-02-25/cvm/tc3_request", canonical);
        expect(toSign).toBe(
          `TC3-HMAC-SHA256\n${TIMESTAMP}\n2019-02-25/cvm/tc3_request\n${example.canonicalHash}`,
        );
        const key = await deriveSigningKey(example.secretKey, "2019-02-25", "cvm");
        expect(await signatureOf(key, toSign)).toBe(example.signature);
      });

      it("produces the documented Authorization header through the signer", async () => {
        const signer = new Tc3Signer({ secretId: SECRET_ID, secretKey: example.secretKey });
        const signed = await signer.signBody(
          {
            host: HOST,
            service: "cvm",
            contentType: CONTENT_TYPE,
            action: example.action,
            timestamp: TIMESTAMP,
          },
          BODY,
        );
        expect(signed.authorization).toBe(
          `TC3-HMAC-SHA256 Credential=${SECRET_ID}/2019-02-25/cvm/tc3_request, SignedHeaders=${example.signedHeaders}, Signature=${example.signature}`,
        );
      });
    });
  }
});

describe("the signer's derived keys", () => {
  it("are derived once per isolate, however many signers sign (the gateway makes one per request)", async () => {
    const input = { host: HOST, service: "cvm", contentType: CONTENT_TYPE, timestamp: TIMESTAMP } as const;
    const [example] = examples;
    const credentials = { secretId: SECRET_ID, secretKey: `${example.secretKey}-once` };
    const first = await new Tc3Signer(credentials).signBody(input, BODY);
    const importKey = vi.spyOn(crypto.subtle, "importKey");
    try {
      const second = await new Tc3Signer(credentials).signBody(input, BODY);
      expect(second).toEqual(first);
      // Deriving imports three HMAC keys, and the signing key once more; a held key imports none.
      expect(importKey).not.toHaveBeenCalled();
      await new Tc3Signer({ ...credentials, secretKey: `${example.secretKey}-other` }).signBody(input, BODY);
      expect(importKey).toHaveBeenCalledTimes(4);
    } finally {
      importKey.mockRestore();
    }
  });
});
