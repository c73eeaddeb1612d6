/**
 * What each REST operation is, for the OpenAPI document: one hono-openapi `describeRoute` middleware per route,
 * mounted on the route it describes, so the document lists exactly the routes the gateway serves. Bodies are
 * described by the zod schemas that validate them (rest/schemas.ts), errors by the shared error responses
 * (rest/openapi.ts). The middlewares carry only the description and pass every request straight on; schemas
 * become JSON Schema when the document is first asked for, not when a route is described.
 */
import { describeRoute, resolver } from "hono-openapi";
import { describeCompareResult, describeLivenessResult } from "../../shared/faceid/result-codes";
import { GATEWAY_VERSION } from "../version";
import { EXAMPLE_REQUEST_ID, errorResponseRefs, responseSchema, type ValidationSchema } from "./openapi";
import {
  CompareJsonRequestSchema,
  CompareMultipartRequestSchema,
  CompareResultSchema,
  CreateLivenessTokenRequestSchema,
  CreateLivenessTokenResponseSchema,
  CreateSessionRequestSchema,
  CreateSessionResponseSchema,
  CreateWebVerificationRequestSchema,
  CreateWebVerificationResponseSchema,
  HealthResponseSchema,
  LivenessResultResponseSchema,
  SessionResponseSchema,
  VerdictKeySetSchema,
  WebVerificationResultSchema,
} from "./schemas";

const EXAMPLE_TENCENT_REQUEST_ID = "9c1d3e4f-2a6b-4c8d-8e0f-1a2b3c4d5e6f";
const EXAMPLE_JPEG_BASE64 = "/9j/4AAQSkZJRgABAQAAAQABAAD…";
const EXAMPLE_SESSION_ID = "4f2a9c1e-6b3d-4e8f-a1c2-7d9e0b3f5a61";
/** A real verdict token (sub EXAMPLE_SESSION_ID), signed by the throwaway key of EXAMPLE_VERDICT_KEY. */
const EXAMPLE_VERDICT_TOKEN =
  "eyJhbGciOiJFZERTQSIsImtpZCI6Iko5V3k1M1BoWklZUGNaYkdsb0x6Nmktam43UUJiOWdaN3NId28yaUtwOTgiLCJ0eXAiOiJmYWNlaWQtZWRnZS12ZXJkaWN0K2p3dCJ9." +
  "eyJhdWQiOiJwdG5fOGZLMm1RNHhWN3BMMXNUeiIsInN1YiI6IjRmMmE5YzFlLTZiM2QtNGU4Zi1hMWMyLTdkOWUwYjNmNWE2MSIsImV4dGVybmFsSWQiOiJjYXNlLTQ3MTEiLCJwYXNzZWQiOnRydWUsInJlc3VsdCI6IlN1Y2Nlc3MiLCJzaW1pbGFyaXR5Ijo4Ny41LCJsaXZlbmVzc1R5cGUiOiJBQ1RJT04iLCJ0ZW5jZW50UmVxdWVzdElkIjoiOWMxZDNlNGYtMmE2Yi00YzhkLThlMGYtMWEyYjNjNGQ1ZTZmIiwiaXNzIjoiaHR0cHM6Ly9mYWNlaWQuZWRnZS5leGFtcGxlLmNvbSIsImp0aSI6IjZkMGMyYjdlLTNmMWEtNGM1ZC05ZThmLTBhMWIyYzNkNGU1ZiIsImlhdCI6MTc3NzYzNjgwMCwiZXhwIjoxNzc3NjM3NDAwfQ." +
  "ASGtYQWNiiblC0CRH_4KAgiaqGu7KKOJealhE6zlUAjK_zkkmdvIBYXYRYtT_0eR0f-yjwocyU-it9d0DdCNAg";
const EXAMPLE_VERDICT_KEY = {
  kty: "OKP",
  crv: "Ed25519",
  x: "C4bSxS7YO2AQWbC8Z8GRzUjj9iUaZmBxjVDSSHNmTBI",
  kid: "J9Wy53PhZIYPcZbGloLz6i-jn7QBb9gZ7sHwo2iKp98",
  alg: "EdDSA",
  use: "sig",
};

