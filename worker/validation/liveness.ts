/**
 * Liveness type and action rules both dialects share: ACTION needs one or two distinct actions, SILENT none
 * (../shared/tencent-faceid.md §4, ValidateData).
 */
import { LIVENESS_ACTION_CODES, type LivenessActionName, type LivenessType } from "../../shared/faceid/types";
import { fail } from "../errors/failure";

export const LIVENESS_TYPES: readonly LivenessType[] = ["ACTION", "SILENT"];

/** Checks a Tencent `ValidateData` string against the liveness type. */
export function checkValidateData(
  field: string,
  livenessType: LivenessType,
  validateData: string | undefined,
): void {
  if (livenessType === "SILENT") {
    if (validateData)
      fail({ kind: "invalid-parameter", parameter: field, detail: "must be empty for SILENT liveness." });
    return;
  }
  if (!validateData) {
    fail({ kind: "missing-parameter", parameter: field });
  }
  const codes = validateData.split(",");
  if (
    codes.length > 2 ||
    codes.some((code) => !/^[1-4]$/.test(code)) ||
    new Set(codes).size !== codes.length
  ) {
    fail({
      kind: "invalid-parameter",
      parameter: field,
      detail: 'must be one or two distinct action codes 1–4, comma-separated (e.g. "4,2").',
    });
  }
}

/** Action names (REST, extension) → Tencent's `ValidateData`; refuses unknown names. */
export function validateDataOf(field: string, actions: readonly string[]): string {
  const codes = actions.map((name) => {
    const code = LIVENESS_ACTION_CODES[name as LivenessActionName];
    if (code === undefined || !Object.hasOwn(LIVENESS_ACTION_CODES, name)) {
      return fail({
        kind: "invalid-parameter",
        parameter: field,
        detail: `has an unknown action ${JSON.stringify(name)}; use ${Object.keys(LIVENESS_ACTION_CODES).join(", ")}.`,
      });
    }
    return code;
  });
  return codes.join(",");
}
