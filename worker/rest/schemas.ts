/**
 * The REST dialect's bodies as zod schemas: the same objects validate requests here and, through the routes'
 * descriptions (rest/operations.ts), make the OpenAPI document, so the documentation cannot drift from what
 * the gateway accepts. Each body's `id` is its name among the document's components. Media content (base64
 * form, magic bytes, sizes) is checked after the shape, by worker/compare/.
 */
import * as z from "zod";
import { LIVENESS_ACTION_CODES, type LivenessActionName } from "../../shared/faceid/types";
import { ID_CARD_TYPES, WEB_VERIFICATION_LANGUAGES } from "../../shared/faceid/web-verification";
import { fail } from "../errors/failure";
import { SESSION_LIMITS } from "../sessions/create-session";
import { SESSION_CALL_ACTIONS } from "../sessions/session-token";

const actionNames = Object.keys(LIVENESS_ACTION_CODES) as [LivenessActionName, ...LivenessActionName[]];

export const LivenessTypeSchema = z
  .enum(["ACTION", "SILENT"])
  .describe("ACTION: perform the actions; SILENT: hold still.");
export const LivenessActionSchema = z.enum(actionNames).describe("A liveness action, in the order asked.");

export const CreateSessionRequestSchema = z
  .strictObject({
    externalId: z
      .string()
      .regex(/^[\x20-\x7e]{1,128}$/, "must be 1 to 128 printable ASCII characters.")
      .optional()
      .describe("Your own case or user reference, shown back in look-ups."),
    origin: z
      .string()
      .optional()
      .describe("The partner page's origin the token is bound to (one it registered)."),
    calls: z
      .array(z.enum(Object.values(SESSION_CALL_ACTIONS)))
      .min(1)
      .optional()
      .describe("The FaceID actions the token may make; by default every one the partner is allowed."),
    livenessType: LivenessTypeSchema.optional(),
    actions: z.array(LivenessActionSchema).max(2).optional(),
    maxAttempts: z.int().min(1).max(SESSION_LIMITS.maxAttempts).optional().describe("Default 3."),
    ttlSeconds: z
      .int()
      .min(SESSION_LIMITS.minTtlSeconds)
      .max(SESSION_LIMITS.maxTtlSeconds)
      .optional()
      .describe("Default 600."),
  })
  .describe("POST /v1/sessions: exchange an agent key for a session token.")
  .meta({ id: "CreateSessionRequest" });

export const CreateSessionResponseSchema = z
  .object({
    sessionId: z.uuid().describe("The session's id, to look it up later."),
    sessionToken: z.string(),
    expiresAt: z.iso.datetime(),
    maxAttempts: z.int(),
  })
  .meta({ id: "CreateSessionResponse" });

export const CompareJsonRequestSchema = z
  .strictObject({
    videoBase64: z.string().describe("MP4, AVI or FLV, base64 (RFC 4648), at most 8 MB of base64."),
    imageBase64: z.string().describe("JPG or PNG reference photo, base64, at most 3 MB of base64."),
    livenessType: LivenessTypeSchema,
    actions: z
      .array(LivenessActionSchema)
      .min(1)
      .max(2)
      .optional()
      .describe("ACTION only: one or two actions."),
  })
  .meta({ id: "CompareJsonRequest" });

export const CompareMultipartRequestSchema = z
  .object({
    video: z.string().meta({ format: "binary" }).describe("The video file (MP4, AVI or FLV), at most 6 MiB."),
    image: z
      .string()
      .meta({ format: "binary" })
      .describe("The reference photo (JPG or PNG), at most 2.25 MiB."),
    livenessType: LivenessTypeSchema,
    actions: z.string().optional().describe('ACTION only: comma-separated actions, e.g. "shake_head,blink".'),
    checksOverridden: z
      .enum(["true", "false"])
      .optional()
      .describe(
        "true: the capture's on-device face checks did not pass and the agent recorded anyway; kept with the attempt.",
      ),
  })
  .meta({ id: "CompareMultipartRequest" });

export const CompareResultSchema = z
  .object({
    passed: z.boolean().describe("True only for Tencent's Success."),
    result: z
      .string()
      .describe("Tencent's result code, e.g. Success or FailedOperation.CompareLowSimilarity."),
    description: z.string().describe("Human text from the shared result-code catalogue."),
    similarity: z
      .number()
      .min(0)
      .max(100)
      .nullable()
      .describe("0–100; 70 ≈ 0.1 % false accepts, 80 ≈ 0.01 %."),
    bestFrameBase64: z.string().nullable(),
    tencentRequestId: z.string(),
    requestId: z.string(),
    verdictToken: z
      .string()
      .regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/)
      .describe(
        "This verdict signed by the gateway, for your backend: a compact JWS (EdDSA, typ " +
          "faceid-edge-verdict+jwt) with claims iss, aud (your partnerId), sub (the SessionId), jti, iat, exp " +
          "(10 minutes), externalId, passed, result, similarity, livenessType, tencentRequestId. Verify it " +
          "with the keys at /.well-known/jwks.json; the rest of this answer is for display.",
      ),
  })
  .meta({ id: "CompareResult" });

export const VerdictKeySetSchema = z
  .object({
    keys: z.array(
      z.object({
        kty: z.literal("OKP"),
        crv: z.literal("Ed25519"),
        x: z.string().describe("The public key, base64url."),
        kid: z.string().describe("The key id that a verdict token's header names."),
        alg: z.literal("EdDSA"),
        use: z.literal("sig"),
      }),
    ),
  })
  .describe("A JWK Set (RFC 7517): the key that signs verdict tokens, then any retired key still valid.")
  .meta({ id: "VerdictKeySet" });

