/**
 * The REST dialect as an OpenAPI 3.1 document (https://spec.openapis.org/oas/v3.1.0), generated from the zod
 * schemas that validate the requests (rest/schemas.ts), so the published contract cannot drift from what the
 * gateway accepts. Error examples come from the gateway's own failure-to-wire mapping (errors/rest.ts).
 * Built once per isolate, on first use.
 */
import * as z from "zod";
import { MAX_VIDEO_BASE64_BYTES } from "../../shared/faceid/limits";
import { describeCompareResult, describeLivenessResult } from "../../shared/faceid/result-codes";
import { REST_ERROR_STATUS, REST_PATHS, type RestErrorCode } from "../../shared/rest/api";
import type { GatewayFailure } from "../errors/failure";
import { toRestError } from "../errors/rest";
import { GATEWAY_VERSION } from "../version";
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
} from "./schemas";

export type JsonSchema = z.core.JSONSchema.BaseSchema;
export type HttpMethod = "get" | "post";
export type RestErrorStatus = (typeof REST_ERROR_STATUS)[RestErrorCode];

export interface OpenApiDocument {
  openapi: "3.1.0";
  info: { title: string; version: string; description: string };
  jsonSchemaDialect: string;
  servers?: { url: string }[];
  paths: Record<string, Partial<Record<HttpMethod, Operation>>>;
  components: {
    schemas: Record<string, JsonSchema>;
    responses: Record<string, ResponseObject>;
    headers: Record<string, HeaderObject>;
    securitySchemes: Record<SecuritySchemeName, { type: "http"; scheme: "bearer"; description: string }>;
  };
}

export interface Operation {
  operationId: string;
  summary: string;
  description: string;
  security: Partial<Record<SecuritySchemeName, string[]>>[];
  parameters?: { name: string; in: "path"; required: true; description: string; schema: JsonSchema }[];
  requestBody?: { required: boolean; content: Record<string, MediaType> };
  responses: Record<string, ResponseObject | Ref>;
}

export interface MediaType {
  schema: Ref;
  example?: unknown;
  examples?: Record<string, { summary: string; value: unknown }>;
}

export interface ResponseObject {
  description: string;
  headers: Record<string, Ref>;
  content?: Record<string, MediaType>;
}

export interface HeaderObject {
  description: string;
  schema: JsonSchema;
}

export interface Ref {
  $ref: string;
}

export type SecuritySchemeName = "agentKey" | "sessionToken";

/** The document, with `serverUrl` (e.g. the origin it was asked from) as its one server. */
export function openApiDocument(serverUrl?: string): OpenApiDocument {
  cached ??= buildDocument();
  return serverUrl ? { ...cached, servers: [{ url: serverUrl }] } : cached;
}

/** The component name a `$ref` points at. */
export function refName(ref: Ref): string {
  return ref.$ref.slice(ref.$ref.lastIndexOf("/") + 1);
}

/** The component name of the error response for a status. */
export function errorResponseName(status: RestErrorStatus): string {
  return `Error${status}`;
}

// ---------------------------------------------------------------------------------------------------------

let cached: OpenApiDocument | undefined;

/**
 * Every schema the document names, with the side of the wire it describes: requests are read as zod's
 * input type, answers as its output type.
 */
const COMPONENTS = {
  CreateSessionRequest: { schema: CreateSessionRequestSchema, io: "input" },
  CreateSessionResponse: { schema: CreateSessionResponseSchema, io: "output" },
  CompareMultipartRequest: { schema: CompareMultipartRequestSchema, io: "input" },
  CompareJsonRequest: { schema: CompareJsonRequestSchema, io: "input" },
  CompareResult: { schema: CompareResultSchema, io: "output" },
  CreateLivenessTokenRequest: { schema: CreateLivenessTokenRequestSchema, io: "input" },
  CreateLivenessTokenResponse: { schema: CreateLivenessTokenResponseSchema, io: "output" },
  LivenessResultResponse: { schema: LivenessResultResponseSchema, io: "output" },
  HealthResponse: { schema: HealthResponseSchema, io: "output" },
  RestError: { schema: RestErrorSchema, io: "output" },
} as const satisfies Record<string, { schema: z.ZodType; io: "input" | "output" }>;

