/**
 * POST /v1/liveness/compare: a video and a reference photo, as multipart binary (25 % smaller than base64)
 * or as JSON with base64, checked at the edge, sent to CompareFaceLiveness, answered as a plain verdict.
 * One attempt of the session is spent once the upload is known to be valid; the call is never retried.
 */
import type { Context } from "hono";
import { MAX_BODY_BYTES, MAX_IMAGE_BASE64_BYTES, MAX_VIDEO_BASE64_BYTES } from "../../shared/faceid/limits";
import type { LivenessType } from "../../shared/faceid/types";
import { COMPARE_FORM_FIELDS } from "../../shared/rest/api";
import { membersWithMedia } from "../compare/compare-in-place";
import { fail } from "../errors/failure";
import type { GatewayEnv } from "../gateway-env";
import { readBoundedBody } from "../http/body";
import { parseJsonObject } from "../http/json-body";
import type { SessionClaims } from "../sessions/session-token";
import { checkValidateData, LIVENESS_TYPES, validateDataOf } from "../validation/liveness";
import {
  checkImageBase64,
  checkImageBytes,
  checkVideoBase64,
  checkVideoBytes,
  maxRawBytes,
} from "../validation/media";
import { boundaryOf, partText, readMultipart } from "./multipart";
import { CompareJsonRequestSchema, parseBody } from "./schemas";
import { compareBodyLength, copyCompareBody, encodeCompareBody } from "./tencent-body";

/** Room for the multipart framing and the small fields around the two files. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;
export const MAX_MULTIPART_BYTES =
  maxRawBytes(MAX_VIDEO_BASE64_BYTES) + maxRawBytes(MAX_IMAGE_BASE64_BYTES) + MULTIPART_OVERHEAD_BYTES;
export const MAX_JSON_BYTES = MAX_BODY_BYTES + MULTIPART_OVERHEAD_BYTES;
/** The JSON upload's fields the in-place path knows; `actions`, a list, goes to the reference path. */
const JSON_IN_PLACE_FIELDS = new Set(["imageBase64", "videoBase64", "livenessType"]);

/** The Tencent request body, ready to sign and send. */
export interface PreparedCompare {
  body: Uint8Array<ArrayBuffer> | string;
  livenessType: LivenessType;
}

/** Reads and checks the upload, whichever form it came in, against the session's own rules. */
export async function prepareCompare(
  c: Context<GatewayEnv>,
  claims: SessionClaims,
): Promise<PreparedCompare> {
  const contentType = c.req.header("content-type") ?? "";
  if (/^multipart\/form-data/i.test(contentType)) return fromMultipart(c, contentType, claims);
  if (/^application\/json\b/i.test(contentType)) return fromJson(c, claims);
  return fail({
    kind: "unsupported-media-type",
    detail: "Send multipart/form-data (video, image files) or application/json (videoBase64, imageBase64).",
  });
}

async function fromMultipart(c: Context<GatewayEnv>, contentType: string, claims: SessionClaims) {
  const boundary = boundaryOf(contentType);
  if (!boundary) fail({ kind: "invalid-body", detail: "The multipart Content-Type has no boundary." });
  const body = new Uint8Array(await readBoundedBody(c.req.raw, MAX_MULTIPART_BYTES));
  const form = readMultipart(body, boundary);
  if (!form.ok) return fail({ kind: "invalid-body", detail: `Malformed multipart body: ${form.problem}.` });
  const fields = COMPARE_FORM_FIELDS;
  for (const name of form.parts.keys()) {
    if (!Object.values<string>(fields).includes(name)) fail({ kind: "unknown-parameter", parameter: name });
  }
  const video = form.parts.get(fields.video)?.bytes;
  const image = form.parts.get(fields.image)?.bytes;
  if (!video) fail({ kind: "missing-parameter", parameter: fields.video });
  if (!image) fail({ kind: "missing-parameter", parameter: fields.image });
  const { livenessType, validateData } = livenessRules(
    claims,
    partText(form.parts.get(fields.livenessType)),
    partText(form.parts.get(fields.actions))
      ?.split(",")
      .map((name) => name.trim())
      .filter(Boolean),
  );
  checkVideoBytes(fields.video, video);
  checkImageBytes(fields.image, image);
  const upload = { image, video, livenessType, ...(validateData ? { validateData } : {}) };
  if (compareBodyLength(upload) > MAX_BODY_BYTES)
    fail({ kind: "body-too-large", limitBytes: MAX_BODY_BYTES });
  return { body: encodeCompareBody(upload), livenessType };
}