export const describeCreateSession = describeRoute({
  operationId: "createSession",
  summary: "Exchange an agent key for a session token",
  description:
    "A support agent's tool (the extension) trades its long-lived agent key for a short-lived session token, " +
    "the only credential a browser holds. Partner backends mint the same token with `CreateCaptureSession` " +
    "through the Tencent dialect. An empty body takes every default. Asking for calls the partner may not " +
    "make is 403 `forbidden`.",
  security: [{ agentKey: [] }],
  requestBody: {
    required: false,
    content: {
      "application/json": {
        schema: requestSchema(CreateSessionRequestSchema),
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
    ...success(201, "The session token and its limits.", CreateSessionResponseSchema, {
      sessionId: EXAMPLE_SESSION_ID,
      sessionToken: "fes1.eyJzaWQiOiI0ZjJh….Qm9vS3V0",
      expiresAt: "2026-05-01T12:10:00.000Z",
      maxAttempts: 3,
    }),
    ...errorResponseRefs([400, 401, 403, 413, 415, 500]),
  },
});

export const describeGetSession = describeRoute({
  operationId: "getSession",
  summary: "Look up a session and every verification made with it",
  description:
    "For the partner's backend (with an agent key of the same partner; partner backends may call " +
    "`DescribeCaptureSession` through the Tencent dialect instead): the session's status and every " +
    "verification made with it, recorded without media. Records outlive the session by the gateway's " +
    "retention period (7 days by default). Another partner's session, like one that never existed or " +
    "whose record is gone, is 404 `not_found`.",
  security: [{ agentKey: [] }],
  parameters: [
    {
      name: "sessionId",
      in: "path",
      required: true,
      description: "The `sessionId` from `POST /v1/sessions` (or `SessionId` from `CreateCaptureSession`).",
      schema: { type: "string", format: "uuid" },
    },
  ],
  responses: {
    ...success(200, "The session and its verifications, oldest first.", SessionResponseSchema, {
      sessionId: EXAMPLE_SESSION_ID,
      externalId: "case-4711",
      status: "passed",
      attemptsUsed: 1,
      maxAttempts: 3,
      attempts: [
        {
          at: "2026-05-01T12:02:13.000Z",
          flow: "compare",
          livenessType: "ACTION",
          actions: ["shake_head", "blink"],
          result: "Success",
          passed: true,
          similarity: 87.5,
          tencentRequestId: EXAMPLE_TENCENT_REQUEST_ID,
          requestId: EXAMPLE_REQUEST_ID,
          capturedBy: "agent:ak_3f9c2d1e",
          origin: "https://kyc.partner.example",
        },
      ],
      expiresAt: "2026-05-01T12:10:00.000Z",
    }),
    ...errorResponseRefs([401, 404, 500]),
  },
});

export const describeCompare = describeRoute({
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
        schema: requestSchema(CompareMultipartRequestSchema),
        example: {
          video: "video.mp4",
          image: "photo.jpg",
          livenessType: "ACTION",
          actions: "shake_head,blink",
        },
      },
      "application/json": {
        schema: requestSchema(CompareJsonRequestSchema),
        example: {
          videoBase64: "AAAAIGZ0eXBpc29tAAACAGlzb21pc28y…",
          imageBase64: EXAMPLE_JPEG_BASE64,
          livenessType: "SILENT",
        },
      },
    },
  },
  responses: {
    ...success(200, "FaceID's verdict; `passed` is true only for Success.", CompareResultSchema, {
      passed: true,
      result: "Success",
      description: describeCompareResult("Success").description,
      similarity: 87.5,
      bestFrameBase64: EXAMPLE_JPEG_BASE64,
      tencentRequestId: EXAMPLE_TENCENT_REQUEST_ID,
      requestId: EXAMPLE_REQUEST_ID,
      verdictToken: EXAMPLE_VERDICT_TOKEN,
    }),
    ...errorResponseRefs([400, 401, 403, 413, 415, 422, 429, 500, 502, 504]),
  },
});

export const describeCreateLivenessToken = describeRoute({
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
      "application/json": {
        schema: requestSchema(CreateLivenessTokenRequestSchema),
        example: { secureLevel: "4" },
      },
    },
  },
  responses: {
    ...success(201, "The SdkToken and the end of its flow window.", CreateLivenessTokenResponseSchema, {
      sdkToken: "5A3C1E2B-7D4F-4E6A-9B8C-0D1E2F3A4B5C",
      expiresAt: "2026-05-01T12:10:00.000Z",
    }),
    ...errorResponseRefs([400, 401, 403, 413, 415, 429, 500, 502, 504]),
  },
});