type ComponentName = keyof typeof COMPONENTS;

const STATUS_TEXT: Record<RestErrorStatus, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  504: "Gateway Timeout",
};

/**
 * One representative failure per public error code, by status; its wire form comes from the gateway's own
 * mapping, so the documented messages are the ones sent.
 */
const SAMPLE_FAILURES: GatewayFailure[] = [
  { kind: "missing-parameter", parameter: "livenessType" },
  { kind: "credential-invalid" },
  { kind: "session-expired" },
  { kind: "session-revoked" },
  { kind: "session-exhausted", maxAttempts: 3 },
  { kind: "origin-not-allowed", origin: "https://elsewhere.example" },
  { kind: "session-scope", call: "tokens" },
  { kind: "not-found" },
  { kind: "unknown-handle", parameter: "SdkToken", form: "token" },
  { kind: "method-not-allowed", allowed: ["POST"] },
  { kind: "media-too-large", parameter: "videoBase64", limitBytes: MAX_VIDEO_BASE64_BYTES },
  { kind: "unsupported-media-type", detail: "Send multipart/form-data or application/json." },
  { kind: "invalid-media", parameter: "video", detail: "must be an MP4, AVI or FLV video (found WEBM)." },
  { kind: "rate-limited", retryAfterSeconds: 1 },
  { kind: "internal", detail: "" },
  { kind: "upstream-unreachable", detail: "" },
  { kind: "upstream-timeout", timeoutMs: 30_000 },
];

const HEADERS: Record<string, HeaderObject> = {
  "X-Request-Id": {
    description: "The gateway's id of this request, on every response; quote it when asking for support.",
    schema: { type: "string", format: "uuid" },
  },
  "Retry-After": {
    description: "Seconds to wait before trying again.",
    schema: { type: "integer", minimum: 1 },
  },
  Allow: { description: "The methods this path accepts.", schema: { type: "string" } },
};

const EXAMPLE_REQUEST_ID = "0b7e1a52-5c1d-4f7e-9b8a-2f4d6c8e1a30";
const EXAMPLE_TENCENT_REQUEST_ID = "9c1d3e4f-2a6b-4c8d-8e0f-1a2b3c4d5e6f";
const EXAMPLE_SESSION_TOKEN = "fes1.eyJzaWQiOiI0ZjJh….Qm9vS3V0";
const EXAMPLE_JPEG_BASE64 = "/9j/4AAQSkZJRgABAQAAAQABAAD…";

/**
 * The operations, in the order a partner meets them, each with the error statuses it can answer with.
 * A function, not a constant: app.ts imports this module, so its values are read only once the app exists.
 */
