// The published contract: /openapi.json is OpenAPI 3.1 generated from the zod schemas that validate, so it
// cannot drift from what the gateway accepts, and /docs is the same document as a self-contained page.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { REST_ERROR_STATUS, REST_PATHS, type RestErrorCode } from "../../shared/rest/api";
import {
  errorResponseName,
  type OpenApiDocument,
  openApiDocument,
  type Ref,
  type ResponseObject,
  type RestErrorStatus,
  refName,
} from "../../worker/rest/openapi";
import {
  CompareJsonRequestSchema,
  CompareMultipartRequestSchema,
  CompareResultSchema,
  CreateLivenessTokenRequestSchema,
  CreateLivenessTokenResponseSchema,
  CreateSessionRequestSchema,
  CreateSessionResponseSchema,
  HealthResponseSchema,
  LivenessResultResponseSchema,
  RestErrorSchema,
} from "../../worker/rest/schemas";
import { GATEWAY_URL, testGateway } from "../support/gateway";

const RESULTS_PATH = `${REST_PATHS.results}/{sdkToken}`;

/** Every request body: path, method, content type, and the schema the gateway validates it with. */
const REQUEST_BODIES = [
  [REST_PATHS.sessions, "post", "application/json", CreateSessionRequestSchema],
  [REST_PATHS.compare, "post", "multipart/form-data", CompareMultipartRequestSchema],
  [REST_PATHS.compare, "post", "application/json", CompareJsonRequestSchema],
  [REST_PATHS.tokens, "post", "application/json", CreateLivenessTokenRequestSchema],
] as const;

/** Every success answer: path, method, status, and the schema of its body. */
const SUCCESS_RESPONSES = [
  [REST_PATHS.sessions, "post", "201", CreateSessionResponseSchema],
  [REST_PATHS.compare, "post", "200", CompareResultSchema],
  [REST_PATHS.tokens, "post", "201", CreateLivenessTokenResponseSchema],
  [RESULTS_PATH, "get", "200", LivenessResultResponseSchema],
  [REST_PATHS.health, "get", "200", HealthResponseSchema],
] as const;

const doc = openApiDocument();

/** zod's JSON Schema of a schema, as a component of a document that declares the dialect once. */
function jsonSchemaOf(schema: z.ZodType, io: "input" | "output") {
  const { $schema: _dialect, ...jsonSchema } = z.toJSONSchema(schema, { io });
  return jsonSchema;
}

function operation(path: string, method: "get" | "post") {
  const found = doc.paths[path]?.[method];
  if (!found) throw new Error(`no ${method} ${path}`);
  return found;
}

function resolveResponse(response: ResponseObject | Ref): ResponseObject {
  if (!("$ref" in response)) return response;
  const resolved = doc.components.responses[refName(response)];
  if (!resolved) throw new Error(`dangling ${response.$ref}`);
  return resolved;
}

