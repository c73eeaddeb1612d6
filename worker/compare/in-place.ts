/**
 * The raw-bytes reader of CompareFaceLiveness's rules (rules.ts): a JSON body read where it lies, without
 * turning 10 MB into a string and a parsed object, in one pass over the media (base64-span.ts) and a few bytes
 * of the rest (string-members.ts). Both dialects' JSON bodies are read this way, each by its own names.
 *
 * It only ever says "valid": a body it cannot prove valid (another shape, an escape, a list, a bad value)
 * gets undefined, and the parsed reader (parsed.ts) gives the answer and the exact error. So it may decline to
 * decide, never decide differently: a seeded property test feeds both the same bodies.
 */
import type { LivenessType } from "../../shared/faceid/types";
import { SNIFF_BYTES } from "../../shared/media/sniff";
import { GatewayError } from "../errors/failure";
import { base64StringAt } from "./base64-span";
import { acceptsHead, COMPARE_MEDIA, type CompareMedium, isLivenessType } from "./rules";
import { type StringMember, stringMembers } from "./string-members";

/** A dialect's names for the members of its JSON body. */
export interface CompareJsonNames {
  image: string;
  video: string;
  livenessType: string;
  /** Tencent's `ValidateData`; the REST dialect's `actions` is a list, which this reader leaves to the other. */
  validateData?: string;
}

/** A body proved to hold the two media as Tencent takes them, a known liveness type and nothing else. */
export interface CompareInPlace {
  /** The media's base64, as views into the body. */
  imageBase64: Uint8Array;
  videoBase64: Uint8Array;
  livenessType: LivenessType;
  validateData?: string;
}

export function readCompareInPlace(body: Uint8Array, names: CompareJsonNames): CompareInPlace | undefined {
  const heads = new Map<CompareMedium, Uint8Array>();
  const medium = (medium: CompareMedium) =>
    [
      names[medium],
      (bytes: Uint8Array, start: number) => {
        const value = base64StringAt(bytes, start, COMPARE_MEDIA[medium].base64Limit, SNIFF_BYTES);
        if (value) heads.set(medium, value.head);
        return value?.end ?? -1;
      },
    ] as const;
  const members = stringMembers(body, new Map([medium("image"), medium("video")]));
  if (!members) return undefined;
  const known = new Set(Object.values(names));
  for (const name of members.keys()) if (!known.has(name)) return undefined;
  const image = members.get(names.image);
  const video = members.get(names.video);
  const imageHead = heads.get("image");
  const videoHead = heads.get("video");
  if (!image || !video || !imageHead || !videoHead) return undefined;
  if (!acceptsHead(COMPARE_MEDIA.image, imageHead) || !acceptsHead(COMPARE_MEDIA.video, videoHead))
    return undefined;
  const livenessType = members.get(names.livenessType)?.text;
  if (!isLivenessType(livenessType)) return undefined;
  const validateData = names.validateData ? members.get(names.validateData)?.text : undefined;
  return {
    imageBase64: span(body, image),
    videoBase64: span(body, video),
    livenessType,
    ...(validateData === undefined ? {} : { validateData }),
  };
}

/**
 * The rules the parsed reader would apply to what was read, as a decision this reader may decline: a
 * refusal there means "not proved valid here", and the parsed reader says why.
 */
export function unlessRefused<T>(check: () => T): T | undefined {
  try {
    return check();
  } catch (error) {
    if (error instanceof GatewayError) return undefined;
    throw error;
  }
}

function span(body: Uint8Array, member: StringMember): Uint8Array {
  return body.subarray(member.start, member.end);
}
