// The published contract held against the running gateway: every answer it gives is documented in
// /openapi.json for its path, method and status and validates against that response's schema; the bodies
// it accepts validate against the documented request schema and those it refuses for their shape do not;
// every error code the document gives as an example is one it really returns. /docs is the same document
// as a self-contained page. Both are what the build publishes (worker/docs/published.ts, run here in workerd
// as scripts/build-docs.mjs runs it in Node); test/node/npm-start.test.ts fetches them, with their headers,
// from the assets `npm start` serves.
import { env } from "cloudflare:workers";
import { type Schema, Validator } from "@cfworker/json-schema";
import { beforeAll, describe, expect, it } from "vitest";
import { withSandboxOutcome } from "../../sandbox/outcome-marker";
import { MAX_VIDEO_BASE64_BYTES } from "../../shared/faceid/limits";
import { createGateway } from "../../worker/app";
import { type PublishedDocs, publishedDocs } from "../../worker/docs/published";
import { DEFAULT_PARTNER_ACTIONS } from "../../worker/partners/store";
import { fixtureBase64, fixtureBytes } from "../support/fixtures";
import {
  compareForm,
  GATEWAY_URL,
  restPartner,
  restRequest,
  silentCompareForm,
  testGateway,
} from "../support/gateway";

interface Document {
  openapi: string;
  servers?: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
  webhooks: Record<string, { post: Operation & { parameters: { name: string; in: string }[] } }>;
  components: { schemas: Record<string, Schema>; responses: Record<string, ResponseObject> };
}

interface Operation {
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, ResponseObject | { $ref: string }>;
}

interface ResponseObject {
  headers?: Record<string, unknown>;
  content?: Record<string, { schema: Schema; examples?: Record<string, { value: unknown }> }>;
}

/** One answer of the gateway: the documented path it was asked on (or its URL path if none), and what came back. */
interface Answer {
  what: string;
  path: string;
  method: string;
  status: number;
  headers: Headers;
  body: unknown;
}

let published: Promise<PublishedDocs> | undefined;
function publishedOnce(): Promise<PublishedDocs> {
  published ??= publishedDocs();
  return published;
}

async function publishedDocument(): Promise<Document> {
  // As the asset holds it: JSON text.
  return JSON.parse(JSON.stringify((await publishedOnce()).document)) as Document;
}

describe("/openapi.json", () => {
  it("is an OpenAPI 3.1 document whose one server is the origin it is served from", async () => {
    const document = await publishedDocument();
    expect(document.openapi).toBe("3.1.0");
    // Relative: resolved against the document's own URL (OpenAPI 3.1, 4.8.5), whatever the gateway's host.
    expect(document.servers).toEqual([{ url: "/" }]);
  });

  it("is not the Worker's: the gateway answers it with not_found, the asset answers first", async () => {
    for (const path of ["openapi.json", "docs"]) {
      const response = await testGateway().fetch(new Request(`${GATEWAY_URL}${path}`));
      expect(response.status, path).toBe(404);
      expect(((await response.json()) as { error: { code: string } }).error.code, path).toBe("not_found");
    }
  });

  it("lists for each /v1 path exactly the methods the gateway's Allow header names", async () => {
    const document = await publishedDocument();
    const gateway = testGateway();
    const paths = Object.keys(document.paths).filter((path) => path.startsWith("/v1/"));
    expect(paths.length).toBeGreaterThan(0);
    for (const path of paths) {
      const response = await gateway.fetch(
        restRequest(path.replace(/\{\w+\}/g, "abc"), undefined, { method: "DELETE" }),
      );
      expect(response.status, path).toBe(405);
      const documented = Object.keys(document.paths[path] ?? {}).map((method) => method.toUpperCase());
      expect(response.headers.get("Allow")?.split(", ").sort(), path).toEqual(documented.sort());
    }
  });
});

