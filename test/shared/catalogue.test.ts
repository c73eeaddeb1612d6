// The FaceID catalogue's rows hold together: every action of the intl SDK 3.0.1426 once, each parameter rule
// naming parameters the action has, each region one FaceID is offered in, and removed actions kept apart.
import { describe, expect, it } from "vitest";
import {
  FACEID_ACTIONS,
  FACEID_REGIONS,
  isFaceIdAction,
  isValidatedAction,
  removedAction,
  VALIDATED_ACTIONS,
} from "../../shared/faceid/actions";
import { PARAMETER_MODELS, REMOVED_ACTIONS } from "../../shared/faceid/catalogue";

/** faceid_client.js of the intl Node SDK 3.0.1426, method by method. */
const SDK_3_0_1426_ACTIONS = [
  "ApplyLivenessToken",
  "ApplySdkVerificationToken",
  "ApplyWebVerificationBizTokenIntl",
  "BankCard2EVerification",
  "BankCard4EVerification",
  "BankCardVerification",
  "CheckBankCardInformation",
  "CheckIdCardInformation",
  "CheckIdNameDate",
  "CompareFaceLiveness",
  "CreateUploadUrl",
  "DetectAIFakeFaces",
  "DetectReflectLivenessAndCompare",
  "GenerateReflectSequence",
  "GetFaceIdResultIntl",
  "GetFaceIdTokenIntl",
  "GetLivenessResult",
  "GetNFCToken",
  "GetSdkVerificationResult",
  "GetWebVerificationResultIntl",
  "GetWxNFCResult",
  "IdCardOCRVerification",
  "IdCardVerification",
  "ImageRecognition",
  "ImageRecognitionV2",
  "LivenessCompare",
  "MobileNetworkTimeVerification",
  "MobileStatus",
  "PhoneVerification",
  "VideoLivenessCompare",
];

describe("the catalogue", () => {
  it("lists the 30 actions of the SDK, no more", () => {
    expect(Object.keys(FACEID_ACTIONS).sort()).toEqual(SDK_3_0_1426_ACTIONS);
  });

  it("names only FaceID regions, parameters its actions have, and models it defines", () => {
    for (const [action, spec] of Object.entries(FACEID_ACTIONS)) {
      for (const region of spec.regions ?? []) expect(FACEID_REGIONS, action).toContain(region);
      for (const group of spec.requiresOneOf ?? []) {
        for (const name of group) expect(Object.keys(spec.parameters), action).toContain(name);
      }
      for (const [name, parameter] of Object.entries(spec.parameters)) {
        const known = ["String", "Integer", "Float", "Boolean", "Array of String", "Array of Integer"];
        if (!known.includes(parameter.type))
          expect(Object.keys(PARAMETER_MODELS), `${action}.${name}`).toContain(parameter.type);
      }
      expect([5, 20, 100], action).toContain(spec.ratePerSecond);
    }
  });

  it("never marks a billable call safe to resend, but for the NFC read Tencent bills once", () => {
    const resendable = Object.entries(FACEID_ACTIONS)
      .filter(([, spec]) => spec.billable && spec.retrySafe)
      .map(([action]) => action);
    expect(resendable).toEqual(["GetWxNFCResult"]);
    expect(FACEID_ACTIONS.CompareFaceLiveness).toMatchObject({ billable: true, retrySafe: false });
    expect(FACEID_ACTIONS.GetLivenessResult).toMatchObject({ billable: false, retrySafe: true });
  });

  it("keeps the three validated actions as they were", () => {
    expect(Object.keys(VALIDATED_ACTIONS)).toEqual([
      "CompareFaceLiveness",
      "ApplyLivenessToken",
      "GetLivenessResult",
    ]);
    expect(isValidatedAction("CompareFaceLiveness")).toBe(true);
    expect(isValidatedAction("IdCardVerification")).toBe(false);
  });
});

describe("removed actions", () => {
  it("are not catalogued, and each names a catalogued replacement", () => {
    for (const [action, removal] of Object.entries(REMOVED_ACTIONS)) {
      expect(isFaceIdAction(action)).toBe(false);
      expect(isFaceIdAction(removal.replacement)).toBe(true);
      expect(removedAction(action)).toEqual({ removedOn: "2026-03-09", replacement: removal.replacement });
    }
  });

  it("are told from catalogued and unknown names", () => {
    expect(removedAction("GetWebVerificationResult")?.replacement).toBe("GetWebVerificationResultIntl");
    expect(removedAction("GetWebVerificationResultIntl")).toBeUndefined();
    expect(removedAction("toString")).toBeUndefined();
    expect(removedAction("NoSuchAction")).toBeUndefined();
  });
});
