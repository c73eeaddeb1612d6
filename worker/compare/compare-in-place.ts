/**
 * CompareFaceLiveness's parameters checked where they lie in the body: the same rules as
 * `validateParameters` (parameters.ts), without turning a 10 MB body into a string and a parsed object, in
 * one pass over the media (base64-span.ts) and a few bytes of the rest (string-members.ts). The REST
 * dialect's JSON upload, the same media under other names, is read the same way (rest/compare.ts).
 *
 * It only ever says "valid": a body it cannot prove valid (another shape, an escape, a bad value) goes to the
 * reference path, JSON.parse + validateParameters, which gives the answer and the exact error. So it may
 * refuse to decide, never decide differently.
 */
import { MAX_IMAGE_BASE64_BYTES, MAX_VIDEO_BASE64_BYTES } from "../../shared/faceid/limits";
import type { LivenessType } from "../../shared/faceid/types";
import {
  ACCEPTED_IMAGE_TYPES,
  ACCEPTED_VIDEO_CONTAINERS,
  SNIFF_BYTES,
  sniffImageType,
  sniffVideoContainer,
} from "../../shared/media/sniff";
import { checkValidateData, LIVENESS_TYPES } from "../validation/liveness";
import type { AlphabetScanner } from "./base64-scanner";
import { base64StringAt } from "./base64-span";
import { type StringMember, stringMembers } from "./string-members";

const PARAMETERS = new Set(["ImageBase64", "VideoBase64", "LivenessType", "ValidateData"]);

/** `scanner`: which base64 alphabet check (base64-scanner.ts); the benchmark compares them. */
export function compareParametersValidInPlace(body: Uint8Array, scanner?: AlphabetScanner): boolean {
  const members = membersWithMedia(body, { image: "ImageBase64", video: "VideoBase64" }, scanner);
  if (!members) return false;
  for (const name of members.keys()) if (!PARAMETERS.has(name)) return false;

  const livenessType = members.get("LivenessType")?.text as LivenessType | undefined;
  if (livenessType === undefined || !LIVENESS_TYPES.includes(livenessType)) return false;
  try {
    checkValidateData("ValidateData", livenessType, members.get("ValidateData")?.text);
  } catch {
    return false;
  }
  return true;
}

/**
 * The string members of a JSON object whose `image` and `video` members are base64 media as Tencent takes
 * them: well-formed, within their limits, a JPG or PNG and an MP4, AVI or FLV by their magic bytes. Undefined
 * unless all of that holds.
 */
export function membersWithMedia(
  body: Uint8Array,
  names: { image: string; video: string },
  scanner?: AlphabetScanner,
): Map<string, StringMember> | undefined {
  const heads = new Map<string, Uint8Array>();
  const media = (name: string, limitBytes: number) =>
    [
      name,
      (bytes: Uint8Array, start: number) => {
        const value = base64StringAt(bytes, start, limitBytes, SNIFF_BYTES, scanner);
        if (value) heads.set(name, value.head);
        return value?.end ?? -1;
      },
    ] as const;
  const members = stringMembers(
    body,
    new Map([media(names.image, MAX_IMAGE_BASE64_BYTES), media(names.video, MAX_VIDEO_BASE64_BYTES)]),
  );
  const image = heads.get(names.image);
  const video = heads.get(names.video);
  if (!members || image === undefined || video === undefined) return undefined;
  if (!ACCEPTED_IMAGE_TYPES.includes(sniffImageType(image))) return undefined;
  if (!ACCEPTED_VIDEO_CONTAINERS.includes(sniffVideoContainer(video))) return undefined;
  return members;
}
