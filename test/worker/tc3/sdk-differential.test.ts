// Differential test, inside workerd (the gateway's runtime): our Web Crypto signer and verifier against the
// official Node SDK's own signer (Sign.sign3 in tencentcloud-sdk-nodejs, run under workerd's Node
// compatibility) on hundreds of random cases: random bodies (non-ASCII, large), content types with and
// without charset, timestamps around UTC midnight.
import { Buffer } from "node:buffer";
import Sign from "tencentcloud-sdk-nodejs/tencentcloud/common/sign.js";
import { describe, expect, it } from "vitest";
import { toHex } from "../../../worker/tc3/digest";
import { Tc3Signer } from "../../../worker/tc3/signer";
import { Tc3Verifier } from "../../../worker/tc3/verifier";

/** A small seeded PRNG (mulberry32) so a failing case can be reproduced from its seed. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHABETS = [
  "abcdefghijklmnopqrstuvwxyz0123456789",
  "ÄÖÜäöüßéèçñ",
  "中文名字测试身份验证",
  "🙂🎉👩‍💻",
  '"\\{}[],:\n\t ',
];
const CONTENT_TYPES = [
  "application/json",
  "application/json; charset=utf-8",
  "application/json;charset=UTF-8",
];
const HOSTS = [
  "faceid.intl.tencentcloudapi.com",
  "faceid.ap-singapore.tencentcloudapi.com",
  "127.0.0.1",
  "edge.example.com",
];
const MIDNIGHT = Date.UTC(2026, 10, 21) / 1000;

function randomCase(seed: number) {
  const next = random(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)] as T;
  const length = next() < 0.05 ? 2_000_000 + Math.floor(next() * 1_000_000) : Math.floor(next() * 3000);
  let text = "";
  const alphabet = pick(ALPHABETS);
  const chars = [...alphabet];
  if (length > 100_000) text = pick(chars).repeat(length);
  else for (let i = 0; i < length; i++) text += pick(chars);
  const host = pick(HOSTS);
  return {
    body: Buffer.from(new TextEncoder().encode(JSON.stringify({ Text: text, N: Math.floor(next() * 1e9) }))),
    contentType: pick(CONTENT_TYPES).toLowerCase(),
    timestamp: MIDNIGHT + Math.floor(next() * 7200) - 3600,
    host,
    service: host.split(".")[0] as string,
    secretId: `AKID${Math.floor(next() * 1e12)}`,
    secretKey: `key-${Math.floor(next() * 1e12)}-${pick(chars)}`,
  };
}

type Case = ReturnType<typeof randomCase>;

/** The official SDK's Authorization header for a case. */
function officialAuthorization(c: Case): string {
  return Sign.sign3({
    method: "POST",
    url: `https://${c.host}/`,
    payload: c.body,
    timestamp: c.timestamp,
    service: c.service,
    secretId: c.secretId,
    secretKey: c.secretKey,
    headers: { "Content-Type": c.contentType },
    // Not a multipart upload: the SDK hashes the Buffer payload as given.
    multipart: false,
    boundary: "",
  });
}

describe("TC3 signer agrees with the official Node SDK", () => {
  const cases = Array.from({ length: 300 }, (_, seed) => ({ seed, ...randomCase(seed) }));

  it("on 300 random cases across UTC midnight", async () => {
    let acrossMidnight = 0;
    for (const c of cases) {
      const official = officialAuthorization(c);
      const ours = await new Tc3Signer({ secretId: c.secretId, secretKey: c.secretKey }).signBody(
        { host: c.host, service: c.service, contentType: c.contentType, timestamp: c.timestamp },
        new Uint8Array(c.body),
      );
      expect(ours.authorization, `seed ${c.seed}`).toBe(official);
      if (c.timestamp < MIDNIGHT) acrossMidnight++;
    }
    // Both sides of midnight were exercised.
    expect(acrossMidnight).toBeGreaterThan(50);
    expect(acrossMidnight).toBeLessThan(250);
  });

  it("and our verifier accepts every SDK-signed case, and rejects each with one byte changed", async () => {
    for (const c of cases.slice(0, 100)) {
      const authorization = officialAuthorization(c);
      const verifier = new Tc3Verifier({ acceptsService: () => true, clock: () => c.timestamp * 1000 });
      const headers = new Headers({
        authorization,
        "content-type": c.contentType,
        host: `${c.host}:8443`,
        "x-tc-timestamp": String(c.timestamp),
      });
      const request = { method: "POST", url: new URL(`https://${c.host}:8443/`), headers };
      const lookup = async () => c.secretKey;
      const hash = async (body: Uint8Array<ArrayBuffer>) =>
        toHex(await crypto.subtle.digest("SHA-256", body));
      const good = await verifier.verify(
        { ...request, bodyHash: await hash(new Uint8Array(c.body)) },
        lookup,
      );
      expect(good.ok, `seed ${c.seed}`).toBe(true);
      const tampered = new Uint8Array(c.body);
      tampered[tampered.length - 2] = (tampered[tampered.length - 2] as number) ^ 1;
      const bad = await verifier.verify({ ...request, bodyHash: await hash(tampered) }, lookup);
      expect(bad).toEqual({ ok: false, rejection: "signature-mismatch" });
    }
  });
});