describe("GET /openapi.json", () => {
  it("is an OpenAPI 3.1.0 document naming the origin it was asked from as its server", async () => {
    const response = await testGateway().fetch(new Request(`${GATEWAY_URL}openapi.json`));
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toMatch(/^application\/json/);
    expect(response.headers.get("X-Request-Id")).toMatch(/^[0-9a-f-]{36}$/);
    const served = (await response.json()) as OpenApiDocument;
    expect(served.openapi).toBe("3.1.0");
    expect(served.info.title).toEqual(expect.any(String));
    expect(served.info.version).toEqual(expect.any(String));
    expect(served.servers).toEqual([{ url: "http://127.0.0.1:8787" }]);
    expect({ ...served, servers: undefined }).toEqual({ ...doc, servers: undefined });
  });

  it("has every REST path with exactly its method", () => {
    expect(Object.keys(doc.paths).sort()).toEqual(
      [REST_PATHS.sessions, REST_PATHS.compare, REST_PATHS.tokens, RESULTS_PATH, REST_PATHS.health].sort(),
    );
    for (const [path, method] of SUCCESS_RESPONSES) {
      expect(Object.keys(doc.paths[path] ?? {}), path).toEqual([method]);
    }
  });

  it("describes each request body with the JSON Schema of the zod schema that validates it", () => {
    for (const [path, method, contentType, schema] of REQUEST_BODIES) {
      const media = operation(path, method).requestBody?.content[contentType];
      expect(media, `${path} ${contentType}`).toBeDefined();
      const component = doc.components.schemas[refName(media?.schema ?? { $ref: "" })];
      expect(component, `${path} ${contentType}`).toEqual(jsonSchemaOf(schema, "input"));
    }
    expect(Object.keys(operation(REST_PATHS.compare, "post").requestBody?.content ?? {})).toEqual([
      "multipart/form-data",
      "application/json",
    ]);
    expect(operation(REST_PATHS.compare, "post").requestBody?.required).toBe(true);
  });

  it("describes each success answer with the JSON Schema of its zod schema", () => {
    for (const [path, method, status, schema] of SUCCESS_RESPONSES) {
      const response = resolveResponse(operation(path, method).responses[status] ?? { $ref: "" });
      const media = response.content?.["application/json"];
      expect(doc.components.schemas[refName(media?.schema ?? { $ref: "" })], `${path} ${status}`).toEqual(
        jsonSchemaOf(schema, "output"),
      );
    }
  });

  it("gives every example a value its own zod schema accepts", () => {
    for (const [path, method, contentType, schema] of REQUEST_BODIES) {
      const example = operation(path, method).requestBody?.content[contentType]?.example;
      expect(schema.safeParse(example).success, `${path} ${contentType}`).toBe(true);
    }
    for (const [path, method, status, schema] of SUCCESS_RESPONSES) {
      const example = resolveResponse(operation(path, method).responses[status] ?? { $ref: "" }).content?.[
        "application/json"
      ]?.example;
      expect(schema.safeParse(example).success, `${path} ${status}`).toBe(true);
    }
  });

  it("answers every error status with the error envelope's schema and every code of that status as an example", () => {
    expect(doc.components.schemas.RestError).toEqual(jsonSchemaOf(RestErrorSchema, "output"));
    for (const [code, status] of Object.entries(REST_ERROR_STATUS) as [RestErrorCode, RestErrorStatus][]) {
      const response = doc.components.responses[errorResponseName(status)];
      const media = response?.content?.["application/json"];
      expect(media?.schema, code).toEqual({ $ref: "#/components/schemas/RestError" });
      const example = media?.examples?.[code];
      expect(example, code).toBeDefined();
      expect(RestErrorSchema.parse(example?.value).error.code).toBe(code);
    }
  });

  it("refers every operation's error responses to those shared responses", () => {
    for (const [path, method] of SUCCESS_RESPONSES) {
      const errors = Object.entries(operation(path, method).responses).filter(
        ([status]) => Number(status) >= 400,
      );
      expect(errors.length, path).toBeGreaterThan(0);
      for (const [status, response] of errors) {
        expect(response, `${path} ${status}`).toEqual({ $ref: `#/components/responses/Error${status}` });
        expect(resolveResponse(response).content?.["application/json"]?.schema).toEqual({
          $ref: "#/components/schemas/RestError",
        });
      }
    }
    expect(Object.keys(operation(REST_PATHS.compare, "post").responses)).toEqual(
      expect.arrayContaining(["400", "401", "403", "413", "415", "422", "429", "502", "504"]),
    );
  });

  it("declares X-Request-Id on every response, Retry-After on 429 and Allow on 405", () => {
    const responses = [
      ...Object.values(doc.components.responses),
      ...Object.values(doc.paths).flatMap((item) =>
        Object.values(item).flatMap((op) => Object.values(op.responses).map(resolveResponse)),
      ),
    ];
    for (const response of responses) {
      expect(response.headers["X-Request-Id"]).toEqual({ $ref: "#/components/headers/X-Request-Id" });
    }
    expect(doc.components.responses.Error429?.headers["Retry-After"]).toEqual({
      $ref: "#/components/headers/Retry-After",
    });
    expect(doc.components.responses.Error405?.headers.Allow).toEqual({ $ref: "#/components/headers/Allow" });
    for (const name of ["X-Request-Id", "Retry-After", "Allow"])
      expect(doc.components.headers[name]).toBeDefined();
  });

  it("authorises /v1/sessions with an agent key, the other /v1 calls with a session token, health with none", () => {
    expect(doc.components.securitySchemes).toEqual({
      agentKey: expect.objectContaining({ type: "http", scheme: "bearer" }),
      sessionToken: expect.objectContaining({ type: "http", scheme: "bearer" }),
    });
    expect(operation(REST_PATHS.sessions, "post").security).toEqual([{ agentKey: [] }]);
    expect(operation(REST_PATHS.compare, "post").security).toEqual([{ sessionToken: [] }]);
    expect(operation(REST_PATHS.tokens, "post").security).toEqual([{ sessionToken: [] }]);
    expect(operation(RESULTS_PATH, "get").security).toEqual([{ sessionToken: [] }]);
    expect(operation(REST_PATHS.health, "get").security).toEqual([]);
  });

  it("leaves no reference dangling", () => {
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      const [, section, name] = /#\/components\/(\w+)\/([^"]+)/.exec(ref) ?? [];
      const components = doc.components as unknown as Record<string, Record<string, unknown>>;
      expect(components[section ?? ""]?.[name ?? ""], ref).toBeDefined();
    }
  });
});

describe("GET /docs", () => {
  async function docsPage() {
    const response = await testGateway().fetch(new Request(`${GATEWAY_URL}docs`));
    return { response, page: await response.text() };
  }

  it("is an HTML page under a CSP that allows nothing but its inline styles", async () => {
    const { response, page } = await docsPage();
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toMatch(/^text\/html/);
    expect(response.headers.get("Content-Security-Policy")).toBe(
      "default-src 'none'; style-src 'unsafe-inline'",
    );
    expect(response.headers.get("X-Request-Id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(page).toMatch(/^<!doctype html>\s*<html lang="en">/);
    expect(page).not.toMatch(/<script|<link|\ssrc=|url\(/i);
  });

  it("lists every path with its method, every schema and every error code", async () => {
    const { page } = await docsPage();
    for (const [path, method] of SUCCESS_RESPONSES) {
      expect(page).toContain(`<span class="method">${method.toUpperCase()}</span> <code>${path}</code>`);
    }
    for (const name of Object.keys(doc.components.schemas)) expect(page).toContain(`id="schema-${name}"`);
    for (const code of Object.keys(REST_ERROR_STATUS)) expect(page).toContain(`<code>${code}</code>`);
  });

  it("shows the request fields and runnable examples against the origin it was asked from", async () => {
    const { page } = await docsPage();
    for (const field of ["video", "image", "livenessType", "actions", "videoBase64", "imageBase64"]) {
      expect(page).toContain(`<code>${field}</code>`);
    }
    expect(page).toContain("curl -X POST &#39;http://127.0.0.1:8787/v1/liveness/compare&#39;");
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
