// The signed verdict: every REST compare answer carries a verdictToken that a partner's backend verifies with
// jose against the gateway's own /.well-known/jwks.json, and that nothing but the gateway's key can make.

import { env } from "cloudflare:workers";
import {
  calculateJwkThumbprint,
  createLocalJWKSet,
  decodeProtectedHeader,
  exportJWK,
  generateKeyPair,
  type JSONWebKeySet,
  type JWTPayload,
  jwtVerify,
  SignJWT,
} from "jose";
import { afterEach, describe, expect, it, vi } from "vitest";
import { withSandboxOutcome } from "../../sandbox/outcome-marker";
import type { CompareResult, CreateSessionResponse } from "../../shared/rest/api";
import { publishedDocs } from "../../worker/docs/published";
import { VERDICT_TOKEN_TYPE } from "../../worker/verdicts/verdict-token";
import { fixtureBytes } from "../support/fixtures";
import {
  compareForm,
  GATEWAY_URL,
  GatewayClock,
  restPartner,
  restRequest,
  silentCompareForm,
  testGateway,
} from "../support/gateway";

const ISSUER = new URL(GATEWAY_URL).origin;
const JWKS_URL = `${GATEWAY_URL}.well-known/jwks.json`;

type Gateway = ReturnType<typeof testGateway>;

afterEach(() => {
  vi.restoreAllMocks();
});

describe("a compare's verdictToken", () => {
  it("verifies against the gateway's JWKS for the partner and the gateway, with every claim of the verdict", async () => {
    const clock = new GatewayClock();
    const gateway = testGateway({ clock: clock.read });
    const partner = await restPartner(gateway);
    const session = await newSession(gateway, partner.agentKey, { externalId: "case-4711" });

    const verdict = await compare(gateway, session.sessionToken);
    expect(verdict.passed).toBe(true);

    const { payload, protectedHeader } = await jwtVerify(verdict.verdictToken, await gatewayKeys(gateway), {
      issuer: ISSUER,
      audience: partner.partner.partnerId,
      typ: VERDICT_TOKEN_TYPE,
      algorithms: ["EdDSA"],
      currentDate: new Date(clock.now),
    });
    expect(protectedHeader).toEqual({
      alg: "EdDSA",
      typ: VERDICT_TOKEN_TYPE,
      kid: JSON.parse(env.VERDICT_SIGNING_KEY).kid,
    });
    expect(payload).toEqual({
      iss: ISSUER,
      aud: partner.partner.partnerId,
      sub: session.sessionId,
      jti: expect.stringMatching(/^[0-9a-f-]{36}$/),
      iat: clock.seconds,
      exp: clock.seconds + 600,
      externalId: "case-4711",
      passed: true,
      result: "Success",
      similarity: verdict.similarity,
      livenessType: "SILENT",
      tencentRequestId: verdict.tencentRequestId,
    });
    expect(verdict.similarity).toEqual(expect.any(Number));
    expect(verdict.tencentRequestId).toMatch(/^sandbox-/);
  });

  it("signs a failed verdict too: passed false, no similarity, externalId null without one, the ACTION liveness verified", async () => {
    const gateway = testGateway();
    const partner = await restPartner(gateway);
    const session = await newSession(gateway, partner.agentKey);
    const form = compareForm({
      video: fixtureBytes("video-3s.mp4"),
      image: withSandboxOutcome(fixtureBytes("face.jpg"), "FailedOperation.ActionFaceClose"),
      livenessType: "ACTION",
      actions: "blink",
    });
    const verdict = await compare(gateway, session.sessionToken, form);
    const payload = await verifiedClaims(gateway, verdict.verdictToken, partner.partner.partnerId);
    expect(payload).toMatchObject({
      sub: session.sessionId,
      externalId: null,
      passed: false,
      result: "FailedOperation.ActionFaceClose",
      similarity: null,
      livenessType: "ACTION",
      tencentRequestId: verdict.tencentRequestId,
    });
    expect(verdict).toMatchObject({
      passed: false,
      result: "FailedOperation.ActionFaceClose",
      similarity: null,
    });
  });

  it("is a new token for each verdict (jti)", async () => {
    const gateway = testGateway();
    const partner = await restPartner(gateway);
    const session = await newSession(gateway, partner.agentKey, { maxAttempts: 2 });
    const first = await compare(gateway, session.sessionToken);
    const second = await compare(gateway, session.sessionToken);
    const audience = partner.partner.partnerId;
    const [a, b] = await Promise.all([
      verifiedClaims(gateway, first.verdictToken, audience),
      verifiedClaims(gateway, second.verdictToken, audience),
    ]);
    expect(a.jti).not.toBe(b.jti);
    expect(a.sub).toBe(b.sub);
  });

  it("names VERDICT_ISSUER as its issuer when the operator sets one", async () => {
    const gateway = testGateway({ env: { ...env, VERDICT_ISSUER: "https://faceid.edge.example.com" } });
    const partner = await restPartner(gateway);
    const session = await newSession(gateway, partner.agentKey);
    const verdict = await compare(gateway, session.sessionToken);
    const { payload } = await jwtVerify(verdict.verdictToken, await gatewayKeys(gateway), {
      issuer: "https://faceid.edge.example.com",
      audience: partner.partner.partnerId,
    });
    expect(payload.iss).toBe("https://faceid.edge.example.com");
  });
});

