/**
 * POST /v1/liveness/compare: a video and a reference photo, as multipart binary (25 % smaller than base64)
 * or as JSON with base64, sent to CompareFaceLiveness, answered as a plain verdict. This module maps the
 * REST wire (content types, part and field names) to the comparison's rules (worker/compare/).
 * One attempt of the session is spent once the upload is known to be valid; the call is never retried.
 */
import type { Context } from "hono";
import { MAX_BODY_BYTES } from "../../shared/faceid/limits";
import { COMPARE_FORM_FIELDS } from "../../shared/rest/api";
import type { CompareJsonNames } from "../compare/in-place";
import { compareBodyInPlace, compareBodyOfUpload, type PreparedCompare } from "../compare/request";
import { COMPARE_MEDIA, type CompareScope, maxRawBytes } from "../compare/rules";
import { fail } from "../errors/failure";
import type { ChunkedBody } from "../faceid/chunked-body";
import type { GatewayEnv } from "../gateway-env";
import { readBoundedBody } from "../http/body";
import { parseJsonObject } from "../http/json-body";
import type { SessionClaims } from "../sessions/session-token";
import { boundaryOf, partText, readMultipart } from "./multipart";
import { CompareJsonRequestSchema, parseBody } from "./schemas";

/** Room for the multipart framing and the small fields around the two files. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;
export const MAX_MULTIPART_BYTES =
  maxRawBytes(COMPARE_MEDIA.video.base64Limit) +
  maxRawBytes(COMPARE_MEDIA.image.base64Limit) +
  MULTIPART_OVERHEAD_BYTES;
export const MAX_JSON_BYTES = MAX_BODY_BYTES + MULTIPART_OVERHEAD_BYTES;

/** The JSON upload's names for the comparison's members; `actions`, a list, is left to the parsed reader. */
const JSON_NAMES = {
  image: "imageBase64",
  video: "videoBase64",
  livenessType: "livenessType",
} as const satisfies CompareJsonNames;

/** An upload ready for Tencent, and what the session's record keeps of how it was captured. */
export interface PreparedUpload extends PreparedCompare<PreparedCompare["body"] | ChunkedBody> {
  /** The capture's own face checks did not pass and the agent recorded anyway (multipart field only). */
  checksOverridden: boolean;
}

/** Reads and checks the upload, whichever form it came in, against the session's own rules. */
export async function prepareCompare(c: Context<GatewayEnv>, claims: SessionClaims): Promise<PreparedUpload> {
  const contentType = c.req.header("content-type") ?? "";
  if (/^multipart\/form-data/i.test(contentType)) return fromMultipart(c, contentType, claims);
  if (/^application\/json\b/i.test(contentType))
    return { ...(await fromJson(c, claims)), checksOverridden: false };
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
  const livenessType = partText(form.parts.get(fields.livenessType));
  const actions = partText(form.parts.get(fields.actions))
    ?.split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  const checksOverridden = overrideOf(partText(form.parts.get(fields.checksOverridden)));
  return {
    ...compareBodyOfUpload({ encoding: "binary", video, image, livenessType, actions }, fields, claims),
    checksOverridden,
  };
}

/** `true` or `false`, as a form sends a checkbox's meaning; absent is false. */
function overrideOf(value: string | undefined): boolean {
  if (value === undefined || value === "false") return false;
  if (value === "true") return true;
  return fail({
    kind: "invalid-parameter",
    parameter: COMPARE_FORM_FIELDS.checksOverridden,
    detail: "must be true or false.",
  });
}

async function fromJson(c: Context<GatewayEnv>, claims: SessionClaims): Promise<PreparedCompare> {
  const bytes = new Uint8Array(await readBoundedBody(c.req.raw, MAX_JSON_BYTES));
  return jsonUploadInPlace(bytes, claims) ?? parsedJsonUpload(bytes, claims);
}

/** The JSON upload read where it lies; undefined when that reader declines to decide. */
export function jsonUploadInPlace(bytes: Uint8Array, scope: CompareScope): PreparedCompare | undefined {
  return compareBodyInPlace(bytes, JSON_NAMES, scope);
}

/** The JSON upload parsed: its Tencent body, or a failure naming what is wrong. */
export function parsedJsonUpload(bytes: Uint8Array, scope: CompareScope): PreparedCompare {
  const { videoBase64, imageBase64, livenessType, actions } = parseBody(
    CompareJsonRequestSchema,
    parseJsonObject(bytes),
  );
  return compareBodyOfUpload(
    { encoding: "base64", video: videoBase64, image: imageBase64, livenessType, actions },
    { video: JSON_NAMES.video, image: JSON_NAMES.image },
    scope,
  );
}