describe("the gateway's answers against /openapi.json", () => {
  let document: Document;
  let answers: Answer[];

  // Some fifty requests through the whole gateway: more than the default hook bound on a loaded machine.
  beforeAll(async () => {
    document = await publishedDocument();
    answers = await provokeAnswers(document);
  }, 120_000);

  it("gives every documented success answer", () => {
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const successes = Object.keys(operation.responses).filter((status) => status.startsWith("2"));
        for (const status of successes) {
          const seen = answers.some(
            (a) => a.path === path && a.method === method && String(a.status) === status,
          );
          expect(seen, `${method} ${path} ${status}`).toBe(true);
        }
      }
    }
  });

  it("documents every answer for its path, method and status, and each body validates against its schema", () => {
    for (const answer of answers) {
      const response = documentedResponse(document, answer);
      expect(response, `${answer.what}: ${answer.status} is not documented`).toBeDefined();
      const schema = response?.content?.["application/json"]?.schema;
      expect(schema, answer.what).toBeDefined();
      const result = validatorOf(document, schema as Schema).validate(answer.body);
      expect(result.errors, `${answer.what}: ${JSON.stringify(answer.body)}`).toEqual([]);
    }
  });

  it("declares the headers answers carry: X-Request-Id on every one, Retry-After on 429, Allow on 405", () => {
    for (const answer of answers) {
      const declared = Object.keys(documentedResponse(document, answer)?.headers ?? {});
      expect(declared, answer.what).toContain("X-Request-Id");
      for (const header of declared)
        expect(answer.headers.has(header), `${answer.what}: ${header}`).toBe(true);
      for (const header of ["Retry-After", "Allow"]) {
        if (answer.headers.has(header)) expect(declared, `${answer.what}: ${header}`).toContain(header);
      }
    }
    expect(answers.some((answer) => answer.status === 429)).toBe(true);
    expect(answers.some((answer) => answer.status === 405)).toBe(true);
  });

  it("gives as error examples exactly the codes the gateway answered with, each with its status and a message it sent", () => {
    const examples = Object.entries(document.components.responses).flatMap(([name, response]) =>
      Object.entries(response.content?.["application/json"]?.examples ?? {}).map(([code, example]) => ({
        code,
        status: Number(name.replace(/^Error/, "")),
        message: (example.value as { error: { message: string } }).error.message,
      })),
    );
    const sent = answers.flatMap((answer) => {
      const error = (answer.body as { error?: { code: string; message: string } }).error;
      return error ? [{ code: error.code, status: answer.status, message: error.message }] : [];
    });
    expect(new Set(examples.map((example) => example.code))).toEqual(
      new Set(sent.map((error) => error.code)),
    );
    for (const example of examples) {
      expect(sent, example.code).toContainEqual(example);
    }
  });
});

describe("request bodies against /openapi.json", () => {
  let document: Document;

  beforeAll(async () => {
    document = await publishedDocument();
  });

  /** The body as a page or the extension sends it, with a fresh agent key or session token. */
  async function send(path: string, contentType: string, body: Record<string, unknown>) {
    const gateway = testGateway();
    const partner = await restPartner(gateway);
    const token = path === "/v1/sessions" ? partner.agentKey : await partner.session();
    const init =
      contentType === "application/json"
        ? { body: JSON.stringify(body), headers: JSON_HEADERS }
        : { body: compareForm(body as Record<string, Uint8Array | string>) };
    return gateway.fetch(restRequest(path, token, { method: "POST", ...init }));
  }

  it.each(requestBodies())(
    "%s: validates against the documented schema if and only if the gateway takes it",
    async (_, path, contentType, body, accepted) => {
      const response = await send(path, contentType, body);
      const answer = (await response.json()) as { error?: { code: string } };
      if (accepted) expect(response.status, JSON.stringify(answer)).toBeLessThan(300);
      else expect(answer.error?.code).toBe("invalid_request");
      const schema = document.paths[path]?.post?.requestBody?.content[contentType]?.schema;
      expect(schema).toBeDefined();
      expect(validatorOf(document, schema as Schema).validate(asDocumented(body)).valid).toBe(accepted);
    },
  );
});