describe("verifying a verdictToken refuses", () => {
  async function oneVerdict() {
    const clock = new GatewayClock();
    const gateway = testGateway({ clock: clock.read });
    const partner = await restPartner(gateway);
    const session = await newSession(gateway, partner.agentKey);
    const verdict = await compare(gateway, session.sessionToken, failingForm());
    return { clock, gateway, partnerId: partner.partner.partnerId, verdict };
  }

  it("a tampered token: a failed verdict rewritten as passed", async () => {
    const { gateway, partnerId, verdict } = await oneVerdict();
    const [header, payload, signature] = verdict.verdictToken.split(".") as [string, string, string];
    const claims = JSON.parse(base64UrlText(payload)) as JWTPayload;
    expect(claims.passed).toBe(false);
    const forged = `${header}.${textBase64Url(JSON.stringify({ ...claims, passed: true, result: "Success" }))}.${signature}`;
    await expect(verifiedClaims(gateway, forged, partnerId)).rejects.toMatchObject({
      code: "ERR_JWS_SIGNATURE_VERIFICATION_FAILED",
    });
  });

  it("a token of another partner (aud)", async () => {
    const { gateway, verdict } = await oneVerdict();
    const other = await restPartner(gateway);
    await expect(
      verifiedClaims(gateway, verdict.verdictToken, other.partner.partnerId),
    ).rejects.toMatchObject({
      code: "ERR_JWT_CLAIM_VALIDATION_FAILED",
      claim: "aud",
    });
  });

  it("an expired token: valid for 10 minutes on the gateway's clock, not a second more", async () => {
    const { clock, gateway, partnerId, verdict } = await oneVerdict();
    const keys = await gatewayKeys(gateway);
    const at = (ms: number) => ({
      issuer: ISSUER,
      audience: partnerId,
      currentDate: new Date(clock.now + ms),
    });
    await expect(jwtVerify(verdict.verdictToken, keys, at(599_000))).resolves.toBeDefined();
    await expect(jwtVerify(verdict.verdictToken, keys, at(601_000))).rejects.toMatchObject({
      code: "ERR_JWT_EXPIRED",
    });
  });

  it("a token signed by a key the gateway does not publish, under its kid or another", async () => {
    const { gateway, partnerId, verdict } = await oneVerdict();
    const claims = JSON.parse(base64UrlText(verdict.verdictToken.split(".")[1] ?? "")) as JWTPayload;
    const { privateKey } = await generateKeyPair("EdDSA", { crv: "Ed25519" });
    const forge = (kid: string) =>
      new SignJWT({ ...claims, passed: true })
        .setProtectedHeader({ alg: "EdDSA", kid, typ: VERDICT_TOKEN_TYPE })
        .sign(privateKey);
    const gatewayKid = decodeProtectedHeader(verdict.verdictToken).kid ?? "";
    await expect(verifiedClaims(gateway, await forge(gatewayKid), partnerId)).rejects.toMatchObject({
      code: "ERR_JWS_SIGNATURE_VERIFICATION_FAILED",
    });
    await expect(verifiedClaims(gateway, await forge("unknown-key"), partnerId)).rejects.toMatchObject({
      code: "ERR_JWKS_NO_MATCHING_KEY",
    });
  });
});