export const describeCreateWebVerification = describeRoute({
  operationId: "createWebVerification",
  summary: "Start Tencent's hosted verification (open its page on the person's device)",
  description:
    "Calls FaceID's `ApplyWebVerificationBizTokenIntl`. The person completes Tencent's page at " +
    "`verificationUrl` within 10 minutes (ID document where the mode reads one, liveness, comparison); " +
    "Tencent then sends them to `redirectUrl` with `?token=<bizToken>`. `redirectUrl` must have the origin and " +
    "path of one of the partner's registered redirect URLs (`npm run partner -- update <id> --redirect-url`). " +
    "The session's liveness rules become the page's: SILENT asks for silent liveness, ACTION for its actions. " +
    "Spends one of the session's attempts, like a compare.",
  security: [{ sessionToken: [] }],
  requestBody: {
    required: true,
    content: {
      "application/json": {
        schema: requestSchema(CreateWebVerificationRequestSchema),
        example: {
          redirectUrl: "https://kyc.partner.example/return?case=4711",
          checkMode: 1,
          idCardType: "HKIDCard",
        },
      },
    },
  },
  responses: {
    ...success(
      201,
      "Tencent's page for the person, and the flow's BizToken.",
      CreateWebVerificationResponseSchema,
      {
        verificationUrl: "https://faceid.example.tencentcloud.com/web/verify?token=EXAMPLE",
        bizToken: "D6B6E2F4-0A3B-4C5D-8E9F-1A2B3C4D5E6F",
        expiresAt: "2026-05-01T12:10:00.000Z",
        handoffUrl: "https://faceid.edge.example.com/h/K7QM3XTD",
        handoffCode: "K7QM-3XTD",
      },
    ),
    ...errorResponseRefs([400, 401, 403, 413, 415, 429, 500, 502, 504]),
  },
});

export const describeGetWebVerification = describeRoute({
  operationId: "getWebVerification",
  summary: "Follow a hosted verification, then read its verdict",
  description:
    "Calls FaceID's `GetWebVerificationResultIntl`. While the person has not finished: `pending` with its " +
    "progress. Then the verdict, as a compare's and signed the same way (`verdictToken`); it goes into the " +
    "session's record (and to the partner's webhook) the first time it is read. Only the session that started " +
    "the flow can read it: any other BizToken, like one never issued, gets 404 `not_found`.",
  security: [{ sessionToken: [] }],
  parameters: [
    {
      name: "bizToken",
      in: "path",
      required: true,
      description: "The bizToken from `POST /v1/web-verifications`.",
      schema: { type: "string", pattern: "^[A-Za-z0-9_-]+$", maxLength: 256 },
    },
  ],
  responses: {
    ...success(200, "The flow's progress, or its signed verdict.", WebVerificationResultSchema, {
      status: "completed",
      passed: true,
      result: "0",
      description: "Success",
      similarity: 91.2,
      bestFrameBase64: EXAMPLE_JPEG_BASE64,
      tencentRequestId: EXAMPLE_TENCENT_REQUEST_ID,
      requestId: EXAMPLE_REQUEST_ID,
      verdictToken: EXAMPLE_VERDICT_TOKEN,
    }),
    ...errorResponseRefs([400, 401, 403, 404, 429, 500, 502, 504]),
  },
});

export const describeGetLivenessResult = describeRoute({
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
      LivenessResultResponseSchema,
      {
        passed: true,
        result: "0",
        description: describeLivenessResult("0").description,
        bestFrame: { url: "https://faceid-files.example/best-frame.jpg", md5: "9e107d9d…", size: 48213 },
        video: null,
        tencentRequestId: EXAMPLE_TENCENT_REQUEST_ID,
      },
    ),
    ...errorResponseRefs([400, 401, 403, 404, 429, 500, 502, 504]),
  },
});

export const describeHealth = describeRoute({
  operationId: "health",
  summary: "Liveness of the gateway itself",
  description: "Needs no credential; `sandbox` tells whether the upstream is the local FaceID sandbox.",
  security: [],
  responses: {
    ...success(200, "The gateway is up.", HealthResponseSchema, {
      status: "ok",
      version: GATEWAY_VERSION,
      sandbox: false,
    }),
    ...errorResponseRefs([500]),
  },
});

export const describeVerdictKeys = describeRoute({
  operationId: "verdictKeys",
  summary: "The public keys verdict tokens are signed with",
  description:
    "A JWK Set for verifying a compare's `verdictToken` offline (e.g. jose's `createRemoteJWKSet`): the " +
    "signing key, then any retired key whose tokens may not have expired yet. Cacheable for 5 minutes; a " +
    "token naming an unknown `kid` means fetching it again. Needs no credential.",
  security: [],
  responses: {
    ...success(200, "The verdict keys (public members only).", VerdictKeySetSchema, {
      keys: [EXAMPLE_VERDICT_KEY],
    }),
    ...errorResponseRefs([500]),
  },
});

// ---------------------------------------------------------------------------------------------------------

/** A request body is what the caller sends: zod's input type (hono-openapi's default for zod). */
function requestSchema(schema: ValidationSchema) {
  return resolver(schema);
}

/** A success answer, with the request id header every answer carries. */
function success(status: 200 | 201, description: string, schema: ValidationSchema, example: unknown) {
  return {
    [status]: {
      description,
      headers: { "X-Request-Id": { $ref: "#/components/headers/X-Request-Id" } },
      content: { "application/json": { schema: responseSchema(schema), example } },
    },
  };
}
