/**
 * CompareFaceLiveness requests turned into validated Tencent bodies, for both dialects: each JSON body is
 * first read where it lies (in-place.ts), and whatever that reader declines goes to the parsed reader
 * (parsed.ts), which decides and says what is wrong. The dialects only map their wire to these calls.
 */
import { MAX_BODY_BYTES } from "../../shared/faceid/limits";
import { fail } from "../errors/failure";
import { ChunkedBody } from "../faceid/chunked-body";
import { parseJsonObject } from "../http/json-body";
import { type CompareJsonNames, readCompareInPlace, unlessRefused } from "./in-place";
import { type CompareUpload, checkTencentParameters, checkUpload, TENCENT_COMPARE_NAMES } from "./parsed";
import { type CheckedLiveness, type CompareScope, checkValidateData, livenessWithin } from "./rules";
import { compareBodyChunks, compareBodyLength, copyCompareBody } from "./tencent-body";

/**
 * A Tencent request body, ready to sign and send, with the liveness it asks for: held whole (JSON uploads), or
 * made chunk by chunk as it is read (a binary upload's base64).
 */
export interface PreparedCompare<Body = Uint8Array<ArrayBuffer> | string> extends CheckedLiveness {
  body: Body;
}

/** The Tencent dialect's body, valid as it is (it is forwarded byte for byte), or a failure. */
export function checkTencentCompareBody(body: Uint8Array): void {
  if (!tencentBodyProvedInPlace(body)) checkTencentParameters(parseJsonObject(body));
}

/** Whether the raw-bytes reader proves a Tencent dialect body valid; false when it declines to decide. */
export function tencentBodyProvedInPlace(body: Uint8Array): boolean {
  const read = readCompareInPlace(body, TENCENT_COMPARE_NAMES);
  return (
    read !== undefined &&
    unlessRefused(() => {
      checkValidateData(TENCENT_COMPARE_NAMES.validateData, read.livenessType, read.validateData);
      return true;
    }) === true
  );
}

/**
 * A REST JSON upload proved valid where it lies, its media copied into Tencent's body as they are: no parse
 * and stringify of 10 MB. Undefined for anything not proved valid: the caller then parses it and calls
 * `compareBodyOfUpload`, which decides.
 */
export function compareBodyInPlace(
  bytes: Uint8Array,
  names: CompareJsonNames,
  scope: CompareScope,
): PreparedCompare | undefined {
  const read = readCompareInPlace(bytes, names);
  const checked = read && unlessRefused(() => livenessWithin(scope, read.livenessType, undefined));
  if (!read || !checked) return undefined;
  const body = copyCompareBody({ ...read, ...checked });
  return body.length > MAX_BODY_BYTES ? undefined : { body, ...checked };
}

type MediaNames = { video: string; image: string };

/** A REST upload, checked within the session's scope, as Tencent's body. */
export function compareBodyOfUpload(
  upload: Extract<CompareUpload, { encoding: "binary" }>,
  names: MediaNames,
  scope: CompareScope,
): PreparedCompare<ChunkedBody>;
export function compareBodyOfUpload(
  upload: Extract<CompareUpload, { encoding: "base64" }>,
  names: MediaNames,
  scope: CompareScope,
): PreparedCompare<string>;
export function compareBodyOfUpload(
  upload: CompareUpload,
  names: MediaNames,
  scope: CompareScope,
): PreparedCompare<ChunkedBody | string> {
  const checked = checkUpload(upload, names, scope);
  const { livenessType, validateData } = checked;
  if (upload.encoding === "binary") {
    const media = { image: upload.image, video: upload.video, livenessType, validateData };
    const length = compareBodyLength(media);
    if (length > MAX_BODY_BYTES) fail({ kind: "body-too-large", limitBytes: MAX_BODY_BYTES });
    // Never allocated whole: encoded a chunk at a time once to hash it and once more to send it, so the upload
    // in flight holds its own bytes and a chunk, not their base64 beside them (issue 17, item 4).
    return { body: new ChunkedBody(length, () => compareBodyChunks(media)), ...checked };
  }
  const body = JSON.stringify({
    ImageBase64: upload.image,
    VideoBase64: upload.video,
    LivenessType: livenessType,
    ...(validateData ? { ValidateData: validateData } : {}),
  });
  if (body.length > MAX_BODY_BYTES) fail({ kind: "body-too-large", limitBytes: MAX_BODY_BYTES });
  return { body, ...checked };
}