describe("GET /.well-known/jwks.json", () => {
  it("serves the signing key's public members only, cacheable for 5 minutes, without a credential", async () => {
    const gateway = testGateway();
    const response = await gateway.fetch(new Request(JWKS_URL));
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toMatch(/^application\/json/);
    expect(response.headers.get("Cache-Control")).toBe("public, max-age=300");
    const { kty, crv, x, kid } = JSON.parse(env.VERDICT_SIGNING_KEY);
    expect(await response.json()).toEqual({ keys: [{ kty, crv, x, kid, alg: "EdDSA", use: "sig" }] });
  });

  it("keeps serving a retired key, so the tokens it signed still verify after a rotation", async () => {
    const before = testGateway();
    const partner = await restPartner(before);
    const oldVerdict = await compare(before, (await newSession(before, partner.agentKey)).sessionToken);
    const oldPublic = publicHalf(JSON.parse(env.VERDICT_SIGNING_KEY));

    const newKey = await freshKey();
    const rotated = testGateway({
      env: {
        ...env,
        VERDICT_SIGNING_KEY: JSON.stringify(newKey.privateJwk),
        VERDICT_RETIRED_KEYS: JSON.stringify([oldPublic]),
      },
    });
    const keys = (await (await rotated.fetch(new Request(JWKS_URL))).json()) as JSONWebKeySet;
    expect(keys.keys.map((key) => key.kid)).toEqual([newKey.privateJwk.kid, oldPublic.kid]);
    expect(JSON.stringify(keys)).not.toContain('"d"');

    const newVerdict = await compare(rotated, (await newSession(rotated, partner.agentKey)).sessionToken);
    expect(decodeProtectedHeader(newVerdict.verdictToken).kid).toBe(newKey.privateJwk.kid);
    const audience = partner.partner.partnerId;
    await expect(verifiedClaims(rotated, oldVerdict.verdictToken, audience)).resolves.toMatchObject({
      tencentRequestId: oldVerdict.tencentRequestId,
    });
    await expect(verifiedClaims(rotated, newVerdict.verdictToken, audience)).resolves.toMatchObject({
      tencentRequestId: newVerdict.tencentRequestId,
    });
  });

  it("serves the signing key once when it is also listed as retired (the first step of a rotation)", async () => {
    const current = publicHalf(JSON.parse(env.VERDICT_SIGNING_KEY));
    const gateway = testGateway({
      env: { ...env, VERDICT_RETIRED_KEYS: JSON.stringify({ keys: [current] }) },
    });
    const keys = (await (await gateway.fetch(new Request(JWKS_URL))).json()) as JSONWebKeySet;
    expect(keys.keys).toEqual([current]);
    const partner = await restPartner(gateway);
    const verdict = await compare(gateway, (await newSession(gateway, partner.agentKey)).sessionToken);
    expect(verdict.verdictToken).toBeTruthy();
  });
});

describe("the OpenAPI document", () => {
  it("shows an example verdictToken that verifies against its example key set, with every claim", async () => {
    type Example = { content: { "application/json": { example: unknown } } };
    type Paths = Record<string, Record<string, { responses: Record<string, Example> }>>;
    const document = (await publishedDocs()).document as unknown as { paths: Paths };
    const example = (path: string, method: string) =>
      document.paths[path]?.[method]?.responses["200"]?.content["application/json"].example;
    const { verdictToken } = example("/v1/liveness/compare", "post") as CompareResult;
    const keys = example("/.well-known/jwks.json", "get") as JSONWebKeySet;
    const { payload } = await jwtVerify(verdictToken, createLocalJWKSet(keys), {
      issuer: "https://faceid.edge.example.com",
      typ: VERDICT_TOKEN_TYPE,
      currentDate: new Date("2026-05-01T12:05:00Z"),
    });
    expect(Object.keys(payload).sort()).toEqual(
      [
        "iss",
        "aud",
        "sub",
        "jti",
        "iat",
        "exp",
        "externalId",
        "passed",
        "result",
        "similarity",
        "livenessType",
        "tencentRequestId",
      ].sort(),
    );
  });
});