function operations(): (Operation & { path: string; method: HttpMethod })[] {
  return [
    {
      path: REST_PATHS.sessions,
      method: "post",
      operationId: "createSession",
      summary: "Exchange an agent key for a session token",
      description:
        "A support agent's tool (the extension) trades its long-lived agent key for a short-lived session token, " +
        "the only credential a browser holds. Partner backends mint the same token with `CreateCaptureSession` " +
        "through the Tencent dialect. An empty body takes every default.",
      security: [{ agentKey: [] }],
      requestBody: {
        required: false,
        content: {
          "application/json": {
            schema: ref("CreateSessionRequest"),
            example: {
              origin: "https://kyc.partner.example",
              livenessType: "ACTION",
              actions: ["shake_head", "blink"],
              maxAttempts: 3,
              ttlSeconds: 600,
            },
          },
        },
      },
      responses: {
        ...success(201, "The session token and its limits.", "CreateSessionResponse", {
          sessionToken: EXAMPLE_SESSION_TOKEN,
          expiresAt: "2026-05-01T12:10:00.000Z",
          maxAttempts: 3,
        }),
        ...errors([400, 401, 413, 415, 500]),
      },
    },
    {
      path: REST_PATHS.compare,
      method: "post",
      operationId: "compareFaceLiveness",
      summary: "Verify a liveness video against a reference photo",
      description:
        "Sends the video and the photo to FaceID's `CompareFaceLiveness` and answers with a plain verdict. " +
        "Prefer multipart: binary travels 25 % smaller than base64, which the gateway adds at the edge. " +
        "Media is checked at the edge (size, container by magic bytes) before the paid call. Each valid " +
        "upload spends one of the session's attempts; the call is billable and never retried.",
      security: [{ sessionToken: [] }],
      requestBody: {
        required: true,
        content: {
          "multipart/form-data": {
            schema: ref("CompareMultipartRequest"),
            example: {
              video: "video.mp4",
              image: "photo.jpg",
              livenessType: "ACTION",
              actions: "shake_head,blink",
            },
          },
          "application/json": {
            schema: ref("CompareJsonRequest"),
            example: {
              videoBase64: "AAAAIGZ0eXBpc29tAAACAGlzb21pc28y…",
              imageBase64: EXAMPLE_JPEG_BASE64,
              livenessType: "SILENT",
            },
          },
        },
      },
      responses: {
        ...success(200, "FaceID's verdict; `passed` is true only for Success.", "CompareResult", {
          passed: true,
          result: "Success",
          description: describeCompareResult("Success").description,
          similarity: 87.5,
          bestFrameBase64: EXAMPLE_JPEG_BASE64,
          tencentRequestId: EXAMPLE_TENCENT_REQUEST_ID,
          requestId: EXAMPLE_REQUEST_ID,
        }),
        ...errors([400, 401, 403, 413, 415, 422, 429, 500, 502, 504]),
      },
    },
    {
      path: REST_PATHS.tokens,
      method: "post",
      operationId: "createLivenessToken",
      summary: "Start a liveness flow on Tencent's hosted page",
      description:
        "Calls FaceID's `ApplyLivenessToken`. The SdkToken runs a flow for 10 minutes; read its outcome with " +
        "`GET /v1/liveness/results/{sdkToken}` for 2 hours. Spends one of the session's attempts, like a " +
        "compare. A session fixed to SILENT liveness asks for level 1 (or 3), one fixed to ACTION for 4 (or 2, " +
        "and only when its actions are unset or just blink); anything else is 403 `forbidden`.",
      security: [{ sessionToken: [] }],
      requestBody: {
        required: false,
        content: {
          "application/json": { schema: ref("CreateLivenessTokenRequest"), example: { secureLevel: "4" } },
        },
      },
      responses: {
        ...success(201, "The SdkToken and the end of its flow window.", "CreateLivenessTokenResponse", {
          sdkToken: "5A3C1E2B-7D4F-4E6A-9B8C-0D1E2F3A4B5C",
          expiresAt: "2026-05-01T12:10:00.000Z",
        }),
        ...errors([400, 401, 403, 413, 415, 429, 500, 502, 504]),
      },
    },
    {
      path: `${REST_PATHS.results}/{sdkToken}`,
      method: "get",
      operationId: "getLivenessResult",
      summary: "Read the outcome of a liveness flow",
      description:
        "Calls FaceID's `GetLivenessResult`. The result is `-999` while the flow is not finished. Only an " +
        "SdkToken the same partner obtained (here or through its backend) can be read: any other, like one " +
        "never issued, gets 404 `not_found`.",
      security: [{ sessionToken: [] }],
      parameters: [
        {
          name: "sdkToken",
          in: "path",
          required: true,
          description: "The SdkToken from `POST /v1/liveness/tokens`.",
          schema: { type: "string", pattern: "^[A-Za-z0-9_-]+$", maxLength: 256 },
        },
      ],
      responses: {
        ...success(
          200,
          "The flow's outcome, with links to its best frame and video.",
          "LivenessResultResponse",
          {
            passed: true,
            result: "0",
            description: describeLivenessResult("0").description,
            bestFrame: { url: "https://faceid-files.example/best-frame.jpg", md5: "9e107d9d…", size: 48213 },
            video: null,
            tencentRequestId: EXAMPLE_TENCENT_REQUEST_ID,
          },
        ),
        ...errors([400, 401, 403, 404, 429, 500, 502, 504]),
      },
    },
    {
      path: REST_PATHS.health,
      method: "get",
      operationId: "health",
      summary: "Liveness of the gateway itself",
      description: "Needs no credential; `sandbox` tells whether the upstream is the local FaceID sandbox.",
      security: [],
      responses: {
        ...success(200, "The gateway is up.", "HealthResponse", {
          status: "ok",
          version: GATEWAY_VERSION,
          sandbox: false,
        }),
        ...errors([500]),
      },
    },
  ];
}