describe("the webhooks of the document", () => {
  it("names each event a partner's endpoint receives, with Standard Webhooks' headers, and the real events validate", async () => {
    const document = await publishedDocument();
    expect(Object.keys(document.webhooks)).toEqual(["capture.verdict", "capture.completed", "webhook.test"]);
    for (const { post } of Object.values(document.webhooks)) {
      expect(post.parameters.map((header) => `${header.in} ${header.name}`)).toEqual([
        "header webhook-id",
        "header webhook-timestamp",
        "header webhook-signature",
      ]);
    }

    // Events the gateway really produced for a partner with an endpoint: a failed attempt, then a pass.
    const gateway = testGateway();
    const partner = await restPartner(gateway);
    const admin = new Request(`${GATEWAY_URL}admin/partners/${partner.partner.partnerId}/webhook`, {
      method: "PUT",
      headers: { Authorization: "Bearer test-admin-token" },
      body: JSON.stringify({ url: "https://hooks.partner.example/faceid" }),
    });
    expect((await gateway.fetch(admin)).status).toBe(200);
    const token = await partner.session({ maxAttempts: 2 });
    const failing = withSandboxOutcome(fixtureBytes("face.jpg"), "FailedOperation.CompareLowSimilarity");
    const forms = [
      compareForm({ video: fixtureBytes("video-3s.mp4"), image: failing, livenessType: "SILENT" }),
      silentCompareForm(),
    ];
    for (const form of forms) {
      const answer = await gateway.fetch(
        restRequest("/v1/liveness/compare", token, { method: "POST", body: form }),
      );
      expect(answer.status).toBe(200);
    }
    const { results } = await env.AUDIT_DB.prepare(
      "SELECT type, payload FROM webhook_events WHERE partner_id = ?",
    )
      .bind(partner.partner.partnerId)
      .all<{ type: string; payload: string }>();
    expect(results.map((row) => row.type)).toEqual([
      "capture.verdict",
      "capture.verdict",
      "capture.completed",
    ]);
    for (const row of results) {
      const schema = document.webhooks[row.type]?.post.requestBody?.content["application/json"]?.schema;
      expect(validatorOf(document, schema as Schema).validate(JSON.parse(row.payload)).valid).toBe(true);
      // A body with one field wrong does not.
      const wrong = { ...JSON.parse(row.payload), data: { ...JSON.parse(row.payload).data, attempt: "one" } };
      expect(validatorOf(document, schema as Schema).validate(wrong).valid).toBe(false);
    }
  });
});

describe("/docs", () => {
  async function docsPage() {
    return { page: (await publishedOnce()).page };
  }

  it("is a self-contained HTML page: no script, stylesheet or other resource", async () => {
    const { page } = await docsPage();
    expect(page).toMatch(/^<!doctype html>\s*<html lang="en">/);
    expect(page).not.toMatch(/<script|<link|\ssrc=|url\(/i);
  });

  it("lists every path with its method, every schema and every error code of the document", async () => {
    const { page } = await docsPage();
    const document = await publishedDocument();
    for (const [path, item] of Object.entries(document.paths)) {
      for (const method of Object.keys(item)) {
        expect(page).toContain(`<span class="method">${method.toUpperCase()}</span> <code>${path}</code>`);
      }
    }
    for (const name of Object.keys(document.components.schemas))
      expect(page).toContain(`id="schema-${name}"`);
    for (const type of Object.keys(document.webhooks)) expect(page).toContain(`id="webhook-${type}"`);
    for (const response of Object.values(document.components.responses)) {
      for (const code of Object.keys(response.content?.["application/json"]?.examples ?? {})) {
        expect(page).toContain(`<code>${code}</code>`);
      }
    }
  });

  it("shows the request fields and runnable examples against the gateway the reader names once", async () => {
    const { page } = await docsPage();
    for (const field of ["video", "image", "livenessType", "actions", "videoBase64", "imageBase64"]) {
      expect(page).toContain(`<code>${field}</code>`);
    }
    expect(page).toContain("export GATEWAY=https://&lt;this page's host&gt;");
    expect(page).toContain("curl -X POST &quot;$GATEWAY/v1/liveness/compare&quot;");
    expect(page).toContain("-F &#39;video=@video.mp4&#39;");
  });

  it("describes the Tencent dialect and its CreateCaptureSession action", async () => {
    const { page } = await docsPage();
    expect(page).toContain("X-TC-Action");
    for (const name of [
      "CreateCaptureSession",
      "Origin",
      "LivenessType",
      "Actions",
      "MaxAttempts",
      "TtlSeconds",
    ]) {
      expect(page).toContain(`<code>${name}</code>`);
    }
    for (const name of ["SessionToken", "ExpiredTimestamp", "RequestId"])
      expect(page).toContain(`<code>${name}</code>`);
  });
});

// ---------------------------------------------------------------------------------------------------------

/** A validator of `schema` whose `#/components/...` references resolve in the document. */
function validatorOf(document: Document, schema: Schema): Validator {
  const root = structuredClone({ ...schema, components: document.components }) as Schema;
  return new Validator(root, "2020-12", false);
}

/** The documented response for an answer: its operation's, or, on a path or method not documented, the shared one of its status. */
function documentedResponse(document: Document, answer: Answer): ResponseObject | undefined {
  const response =
    document.paths[answer.path]?.[answer.method]?.responses[answer.status] ??
    (document.paths[answer.path]?.[answer.method]
      ? undefined
      : { $ref: `#/components/responses/Error${answer.status}` });
  if (response === undefined || !("$ref" in response)) return response;
  return document.components.responses[response.$ref.slice(response.$ref.lastIndexOf("/") + 1)];
}

/** The documented path a URL path is asked on, or the URL path itself when none matches. */
function documentedPath(document: Document, urlPath: string): string {
  return (
    Object.keys(document.paths).find((path) =>
      new RegExp(`^${path.replace(/\{\w+\}/g, "[^/]+")}$`).test(urlPath),
    ) ?? urlPath
  );
}

/** A multipart form as OpenAPI describes it: one property per part, files as binary strings. */
function asDocumented(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(body).map(([name, value]) => [name, value instanceof Uint8Array ? "<binary>" : value]),
  );
}