describe("a gateway without a valid verdict signing key", () => {
  const privateValue = () => JSON.parse(env.VERDICT_SIGNING_KEY).d as string;

  const broken: [string, () => Promise<Partial<Env>>][] = [
    ["no VERDICT_SIGNING_KEY", async () => ({ VERDICT_SIGNING_KEY: "" })],
    ["a VERDICT_SIGNING_KEY that is not JSON", async () => ({ VERDICT_SIGNING_KEY: `d=${privateValue()}` })],
    [
      "a public key as VERDICT_SIGNING_KEY (no d)",
      async () => ({ VERDICT_SIGNING_KEY: JSON.stringify(publicHalf(JSON.parse(env.VERDICT_SIGNING_KEY))) }),
    ],
    [
      "a private key whose d is not its x's",
      async () => ({
        VERDICT_SIGNING_KEY: JSON.stringify({
          ...JSON.parse(env.VERDICT_SIGNING_KEY),
          x: (await freshKey()).privateJwk.x,
        }),
      }),
    ],
    [
      "a private key listed in VERDICT_RETIRED_KEYS",
      async () => ({ VERDICT_RETIRED_KEYS: JSON.stringify([JSON.parse(env.VERDICT_SIGNING_KEY)]) }),
    ],
    [
      "a VERDICT_ISSUER that is not an origin",
      async () => ({ VERDICT_ISSUER: "https://edge.example.com/path" }),
    ],
  ];

  for (const [what, overrides] of broken) {
    it(`refuses compares before FaceID and before an attempt is spent, and leaks nothing: ${what}`, async () => {
      const logged = vi.spyOn(console, "error").mockImplementation(() => {});
      const gateway = testGateway({ env: { ...env, ...(await overrides()) } });
      const partner = await restPartner(gateway);
      const session = await newSession(gateway, partner.agentKey, { maxAttempts: 1 });

      const response = await gateway.fetch(
        restRequest("/v1/liveness/compare", session.sessionToken, {
          method: "POST",
          body: silentCompareForm(),
        }),
      );
      const text = await response.text();
      expect(response.status).toBe(500);
      expect(JSON.parse(text)).toEqual({
        error: {
          code: "internal_error",
          message:
            "The gateway cannot sign verdicts now (its verdict signing key is missing or invalid); " +
            "nothing was sent to FaceID and no attempt was spent.",
          requestId: response.headers.get("X-Request-Id"),
        },
      });
      expect(gateway.upstreamCalls).toHaveLength(0);

      const jwks = await (await gateway.fetch(new Request(JWKS_URL))).text();
      const logs = logged.mock.calls.map((call) => call.map(String).join(" ")).join("\n");
      expect(logs).toContain("verdict signing is off");
      for (const output of [text, jwks, logs]) {
        expect(output).not.toContain(privateValue());
        expect(output).not.toContain('"d"');
      }

      // The session's one attempt is still there for a gateway that can sign.
      const verdict = await compare(testGateway(), session.sessionToken);
      expect(verdict.verdictToken).toBeTruthy();
    });
  }
});

// ---------------------------------------------------------------------------------------------------------

async function newSession(
  gateway: Gateway,
  agentKey: string,
  body: Record<string, unknown> = {},
): Promise<CreateSessionResponse> {
  const response = await gateway.fetch(
    new Request(`${GATEWAY_URL}v1/sessions`, {
      method: "POST",
      headers: { Authorization: `Bearer ${agentKey}`, "Content-Type": "application/json" },
      body: JSON.stringify(body),
    }),
  );
  expect(response.status).toBe(201);
  return (await response.json()) as CreateSessionResponse;
}

async function compare(gateway: Gateway, token: string, form = silentCompareForm()): Promise<CompareResult> {
  const response = await gateway.fetch(
    restRequest("/v1/liveness/compare", token, { method: "POST", body: form }),
  );
  const text = await response.text();
  expect(response.status, text).toBe(200);
  return JSON.parse(text) as CompareResult;
}

function failingForm(): FormData {
  const image = withSandboxOutcome(fixtureBytes("face.jpg"), "FailedOperation.CompareLowSimilarity");
  return compareForm({ video: fixtureBytes("video-3s.mp4"), image, livenessType: "SILENT" });
}

/** What a partner's backend does: the gateway's published keys, as jose reads a fetched JWK Set. */
async function gatewayKeys(gateway: Gateway) {
  const response = await gateway.fetch(new Request(JWKS_URL));
  return createLocalJWKSet((await response.json()) as JSONWebKeySet);
}

async function verifiedClaims(gateway: Gateway, token: string, audience: string) {
  const { payload } = await jwtVerify(token, await gatewayKeys(gateway), {
    issuer: ISSUER,
    audience,
    typ: VERDICT_TOKEN_TYPE,
    algorithms: ["EdDSA"],
  });
  return payload;
}

async function freshKey() {
  const { privateKey } = await generateKeyPair("EdDSA", { crv: "Ed25519", extractable: true });
  const jwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(jwk);
  const { kty, crv, x, d } = jwk as Record<string, string>;
  return { privateJwk: { kty, crv, x, d, kid, alg: "EdDSA", use: "sig" } as Record<string, string> };
}

function publicHalf(jwk: Record<string, string>) {
  return { kty: "OKP", crv: "Ed25519", x: jwk.x, kid: jwk.kid, alg: "EdDSA", use: "sig" };
}

function base64UrlText(part: string): string {
  const base64 = part.replace(/-/g, "+").replace(/_/g, "/");
  return new TextDecoder().decode(Uint8Array.from(atob(base64), (char) => char.charCodeAt(0)));
}

function textBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}