export const CreateLivenessTokenRequestSchema = z
  .strictObject({
    secureLevel: z
      .enum(["1", "2", "3", "4"])
      .optional()
      .describe("1 silent, 2 blink, 3 light, 4 blink + light (default)."),
  })
  .meta({ id: "CreateLivenessTokenRequest" });

export const CreateLivenessTokenResponseSchema = z
  .object({
    sdkToken: z.string(),
    expiresAt: z.iso.datetime().describe("End of the 10-minute flow window."),
  })
  .meta({ id: "CreateLivenessTokenResponse" });

const FileInfoSchema = z.object({ url: z.string(), md5: z.string(), size: z.int() }).nullable();

export const LivenessResultResponseSchema = z
  .object({
    passed: z.boolean(),
    result: z
      .string()
      .describe('Numeric result code, "0" for success, "-999" while the flow is not finished.'),
    description: z.string(),
    bestFrame: FileInfoSchema,
    video: FileInfoSchema,
    tencentRequestId: z.string(),
  })
  .meta({ id: "LivenessResultResponse" });

export const CreateWebVerificationRequestSchema = z
  .strictObject({
    redirectUrl: z
      .string()
      .describe(
        "Where Tencent sends the person back, with ?token=<BizToken> appended: an https URL whose origin and " +
          "path are one of the partner's registered redirect URLs (the query is yours).",
      ),
    checkMode: z
      .union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)])
      .optional()
      .describe("1 OCR + liveness + comparison, 2 liveness + comparison (default), 3 liveness, 4 OCR."),
    idCardType: z.enum(ID_CARD_TYPES).optional().describe("The identity document, for the modes with OCR."),
    language: z.enum(WEB_VERIFICATION_LANGUAGES).optional().describe("The page's language (default en)."),
  })
  .meta({ id: "CreateWebVerificationRequest" });

export const CreateWebVerificationResponseSchema = z
  .object({
    verificationUrl: z.string().describe("Tencent's page for the person: open it on their device."),
    bizToken: z.string(),
    expiresAt: z.iso.datetime().describe("The flow runs 10 minutes."),
    handoffUrl: z
      .string()
      .describe(
        "The gateway's short link to verificationUrl, for a QR code on the agent's screen; opening it moves " +
          "the flow's progress to opened.",
      ),
    handoffCode: z.string().describe("The same link as a code to type at <gateway>/h, e.g. K7QM-3XTD."),
  })
  .meta({ id: "CreateWebVerificationResponse" });

export const WebVerificationResultSchema = z
  .discriminatedUnion("status", [
    z.object({
      status: z.literal("pending"),
      progress: z
        .enum(["waiting", "opened", "in_progress"])
        .describe(
          "waiting: not opened through the hand-off link yet; opened: opened; in_progress: steps made.",
        ),
    }),
    CompareResultSchema.extend({ status: z.literal("completed") }),
  ])
  .describe("The flow's progress, then its verdict: as a compare's, signed (verdictToken).")
  .meta({ id: "WebVerificationResult" });

const SessionAttemptSchema = z.object({
  at: z.iso.datetime(),
  flow: z
    .enum(["compare", "web"])
    .describe("compare: an upload; web: Tencent's hosted verification (POST /v1/web-verifications)."),
  livenessType: LivenessTypeSchema,
  actions: z.array(LivenessActionSchema),
  result: z
    .string()
    .describe("Tencent's result code, or the gateway's error code when Tencent gave no verdict."),
  passed: z.boolean(),
  similarity: z.number().min(0).max(100).nullable(),
  tencentRequestId: z.string().nullable(),
  requestId: z.string().describe("The gateway's request id of the verification."),
  capturedBy: z.string().describe("`session` (the page holding the token) or `agent:<keyId>`."),
  origin: z.string().nullable().describe("The page's origin, when the request carried one."),
  checksOverridden: z
    .boolean()
    .describe(
      "An upload recorded although the capture's face checks did not pass (the agent's Record anyway).",
    ),
});

export const SessionResponseSchema = z
  .object({
    sessionId: z.uuid(),
    externalId: z.string().nullable(),
    status: z
      .enum(["pending", "passed", "failed", "expired", "revoked"])
      .describe(
        "pending until an attempt passes or the attempts run out (failed once every spent attempt has its outcome, or at expiry).",
      ),
    attemptsUsed: z.int(),
    maxAttempts: z.int(),
    attempts: z
      .array(SessionAttemptSchema)
      .describe("Every verification made with the session, oldest first."),
    expiresAt: z.iso.datetime(),
  })
  .meta({ id: "Session" });

export const HealthResponseSchema = z
  .object({
    status: z.literal("ok"),
    version: z.string(),
    sandbox: z.boolean().describe("True when the upstream is the local FaceID sandbox."),
  })
  .meta({ id: "HealthResponse" });

export const RestErrorSchema = z
  .object({
    error: z.object({ code: z.string(), message: z.string(), requestId: z.string() }),
  })
  .meta({ id: "RestError" });

/** Validates a parsed body; the first problem becomes the gateway's failure for that field. */
export function parseBody<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.join(".") || "body";
  if (issue?.code === "unrecognized_keys")
    return fail({ kind: "unknown-parameter", parameter: issue.keys[0] ?? field });
  if (issue?.code === "invalid_type" && issue.input === undefined)
    return fail({ kind: "missing-parameter", parameter: field });
  return fail({ kind: "invalid-parameter", parameter: field, detail: issue?.message ?? "is not valid." });
}
