/**
 * Edge validation of the parameters of the validated actions other than CompareFaceLiveness (whose rules are
 * worker/compare/), with the rules Tencent applies (../shared/tencent-faceid.md §4): what Tencent would
 * reject is refused here, before a paid round trip.
 */
import type { ValidatedAction } from "../../shared/faceid/actions";
import { fail } from "../errors/failure";
import { allowOnly, isHandleText, oneOf, type Parameters, requiredString } from "../validation/parameters";

export function validateParameters(
  action: Exclude<ValidatedAction, "CompareFaceLiveness">,
  parameters: Parameters,
): void {
  switch (action) {
    case "ApplyLivenessToken":
      allowOnly(parameters, ["SecureLevel"]);
      if (parameters.SecureLevel !== undefined) {
        oneOf(parameters, "SecureLevel", ["1", "2", "3", "4"]);
      }
      return;
    case "GetLivenessResult": {
      allowOnly(parameters, ["SdkToken"]);
      const token = requiredString(parameters, "SdkToken");
      if (!isHandleText(token)) {
        fail({ kind: "invalid-parameter", parameter: "SdkToken", detail: "is not a liveness SdkToken." });
      }
      return;
    }
  }
}