function buildDocument(): OpenApiDocument {
  const paths: OpenApiDocument["paths"] = {};
  for (const { path, method, ...operation } of operations()) {
    paths[path] = { ...paths[path], [method]: operation };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "FaceID Edge REST API",
      version: GATEWAY_VERSION,
      description:
        "The REST dialect of the FaceID Edge gateway, for browser pages and the agent extension: JSON and " +
        "multipart in, plain JSON out, every call authorised by a short-lived session token. Errors come as " +
        '`{"error":{"code","message","requestId"}}` with the status of their code; every response carries ' +
        "`X-Request-Id`. Partner backends use the Tencent dialect (`POST /` with `X-TC-Action`) instead.",
    },
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    paths,
    components: {
      schemas: componentSchemas(),
      responses: errorResponses(),
      headers: HEADERS,
      securitySchemes: {
        agentKey: {
          type: "http",
          scheme: "bearer",
          description:
            "A support agent's long-lived, revocable key (npm run partner -- agent-key create), accepted only " +
            "by POST /v1/sessions.",
        },
        sessionToken: {
          type: "http",
          scheme: "bearer",
          description:
            "A short-lived session token from POST /v1/sessions or the Tencent dialect's " +
            "CreateCaptureSession, bound to its partner, origin, expiry and attempts.",
        },
      },
    },
  };
}

function componentSchemas(): Record<string, JsonSchema> {
  const schemas: Record<string, JsonSchema> = {};
  for (const [name, { schema, io }] of Object.entries(COMPONENTS)) {
    // The document declares the dialect once (jsonSchemaDialect); each schema need not repeat it.
    const { $schema: _dialect, ...jsonSchema } = z.toJSONSchema(schema, { io });
    schemas[name] = jsonSchema;
  }
  return schemas;
}

/** One response per error status, with every code of that status as a named example. */
function errorResponses(): Record<string, ResponseObject> {
  const responses: Record<string, ResponseObject> = {};
  for (const failure of SAMPLE_FAILURES) {
    const error = toRestError(failure);
    const status = REST_ERROR_STATUS[error.code];
    const name = errorResponseName(status);
    const examples = { ...responses[name]?.content?.["application/json"]?.examples };
    examples[error.code] = {
      summary: error.message,
      value: { error: { code: error.code, message: error.message, requestId: EXAMPLE_REQUEST_ID } },
    };
    const headers: Record<string, Ref> = {
      ...responses[name]?.headers,
      "X-Request-Id": headerRef("X-Request-Id"),
    };
    for (const header of Object.keys(error.headers ?? {})) headers[header] = headerRef(header);
    responses[name] = {
      description: STATUS_TEXT[status],
      headers,
      content: { "application/json": { schema: ref("RestError"), examples } },
    };
  }
  return responses;
}

function success(status: 200 | 201, description: string, schema: ComponentName, example: unknown) {
  return {
    [status]: {
      description,
      headers: { "X-Request-Id": headerRef("X-Request-Id") },
      content: { "application/json": { schema: ref(schema), example } },
    },
  };
}

function errors(statuses: RestErrorStatus[]): Record<string, Ref> {
  return Object.fromEntries(
    statuses.map((status) => [status, { $ref: `#/components/responses/${errorResponseName(status)}` }]),
  );
}

function ref(name: ComponentName): Ref {
  return { $ref: `#/components/schemas/${name}` };
}

function headerRef(name: string): Ref {
  return { $ref: `#/components/headers/${name}` };
}