async function fromJson(c: Context<GatewayEnv>, claims: SessionClaims): Promise<PreparedCompare> {
  const bytes = await readBoundedBody(c.req.raw, MAX_JSON_BYTES);
  return fromJsonInPlace(new Uint8Array(bytes), claims) ?? fromParsedJson(bytes, claims);
}

/**
 * The JSON upload proved valid where it lies and its media copied into Tencent's body as they are: no parse
 * and stringify of 10 MB (compare/compare-in-place.ts). Undefined for anything it cannot prove valid
 * (`actions`, an escape, a bad value...): the reference path below decides, and says what is wrong.
 */
function fromJsonInPlace(bytes: Uint8Array, claims: SessionClaims): PreparedCompare | undefined {
  const members = membersWithMedia(bytes, { image: "imageBase64", video: "videoBase64" });
  if (!members) return undefined;
  for (const name of members.keys()) if (!JSON_IN_PLACE_FIELDS.has(name)) return undefined;
  const type = members.get("livenessType")?.text;
  const image = members.get("imageBase64");
  const video = members.get("videoBase64");
  if (!type || !LIVENESS_TYPES.includes(type as LivenessType) || !image || !video) return undefined;
  let rules: ReturnType<typeof livenessRules>;
  try {
    rules = livenessRules(claims, type, undefined);
  } catch {
    return undefined;
  }
  const body = copyCompareBody({
    imageBase64: bytes.subarray(image.start, image.end),
    videoBase64: bytes.subarray(video.start, video.end),
    livenessType: rules.livenessType,
    ...(rules.validateData ? { validateData: rules.validateData } : {}),
  });
  return body.length > MAX_BODY_BYTES ? undefined : { body, livenessType: rules.livenessType };
}

async function fromParsedJson(bytes: ArrayBuffer, claims: SessionClaims): Promise<PreparedCompare> {
  const input = parseJsonObject(bytes);
  const {
    videoBase64,
    imageBase64,
    livenessType: type,
    actions,
  } = parseBody(CompareJsonRequestSchema, input);
  const { livenessType, validateData } = livenessRules(claims, type, actions);
  checkVideoBase64("videoBase64", videoBase64);
  checkImageBase64("imageBase64", imageBase64);
  const body = JSON.stringify({
    ImageBase64: imageBase64,
    VideoBase64: videoBase64,
    LivenessType: livenessType,
    ...(validateData ? { ValidateData: validateData } : {}),
  });
  if (body.length > MAX_BODY_BYTES) fail({ kind: "body-too-large", limitBytes: MAX_BODY_BYTES });
  return { body, livenessType };
}

/**
 * The liveness type and actions of this attempt: as asked, within what the session allows. A session that
 * fixed them (CreateCaptureSession with LivenessType/Actions) cannot be used for anything else.
 */
function livenessRules(claims: SessionClaims, type: string | undefined, actions: string[] | undefined) {
  const livenessType = (type ?? claims.livenessType) as LivenessType | undefined;
  if (livenessType === undefined) fail({ kind: "missing-parameter", parameter: "livenessType" });
  if (!LIVENESS_TYPES.includes(livenessType)) {
    fail({ kind: "invalid-parameter", parameter: "livenessType", detail: "must be ACTION or SILENT." });
  }
  const requested = actions ?? claims.actions ?? [];
  const validateData = requested.length > 0 ? validateDataOf("actions", requested) : undefined;
  checkValidateData("actions", livenessType, validateData);
  if (claims.livenessType && claims.livenessType !== livenessType) {
    fail({ kind: "session-scope", call: `${livenessType} liveness` });
  }
  if (claims.actions && claims.actions.join(",") !== requested.join(",")) {
    fail({ kind: "session-scope", call: `the actions ${requested.join(",") || "(none)"}` });
  }
  return { livenessType, validateData };
}
