/**
 * Edge validation of the parameters of the three actions the gateway knows, with the rules Tencent applies
 * (../shared/tencent-faceid.md §4): what Tencent would reject is refused here, before a paid round trip.
 * Media is judged by its bytes (base64 form, size, magic bytes), never by what the caller says it is.
 */
import { checkBase64, decodeBase64Prefix } from "../../shared/base64";
import type { ValidatedAction } from "../../shared/faceid/actions";
import { MAX_IMAGE_BASE64_BYTES, MAX_VIDEO_BASE64_BYTES } from "../../shared/faceid/limits";
import {
  ACCEPTED_IMAGE_TYPES,
  ACCEPTED_VIDEO_CONTAINERS,
  SNIFF_BYTES,
  sniffImageType,
  sniffVideoContainer,
} from "../../shared/media/sniff";
import { fail } from "../errors/failure";

type Parameters = Record<string, unknown>;

export function validateParameters(action: ValidatedAction, parameters: Parameters): void {
  switch (action) {
    case "CompareFaceLiveness":
      validateCompareFaceLiveness(parameters);
      return;
    case "ApplyLivenessToken":
      allowOnly(parameters, ["SecureLevel"]);
      if (parameters.SecureLevel !== undefined) {
        oneOf(parameters, "SecureLevel", ["1", "2", "3", "4"]);
      }
      return;
    case "GetLivenessResult": {
      allowOnly(parameters, ["SdkToken"]);
      const token = requiredString(parameters, "SdkToken");
      if (token.length > 256 || !/^[A-Za-z0-9_-]+$/.test(token)) {
        fail({ kind: "invalid-parameter", parameter: "SdkToken", detail: "is not a liveness SdkToken." });
      }
      return;
    }
  }
}

function validateCompareFaceLiveness(parameters: Parameters): void {
  allowOnly(parameters, ["ImageBase64", "VideoBase64", "LivenessType", "ValidateData"]);
  const image = requiredString(parameters, "ImageBase64");
  const video = requiredString(parameters, "VideoBase64");
  const livenessType = oneOf(parameters, "LivenessType", ["ACTION", "SILENT"]);

  checkMedia("ImageBase64", image, MAX_IMAGE_BASE64_BYTES);
  const imageType = sniffImageType(decodeBase64Prefix(image, SNIFF_BYTES));
  if (!ACCEPTED_IMAGE_TYPES.includes(imageType)) {
    fail({
      kind: "invalid-parameter",
      parameter: "ImageBase64",
      detail: `must be a JPG or PNG image (found ${describe(imageType)}).`,
    });
  }

  checkMedia("VideoBase64", video, MAX_VIDEO_BASE64_BYTES);
  const container = sniffVideoContainer(decodeBase64Prefix(video, SNIFF_BYTES));
  if (!ACCEPTED_VIDEO_CONTAINERS.includes(container)) {
    fail({
      kind: "invalid-parameter",
      parameter: "VideoBase64",
      detail: `must be an MP4, AVI or FLV video (found ${describe(container)}).`,
    });
  }

  const validateData = parameters.ValidateData;
  if (validateData !== undefined && typeof validateData !== "string") {
    fail({ kind: "invalid-parameter", parameter: "ValidateData", detail: "must be a string." });
  }
  if (livenessType === "SILENT") {
    if (validateData) {
      fail({
        kind: "invalid-parameter",
        parameter: "ValidateData",
        detail: "must be empty for SILENT liveness.",
      });
    }
    return;
  }
  if (!validateData) fail({ kind: "missing-parameter", parameter: "ValidateData" });
  const actions = validateData.split(",");
  if (
    actions.length > 2 ||
    actions.some((code) => !/^[1-4]$/.test(code)) ||
    new Set(actions).size !== actions.length
  ) {
    fail({
      kind: "invalid-parameter",
      parameter: "ValidateData",
      detail: 'must be one or two distinct action codes 1–4, comma-separated (e.g. "4,2").',
    });
  }
}

function checkMedia(parameter: string, base64: string, limitBytes: number): void {
  if (base64.length > limitBytes) {
    fail({
      kind: "invalid-parameter",
      parameter,
      detail: `exceeds ${limitBytes / 1024 / 1024} MB of base64.`,
    });
  }
  const problem = checkBase64(base64);
  if (problem) {
    fail({
      kind: "invalid-parameter",
      parameter,
      detail: `is not base64 (RFC 4648 with = padding, no data: prefix or line breaks): ${problem}.`,
    });
  }
}

function allowOnly(parameters: Parameters, names: readonly string[]): void {
  for (const name of Object.keys(parameters)) {
    if (!names.includes(name)) fail({ kind: "unknown-parameter", parameter: name });
  }
}

function requiredString(parameters: Parameters, name: string): string {
  const value = parameters[name];
  if (value === undefined || value === null || value === "")
    fail({ kind: "missing-parameter", parameter: name });
  if (typeof value !== "string")
    fail({ kind: "invalid-parameter", parameter: name, detail: "must be a string." });
  return value;
}

function oneOf<T extends string>(parameters: Parameters, name: string, values: readonly T[]): T {
  const value = requiredString(parameters, name);
  if (!(values as readonly string[]).includes(value)) {
    fail({ kind: "invalid-parameter", parameter: name, detail: `must be one of ${values.join(", ")}.` });
  }
  return value as T;
}

function describe(type: string): string {
  return type === "unknown" ? "an unrecognised format" : type.toUpperCase();
}