const JSON_HEADERS = { "Content-Type": "application/json" };

/**
 * Drives the gateway through every operation's success and through each way it refuses or fails, the way
 * pages, the extension and a failing FaceID would, and keeps every answer.
 */
async function provokeAnswers(document: Document): Promise<Answer[]> {
  const answers: Answer[] = [];
  const gateway = testGateway();
  const record = async (
    what: string,
    request: Request,
    via: { fetch: (request: Request) => Response | Promise<Response> } = gateway,
  ) => {
    const response = await via.fetch(request);
    const text = await response.text();
    answers.push({
      what,
      path: documentedPath(document, new URL(request.url).pathname),
      method: request.method.toLowerCase(),
      status: response.status,
      headers: response.headers,
      body: text ? JSON.parse(text) : undefined,
    });
  };
  const partner = await restPartner(gateway);
  const token = await partner.session();
  const post = (
    path: string,
    body: BodyInit,
    init: { token?: string; origin?: string; headers?: Record<string, string> } = {},
  ) =>
    restRequest(path, init.token ?? token, {
      method: "POST",
      body,
      headers: init.headers,
      origin: init.origin,
    });
  const markedImage = (code: string) => withSandboxOutcome(fixtureBytes("face.jpg"), code);
  const markedForm = (code: string) =>
    compareForm({ video: fixtureBytes("video-3s.mp4"), image: markedImage(code), livenessType: "SILENT" });

  // Successes.
  await record("health", new Request(`${GATEWAY_URL}healthz`));
  await record("the verdict keys", new Request(`${GATEWAY_URL}.well-known/jwks.json`));
  await record(
    "a session for an agent",
    post("/v1/sessions", "{}", { token: partner.agentKey, headers: JSON_HEADERS }),
  );
  await record("a multipart compare", post("/v1/liveness/compare", silentCompareForm()));
  await record(
    "a JSON compare with actions",
    post(
      "/v1/liveness/compare",
      JSON.stringify({
        videoBase64: fixtureBase64("video-3s-fragmented.mp4"),
        imageBase64: fixtureBase64("face.png"),
        livenessType: "ACTION",
        actions: ["shake_head", "blink"],
      }),
      { token: await partner.session(), headers: JSON_HEADERS },
    ),
  );
  await record(
    "a failing verdict, no similarity",
    post("/v1/liveness/compare", markedForm("FailedOperation.SilentFaceDetectFail"), {
      token: await partner.session(),
    }),
  );
  const tokenSession = await partner.session();
  const mint = await gateway.fetch(
    post("/v1/liveness/tokens", "{}", { token: tokenSession, headers: JSON_HEADERS }),
  );
  const { sdkToken } = (await mint.json()) as { sdkToken: string };
  await record(
    "a liveness token",
    post("/v1/liveness/tokens", JSON.stringify({ secureLevel: "1" }), {
      token: tokenSession,
      headers: JSON_HEADERS,
    }),
  );
  await record("a pending liveness result", restRequest(`/v1/liveness/results/${sdkToken}`, tokenSession));
  const opened = await gateway.fetch(
    post("/v1/sessions", JSON.stringify({ externalId: "case-1" }), {
      token: partner.agentKey,
      headers: JSON_HEADERS,
    }),
  );
  const { sessionId } = (await opened.json()) as { sessionId: string };
  await record("a session look-up", restRequest(`/v1/sessions/${sessionId}`, partner.agentKey));
  const stranger = await restPartner(gateway);
  await record("another partner's session", restRequest(`/v1/sessions/${sessionId}`, stranger.agentKey));

  const hosted = await restPartner(gateway, {
    actions: [...DEFAULT_PARTNER_ACTIONS, "ApplyWebVerificationBizTokenIntl", "GetWebVerificationResultIntl"],
    redirectUrls: ["https://kyc.partner.test/return"],
  });
  const webSession = await hosted.session();
  const started = await gateway.fetch(
    post("/v1/web-verifications", JSON.stringify({ redirectUrl: "https://kyc.partner.test/return?case=1" }), {
      token: webSession,
      headers: JSON_HEADERS,
    }),
  );
  const { bizToken } = (await started.json()) as { bizToken: string };
  await record(
    "a hosted verification started",
    post(
      "/v1/web-verifications",
      JSON.stringify({ redirectUrl: "https://kyc.partner.test/return", checkMode: 3 }),
      {
        token: webSession,
        headers: JSON_HEADERS,
      },
    ),
  );
  await record(
    "a hosted verification's progress or verdict",
    restRequest(`/v1/web-verifications/${bizToken}`, webSession),
  );
  await record(
    "a hosted verification returning to an unregistered page",
    post("/v1/web-verifications", JSON.stringify({ redirectUrl: "https://elsewhere.example/" }), {
      token: webSession,
      headers: JSON_HEADERS,
    }),
  );
  await record(
    "another session's hosted verification",
    restRequest(`/v1/web-verifications/${bizToken}`, await hosted.session()),
  );

  // Refusals at the edge.
  const fresh = await partner.session();
  await record(
    "a form without livenessType",
    post(
      "/v1/liveness/compare",
      compareForm({ video: fixtureBytes("video-3s.mp4"), image: fixtureBytes("face.jpg") }),
      { token: fresh },
    ),
  );
  await record(
    "a session TTL over an hour",
    post("/v1/sessions", JSON.stringify({ ttlSeconds: 3601 }), {
      token: partner.agentKey,
      headers: JSON_HEADERS,
    }),
  );
  await record(
    "an unknown secureLevel",
    post("/v1/liveness/tokens", JSON.stringify({ secureLevel: "9" }), {
      token: fresh,
      headers: JSON_HEADERS,
    }),
  );
  await record("a malformed SdkToken", restRequest("/v1/liveness/results/bad%20token!", fresh));
  await record("no token", restRequest("/v1/liveness/compare", undefined, { method: "POST" }));
  await record(
    "an unknown agent key",
    post("/v1/sessions", "{}", { token: "fea1.unknown", headers: JSON_HEADERS }),
  );
  const [prefix, claims] = token.split(".");
  await record(
    "a forged token",
    post("/v1/liveness/compare", silentCompareForm(), { token: `${prefix}.${claims}.forged` }),
  );
  const expiring = testGatewayAt(Date.now() + 601_000);
  await record(
    "an expired token",
    post("/v1/liveness/compare", silentCompareForm(), { token: fresh }),
    expiring,
  );
  const revokedPartner = await restPartner(gateway);
  const revokedToken = await revokedPartner.session();
  await revokedPartner.partner.revoke();
  await record(
    "a revoked partner's token",
    post("/v1/liveness/compare", silentCompareForm(), { token: revokedToken }),
  );
  const spent = await partner.session();
  for (let attempt = 0; attempt < 3; attempt++) {
    await gateway.fetch(post("/v1/liveness/tokens", "{}", { token: spent, headers: JSON_HEADERS }));
  }
  await record("a used-up session", post("/v1/liveness/compare", silentCompareForm(), { token: spent }));
  await record(
    "a foreign origin",
    post("/v1/liveness/compare", silentCompareForm(), { origin: "https://elsewhere.example" }),
  );
  const compareOnly = await partner.session({ calls: ["CompareFaceLiveness"] });
  await record(
    "a compare-only session minting a token",
    post("/v1/liveness/tokens", "{}", { token: compareOnly, headers: JSON_HEADERS }),
  );
  const narrowPartner = await restPartner(gateway, { actions: ["CompareFaceLiveness"] });
  await record(
    "a session asking for calls its partner may not make",
    post("/v1/sessions", JSON.stringify({ calls: ["ApplyLivenessToken"] }), {
      token: narrowPartner.agentKey,
      headers: JSON_HEADERS,
    }),
  );
  await record("an SdkToken never issued", restRequest("/v1/liveness/results/never-issued-token", fresh));
  await record("a wrong method", restRequest("/v1/sessions", undefined, { method: "PUT" }));
  await record("an unknown path", restRequest("/v1/nothing-here", fresh));
  await record(
    "a base64 video over its limit",
    post(
      "/v1/liveness/compare",
      JSON.stringify({
        videoBase64: "A".repeat(MAX_VIDEO_BASE64_BYTES + 4),
        imageBase64: fixtureBase64("face.jpg"),
        livenessType: "SILENT",
      }),
      { token: fresh, headers: JSON_HEADERS },
    ),
  );
  await record(
    "a session body over its limit",
    post("/v1/sessions", JSON.stringify({ origin: "x".repeat(20_000) }), {
      token: partner.agentKey,
      headers: JSON_HEADERS,
    }),
  );
  await record(
    "a text body",
    post("/v1/liveness/compare", "video bytes", { token: fresh, headers: { "Content-Type": "text/plain" } }),
  );
  await record(
    "a session in text",
    post("/v1/sessions", "origin", { token: partner.agentKey, headers: { "Content-Type": "text/plain" } }),
  );
  await record(
    "a WebM video",
    post(
      "/v1/liveness/compare",
      compareForm({
        video: fixtureBytes("video-3s.webm"),
        image: fixtureBytes("face.jpg"),
        livenessType: "SILENT",
      }),
      { token: fresh },
    ),
  );

  // FaceID refusing, failing or slow.
  await record(
    "FaceID's quota full",
    post("/v1/liveness/compare", markedForm("RequestLimitExceeded"), { token: await partner.session() }),
  );
  await record(
    "FaceID refusing the call",
    post("/v1/liveness/compare", markedForm("FailedOperation.UnKnown"), { token: await partner.session() }),
  );
  const unreachable = gatewayWithUpstream(async () => {
    throw new TypeError("network connection lost");
  });
  await record(
    "FaceID unreachable",
    post("/v1/liveness/compare", silentCompareForm(), { token: await partner.session() }),
    unreachable,
  );
  const slow = gatewayWithUpstream(async () => {
    throw new DOMException("The operation timed out.", "TimeoutError");
  });
  await record(
    "FaceID not answering in time",
    post("/v1/liveness/compare", silentCompareForm(), { token: await partner.session() }),
    slow,
  );
  const broken = testGateway({ env: { ...env, PARTNERS: failingKv() } });
  await record(
    "the partner store failing",
    post("/v1/liveness/compare", silentCompareForm(), { token: await partner.session() }),
    broken,
  );
  return answers;
}

