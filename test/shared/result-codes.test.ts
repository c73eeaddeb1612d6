import { describe, expect, it } from "vitest";
import {
  API_ERROR_CODES,
  COMPARE_RESULT_CODES,
  describeApiError,
  describeCompareResult,
  describeLivenessResult,
  isApiErrorCode,
  isCompareResultCode,
  isLivenessResultCode,
  LIVENESS_RESULT_CODES,
} from "../../shared/faceid/result-codes";

/** Every code named in ../shared/tencent-faceid.md §3–4, copied from the document. */
const DOC_COMPARE_RESULTS = [
  "Success",
  "FailedOperation.CompareLowSimilarity",
  "FailedOperation.ActionFirstAction",
  "FailedOperation.SilentTooShort",
  "FailedOperation.SilentFaceDetectFail",
  "FailedOperation.SilentMultiFaceFail",
  "FailedOperation.LifePhotoDetectNoFaces",
  "FailedOperation.LifePhotoDetectFaces",
  "FailedOperation.LifePhotoPoorQuality",
  "FailedOperation.LivessDetectFake",
  "FailedOperation.ActionLightDark",
  "FailedOperation.ActionLightStrong",
  "FailedOperation.ActionNodetectFace",
  "FailedOperation.ActionOpenMouth",
  "FailedOperation.ActionCloseEye",
  "FailedOperation.ActionFaceClose",
  "FailedOperation.ActionFaceFar",
  "FailedOperation.ActionFaceLeft",
  "FailedOperation.ActionFaceRight",
  "FailedOperation.ImageBlur",
  "FailedOperation.ImageDecodeFailed",
  "FailedOperation.ImageSizeTooLarge",
];

const DOC_LIVENESS_RESULTS = [
  ..."0 1 2 3 4 8 9 10 11 14 15 16 202 1001 1002 1003 1004 1005 1201 1202 2004".split(" "),
  ..."2012 2013 2014 2015 2016 2017 -999".split(" "),
];

const DOC_API_ERRORS = [
  "AuthFailure.SignatureFailure",
  "AuthFailure.SignatureExpire",
  "AuthFailure.SecretIdNotFound",
  "AuthFailure.InvalidAuthorization",
  "AuthFailure.TokenFailure",
  "AuthFailure.UnauthorizedOperation",
  "InvalidAction",
  "InvalidParameter",
  "InvalidParameterValue",
  "MissingParameter",
  "UnknownParameter",
  "NoSuchVersion",
  "UnsupportedRegion",
  "UnsupportedProtocol",
  "RequestLimitExceeded",
  "RequestLimitExceeded.UinLimitExceeded",
  "RequestLimitExceeded.GlobalRegionUinLimitExceeded",
  "RequestLimitExceeded.IPLimitExceeded",
  "RequestSizeLimitExceeded",
  "LimitExceeded",
  "InternalError",
  "ServiceUnavailable",
  "UnauthorizedOperation",
  "FailedOperation",
  "ResourceNotFound",
  "FailedOperation.CompressVideoError",
  "FailedOperation.UnKnown",
  "UnauthorizedOperation.Activating",
  "UnauthorizedOperation.Arrears",
  "UnauthorizedOperation.NonAuthorize",
  "UnauthorizedOperation.Nonactivated",
  "InvalidParameterValue.BizTokenExpired",
  "InvalidParameterValue.BizTokenIllegal",
  "OperationDenied",
];

describe("the result-code catalogue covers the vendor document", () => {
  it.each(DOC_COMPARE_RESULTS)("describes CompareFaceLiveness result %s", (code) => {
    expect(isCompareResultCode(code)).toBe(true);
    const info = describeCompareResult(code);
    expect(info.code).toBe(code);
    expect(info.description.length).toBeGreaterThan(10);
    expect(info.category).not.toBe("unknown");
  });

  it.each(DOC_LIVENESS_RESULTS)("describes GetLivenessResult result %s", (code) => {
    expect(isLivenessResultCode(code)).toBe(true);
    const info = describeLivenessResult(code);
    expect(info.code).toBe(code);
    expect(info.description.length).toBeGreaterThan(10);
    expect(info.category).not.toBe("unknown");
  });

  it.each(DOC_API_ERRORS)("describes API error %s", (code) => {
    expect(isApiErrorCode(code)).toBe(true);
    expect(describeApiError(code).description.length).toBeGreaterThan(10);
  });

  it("lists each family's codes", () => {
    expect(COMPARE_RESULT_CODES).toEqual(expect.arrayContaining(DOC_COMPARE_RESULTS));
    expect(LIVENESS_RESULT_CODES).toEqual(expect.arrayContaining(DOC_LIVENESS_RESULTS));
    expect(API_ERROR_CODES).toEqual(expect.arrayContaining(DOC_API_ERRORS));
  });
});

describe("only the success codes pass", () => {
  it("passes Success and 0 only", () => {
    const passing = [
      ...COMPARE_RESULT_CODES.filter((code) => describeCompareResult(code).passed),
      ...LIVENESS_RESULT_CODES.filter((code) => describeLivenessResult(code).passed),
      ...API_ERROR_CODES.filter((code) => describeApiError(code).passed),
    ];
    expect(passing).toEqual(["Success", "0"]);
  });

  it("does not pass an unknown code", () => {
    expect(describeCompareResult("FailedOperation.SomethingNew").passed).toBe(false);
    expect(describeLivenessResult("4242").passed).toBe(false);
  });
});

describe("descriptions say what to do", () => {
  it("tells the person to find more light when the face was too dark", () => {
    expect(describeCompareResult("FailedOperation.ActionLightDark")).toEqual({
      code: "FailedOperation.ActionLightDark",
      description: "The face was too dark. Move to a brighter place and retry.",
      passed: false,
      retryable: true,
      category: "capture",
    });
  });

  it("treats a pending liveness flow as worth asking again", () => {
    expect(describeLivenessResult("-999")).toMatchObject({
      category: "pending",
      retryable: true,
      passed: false,
    });
  });

  it("does not invite a retry of a suspected spoof", () => {
    expect(describeCompareResult("FailedOperation.LivessDetectFake")).toMatchObject({
      category: "spoof",
      retryable: false,
    });
    expect(describeLivenessResult("1002")).toMatchObject({ category: "spoof", retryable: false });
  });
});

describe("unknown codes fall back sensibly", () => {
  it("describes an unknown sub-code by its family", () => {
    expect(describeApiError("AuthFailure.SomethingNew")).toMatchObject({
      code: "AuthFailure.SomethingNew",
      category: "request",
    });
    expect(describeApiError("RequestLimitExceeded.NewLimit")).toMatchObject({
      category: "rate-limit",
      retryable: true,
    });
  });

  it("describes an API error passed as a compare result", () => {
    expect(describeCompareResult("FailedOperation.UnKnown").category).toBe("service");
    expect(describeLivenessResult("InvalidParameterValue.BizTokenExpired").category).toBe("token");
  });

  it("gives a generic text naming the code when nothing matches", () => {
    const info = describeLivenessResult("4242");
    expect(info).toMatchObject({ code: "4242", category: "unknown", passed: false });
    expect(info.description).toContain("4242");
  });

  it("does not mistake inherited object keys for codes", () => {
    expect(isCompareResultCode("toString")).toBe(false);
    expect(describeApiError("constructor").category).toBe("unknown");
  });
});
