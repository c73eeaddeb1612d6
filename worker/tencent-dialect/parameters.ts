/**
 * Edge validation of the parameters of the three actions the gateway knows, with the rules Tencent applies
 * (../shared/tencent-faceid.md §4): what Tencent would reject is refused here, before a paid round trip.
 * Media is judged by its bytes (base64 form, size, magic bytes), never by what the caller says it is.
 */
import type { ValidatedAction } from "../../shared/faceid/actions";
import { fail } from "../errors/failure";
import { checkValidateData, LIVENESS_TYPES } from "../validation/liveness";
import { checkImageBase64, checkVideoBase64 } from "../validation/media";

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
  const livenessType = oneOf(parameters, "LivenessType", LIVENESS_TYPES);
  checkImageBase64("ImageBase64", image);
  checkVideoBase64("VideoBase64", video);
  const validateData = parameters.ValidateData;
  if (validateData !== undefined && typeof validateData !== "string") {
    fail({ kind: "invalid-parameter", parameter: "ValidateData", detail: "must be a string." });
  }
  checkValidateData("ValidateData", livenessType, validateData);
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