/** The gateway with its clock at `now`. */
function testGatewayAt(now: number) {
  return testGateway({ clock: () => now });
}

/** The gateway with FaceID replaced by `upstream`. */
function gatewayWithUpstream(upstream: typeof fetch) {
  const gateway = createGateway({ upstreamFetch: upstream });
  return { fetch: (request: Request) => gateway.request(request, undefined, env) };
}

/** A KV namespace whose every read fails, as a binding outage does. */
function failingKv(): KVNamespace {
  const fail = async () => {
    throw new Error("KV unavailable");
  };
  return { get: fail, getWithMetadata: fail, put: fail, list: fail, delete: fail } as unknown as KVNamespace;
}

type RequestBodyCase = [
  what: string,
  path: string,
  contentType: "application/json" | "multipart/form-data",
  body: Record<string, unknown>,
  accepted: boolean,
];

/** Bodies the gateway accepts, and bodies it refuses for their shape, per operation and content type. */
function requestBodies(): RequestBodyCase[] {
  const video = () => fixtureBytes("video-3s.mp4");
  const image = () => fixtureBytes("face.jpg");
  const json = { videoBase64: fixtureBase64("video-3s.mp4"), imageBase64: fixtureBase64("face.jpg") };
  return [
    ["an empty session request", "/v1/sessions", "application/json", {}, true],
    [
      "a session request with every field",
      "/v1/sessions",
      "application/json",
      {
        origin: "https://kyc.partner.test",
        calls: ["CompareFaceLiveness", "GetLivenessResult"],
        livenessType: "ACTION",
        actions: ["shake_head", "blink"],
        maxAttempts: 10,
        ttlSeconds: 3600,
      },
      true,
    ],
    ["a session with no calls", "/v1/sessions", "application/json", { calls: [] }, false],
    ["a session of 11 attempts", "/v1/sessions", "application/json", { maxAttempts: 11 }, false],
    ["a session of 1.5 attempts", "/v1/sessions", "application/json", { maxAttempts: 1.5 }, false],
    ["a session TTL under a minute", "/v1/sessions", "application/json", { ttlSeconds: 59 }, false],
    [
      "a session of an unknown liveness type",
      "/v1/sessions",
      "application/json",
      { livenessType: "LOUD" },
      false,
    ],
    ["a session with an unknown field", "/v1/sessions", "application/json", { partner: "someone" }, false],
    [
      "a SILENT JSON compare",
      "/v1/liveness/compare",
      "application/json",
      { ...json, livenessType: "SILENT" },
      true,
    ],
    [
      "an ACTION JSON compare",
      "/v1/liveness/compare",
      "application/json",
      { ...json, livenessType: "ACTION", actions: ["blink"] },
      true,
    ],
    [
      "a JSON compare without its image",
      "/v1/liveness/compare",
      "application/json",
      { videoBase64: json.videoBase64, livenessType: "SILENT" },
      false,
    ],
    [
      "a JSON compare of an unknown liveness type",
      "/v1/liveness/compare",
      "application/json",
      { ...json, livenessType: "REFLECT" },
      false,
    ],
    [
      "a JSON compare with three actions",
      "/v1/liveness/compare",
      "application/json",
      { ...json, livenessType: "ACTION", actions: ["blink", "nod", "shake_head"] },
      false,
    ],
    [
      "a JSON compare with an unknown field",
      "/v1/liveness/compare",
      "application/json",
      { ...json, livenessType: "SILENT", note: "hello" },
      false,
    ],
    [
      "a SILENT multipart compare",
      "/v1/liveness/compare",
      "multipart/form-data",
      { video: video(), image: image(), livenessType: "SILENT" },
      true,
    ],
    [
      "an ACTION multipart compare",
      "/v1/liveness/compare",
      "multipart/form-data",
      { video: video(), image: image(), livenessType: "ACTION", actions: "shake_head,blink" },
      true,
    ],
    [
      "a multipart compare without its image",
      "/v1/liveness/compare",
      "multipart/form-data",
      { video: video(), livenessType: "SILENT" },
      false,
    ],
    [
      "a multipart compare of an unknown liveness type",
      "/v1/liveness/compare",
      "multipart/form-data",
      { video: video(), image: image(), livenessType: "REFLECT" },
      false,
    ],
    ["an empty token request", "/v1/liveness/tokens", "application/json", {}, true],
    ["a token of level 1", "/v1/liveness/tokens", "application/json", { secureLevel: "1" }, true],
    ["a token of level 9", "/v1/liveness/tokens", "application/json", { secureLevel: "9" }, false],
    ["a token level as a number", "/v1/liveness/tokens", "application/json", { secureLevel: 1 }, false],
    [
      "a token request with an unknown field",
      "/v1/liveness/tokens",
      "application/json",
      { level: "1" },
      false,
    ],
  ];
}
