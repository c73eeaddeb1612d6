// Every action of the catalogue through the official Tencent intl Node SDK, over real HTTP, with the gateway and
// the sandbox under wrangler dev: a partner granted the whole catalogue calls each action with the SDK's typed
// client where the installed release (3.0.1335) has the action, and with its CommonClient where it does not,
// and gets the documented fields back. The hosted web verification pair is called here as a partner's backend
// starts it; its page, redirect rules and verdicts have their own tests (test/sandbox/web-verification.test.ts,
// test/worker/web-verification.test.ts, test/e2e/sandbox-web-verification.e2e.test.ts).
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FACEID_ACTIONS } from "../../shared/faceid/actions";
import { type LocalStack, startLocalStack } from "../support/local-stack";

const require = createRequire(import.meta.url);
const tencentcloud = require("tencentcloud-sdk-nodejs-intl-en");
const ClientProfile = require("tencentcloud-sdk-nodejs-intl-en/tencentcloud/common/profile/client_profile.js");
const HttpProfile = require("tencentcloud-sdk-nodejs-intl-en/tencentcloud/common/profile/http_profile.js");
const Credential = require("tencentcloud-sdk-nodejs-intl-en/tencentcloud/common/credential.js");
const CommonClient = require("tencentcloud-sdk-nodejs-intl-en/tencentcloud/common/common_client.js");

const media = (name: string) =>
  readFileSync(new URL(`../fixtures/media/${name}`, import.meta.url)).toString("base64");

const RETURN_URL = "https://kyc.catalogue.test/return";
const MD5 = "d41d8cd98f00b204e9800998ecf8427e";
/** The sandbox's first fictional person (sandbox/identity-records.ts). */
const ZHANG = {
  name: "张三",
  idCard: "110101199003074514",
  phone: "13800000001",
  card: "6222020000000000125",
};

type Answer = Record<string, unknown>;

interface SdkError extends Error {
  code?: string;
}

let stack: LocalStack;
let call: (action: string, request: Answer) => Promise<Answer>;
/** Which client each action went through. */
const clientOf = new Map<string, "typed" | "common">();
const called = new Set<string>();

beforeAll(async () => {
  stack = await startLocalStack();
  const partner = await stack.createPartner({
    name: "Catalogue Partner",
    actions: Object.keys(FACEID_ACTIONS),
    redirectUrls: [RETURN_URL],
  });
  const host = new URL(stack.gatewayUrl).host;
  const profile = () => new ClientProfile("TC3-HMAC-SHA256", new HttpProfile("http://", host));
  const credential = new Credential(partner.secretId, partner.secretKey);
  const typed = new tencentcloud.faceid.v20180301.Client(credential, "ap-singapore", profile());
  const common = new CommonClient(host, "2018-03-01", credential, "ap-singapore", profile());
  call = (action, request) => {
    called.add(action);
    const useTyped = typeof typed[action] === "function";
    clientOf.set(action, useTyped ? "typed" : "common");
    return new Promise((resolve, reject) => {
      const done = (error: SdkError | null, response: Answer) => (error ? reject(error) : resolve(response));
      if (useTyped) typed[action](request, done);
      else common.request(action, request, done);
    });
  };
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

async function sdkError(promise: Promise<unknown>): Promise<SdkError> {
  try {
    await promise;
  } catch (error) {
    return error as SdkError;
  }
  throw new Error("the SDK call succeeded");
}

const fileUrl = (name: string) => `${stack.sandboxUrl}/sandbox/files/${name}`;

describe("selfie verification and the liveness SDK", () => {
  it("CompareFaceLiveness", async () => {
    const answer = await call("CompareFaceLiveness", {
      ImageBase64: media("face.jpg"),
      VideoBase64: media("video-3s.mp4"),
      LivenessType: "SILENT",
    });
    expect(answer).toMatchObject({ Result: "Success", BestFrameBase64: media("face.jpg") });
    expect(answer.Sim).toBeGreaterThanOrEqual(70);
  });

  it("VideoLivenessCompare", async () => {
    const answer = await call("VideoLivenessCompare", {
      ImageUrl: "https://cos.partner.test/face.jpg",
      ImageMd5: MD5,
      VideoUrl: "https://cos.partner.test/face.mp4",
      VideoMd5: MD5,
      LivenessType: "SILENT",
    });
    expect(answer).toMatchObject({
      Result: "Success",
      BestFrame: { Url: fileUrl("best-frame.jpg"), Size: 1722 },
    });
    expect(answer.Sim).toBeGreaterThanOrEqual(70);
  });

  it("LivenessCompare", async () => {
    const answer = await call("LivenessCompare", {
      LivenessType: "ACTION",
      ValidateData: "2,1",
      ImageBase64: media("face.jpg"),
      VideoBase64: media("video-1500ms.mp4"),
    });
    expect(answer).toMatchObject({ Result: "FailedOperation.SilentTooShort", Sim: 0, BestFrameBase64: "" });
  });

  it("ApplyLivenessToken and GetLivenessResult", async () => {
    const { SdkToken } = await call("ApplyLivenessToken", { SecureLevel: "1" });
    expect(SdkToken).toMatch(/^[0-9a-f-]{36}$/);
    expect(await call("GetLivenessResult", { SdkToken })).toMatchObject({ Result: "-999", BestFrame: null });
  });

  it("CreateUploadUrl, GenerateReflectSequence and DetectReflectLivenessAndCompare", async () => {
    const upload = await call("CreateUploadUrl", { TargetAction: "DetectReflectLivenessAndCompare" });
    expect(upload.ResourceUrl).toMatch(new RegExp(`^${stack.sandboxUrl}/sandbox/uploads/[0-9a-f-]{36}$`));
    expect(upload.UploadUrl).toBe(`${upload.ResourceUrl}?sign=sandbox`);
    expect(upload.ExpiredTimestamp).toBeGreaterThan(Date.now() / 1000 + 7100);

    const sequence = await call("GenerateReflectSequence", {
      DeviceDataUrl: upload.ResourceUrl,
      DeviceDataMd5: MD5,
    });
    expect(sequence.ReflectSequenceUrl).toBe(fileUrl("reflect-sequence.json"));
    const served = Buffer.from(await (await fetch(sequence.ReflectSequenceUrl as string)).arrayBuffer());
    expect(sequence.ReflectSequenceMd5).toBe(createHash("md5").update(served).digest("hex"));

    const detected = await call("DetectReflectLivenessAndCompare", {
      LiveDataUrl: upload.ResourceUrl,
      LiveDataMd5: MD5,
      ImageUrl: "https://cos.partner.test/face.jpg",
      ImageMd5: MD5,
    });
    expect(detected).toMatchObject({ Result: "Success", BestFrameUrl: fileUrl("best-frame.jpg") });
    const frame = Buffer.from(await (await fetch(detected.BestFrameUrl as string)).arrayBuffer());
    expect(detected.BestFrameMd5).toBe(createHash("md5").update(frame).digest("hex"));
  });
});

describe("the app SDK flows", () => {
  it("GetFaceIdTokenIntl and GetFaceIdResultIntl, finished by the sandbox's Extra marker", async () => {
    const { SdkToken } = await call("GetFaceIdTokenIntl", {
      CheckMode: "compare",
      Image: media("face.jpg"),
      Extra: "faceid-sandbox-outcome=2016",
    });
    const answer = await call("GetFaceIdResultIntl", { SdkToken });
    expect(answer).toMatchObject({
      Result: "2016",
      BestFrame: "",
      Similarity: 0,
      Extra: "faceid-sandbox-outcome=2016",
    });
  });

  it("ApplySdkVerificationToken and GetSdkVerificationResult", async () => {
    const { SdkToken } = await call("ApplySdkVerificationToken", {
      CheckMode: 2,
      CompareImage: media("face.jpg"),
      Extra: "faceid-sandbox-outcome=0",
    });
    const answer = await call("GetSdkVerificationResult", { SdkToken });
    expect(answer).toMatchObject({ Result: "0", ChargeCount: 1, CardVerifyResults: [] });
    const [compare] = answer.CompareResults as Answer[];
    expect(compare).toMatchObject({
      ErrorCode: "0",
      CompareErrorCode: "0",
      BestFrame: { Url: fileUrl("best-frame.jpg") },
    });
  });

  it("GetNFCToken and GetWxNFCResult", async () => {
    const { Token } = await call("GetNFCToken", {});
    expect(Token).toMatch(/^[0-9a-f-]{36}$/);
    expect(await call("GetWxNFCResult", { NFCToken: Token })).toMatchObject({
      ResultCode: "0",
      IdNum: "110101***003074514",
      Name: "张*",
      IdType: "01",
      BirthDate: "19900307",
    });
  });
});

describe("AI Face Shield", () => {
  it("DetectAIFakeFaces", async () => {
    expect(
      await call("DetectAIFakeFaces", { FaceInput: media("video-3s.flv"), FaceInputType: 2 }),
    ).toMatchObject({
      AttackRiskLevel: "Low",
      AttackRiskDetailList: [],
    });
  });
});

describe("the mainland record checks", () => {
  it("IdCardVerification, IdCardOCRVerification, CheckIdNameDate", async () => {
    expect(await call("IdCardVerification", { IdCard: ZHANG.idCard, Name: ZHANG.name })).toMatchObject({
      Result: "0",
      Description: "The name and the ID card number match.",
    });
    expect(await call("IdCardOCRVerification", { ImageBase64: media("face.jpg") })).toMatchObject({
      Result: "0",
      Name: ZHANG.name,
      IdCard: ZHANG.idCard,
      Birth: "1990/3/7",
    });
    expect(
      await call("CheckIdNameDate", {
        Name: ZHANG.name,
        IdCard: ZHANG.idCard,
        ValidityBegin: "20200307",
        ValidityEnd: "20400307",
      }),
    ).toMatchObject({ Result: "0", Description: "Consistent." });
  });

  it("CheckIdCardInformation, ImageRecognition, ImageRecognitionV2", async () => {
    const card = await call("CheckIdCardInformation", { ImageBase64: media("face.jpg") });
    expect(card).toMatchObject({ Result: "Success", Name: ZHANG.name, IdNum: ZHANG.idCard, Sex: "男" });
    expect(card.Sim).toBeGreaterThanOrEqual(70);
    const photo = { IdCard: ZHANG.idCard, Name: ZHANG.name, ImageBase64: media("face.jpg") };
    expect(await call("ImageRecognition", { ...photo, Name: "李四" })).toMatchObject({
      Result: "FailedOperation.IdNameMisMatch",
      Sim: 0,
    });
    const v2 = await call("ImageRecognitionV2", { ...photo, Extra: "kyc" });
    expect(v2).toMatchObject({ Result: "Success", Extra: "kyc" });
    expect(v2.Sim).toBeGreaterThanOrEqual(70);
  });

  it("BankCardVerification, BankCard2EVerification, BankCard4EVerification, CheckBankCardInformation", async () => {
    const person = { Name: ZHANG.name, IdCard: ZHANG.idCard, BankCard: ZHANG.card };
    expect(await call("BankCardVerification", person)).toMatchObject({
      Result: "0",
      Description: "Authentication passed.",
    });
    expect(await call("BankCard2EVerification", { Name: "李四", BankCard: ZHANG.card })).toMatchObject({
      Result: "-1",
      Description: "Authentication failed.",
    });
    expect(await call("BankCard4EVerification", { ...person, Phone: ZHANG.phone })).toMatchObject({
      Result: "0",
    });
    expect(await call("CheckBankCardInformation", { BankCard: ZHANG.card })).toMatchObject({
      Result: "0",
      AccountBank: "中国工商银行",
      AccountType: 1,
    });
  });

  it("PhoneVerification, MobileStatus, MobileNetworkTimeVerification", async () => {
    expect(
      await call("PhoneVerification", { IdCard: ZHANG.idCard, Name: ZHANG.name, Phone: ZHANG.phone }),
    ).toMatchObject({ Result: "0", Isp: "mobile" });
    expect(await call("MobileStatus", { Mobile: ZHANG.phone })).toMatchObject({ Result: "0", StatusCode: 0 });
    expect(await call("MobileNetworkTimeVerification", { Mobile: ZHANG.phone })).toMatchObject({
      Result: "0",
      Range: "[24,+)",
    });
  });
});

describe("a bad parameter raises the SDK's exception with the documented code", () => {
  it("a required parameter missing → MissingParameter", async () => {
    expect((await sdkError(call("IdCardVerification", { IdCard: ZHANG.idCard }))).code).toBe(
      "MissingParameter",
    );
  });

  it("a value of the wrong type → InvalidParameter", async () => {
    const request = { Name: ZHANG.name, IdCard: ZHANG.idCard, BankCard: ZHANG.card, CertType: "0" };
    expect((await sdkError(call("BankCardVerification", request))).code).toBe("InvalidParameter");
  });

  it("a value the action refuses → InvalidParameterValue, or the action's own code", async () => {
    const request = { DeviceDataUrl: "https://cos.partner.test/d", DeviceDataMd5: "not-md5" };
    expect((await sdkError(call("GenerateReflectSequence", request))).code).toBe("InvalidParameterValue");
    expect((await sdkError(call("GetWxNFCResult", { NFCToken: crypto.randomUUID() }))).code).toBe(
      "FailedOperation.InvalidTokenParameter",
    );
  });

  it("a removed action → InvalidAction naming its replacement", async () => {
    const error = await sdkError(call("ApplyCardVerification", { Nationality: "IDN", CardType: "ID_CARD" }));
    expect(error.code).toBe("InvalidAction");
    expect(error.message).toContain("use ApplyWebVerificationBizTokenIntl instead");
    called.delete("ApplyCardVerification");
  });
});

describe("the hosted web verification", () => {
  it("ApplyWebVerificationBizTokenIntl and GetWebVerificationResultIntl", async () => {
    const applied = await call("ApplyWebVerificationBizTokenIntl", {
      RedirectURL: `${RETURN_URL}?case=7`,
      Config: { CheckMode: 3, Language: "th" },
    });
    expect(applied.BizToken).toMatch(/^[0-9a-f-]{36}$/);
    expect(applied.VerificationURL).toBe(
      `${stack.sandboxUrl}/sandbox/web-verification?token=${applied.BizToken}`,
    );
    // Nobody has opened the page yet: not finished.
    expect(await call("GetWebVerificationResultIntl", { BizToken: applied.BizToken })).toMatchObject({
      ErrorCode: -999,
      ErrorMsg: expect.any(String),
    });
    const refused = await sdkError(
      call("ApplyWebVerificationBizTokenIntl", { RedirectURL: "https://elsewhere.test/return" }),
    );
    expect(refused.code).toBe("InvalidParameterValue");
    expect(refused.message).toBe("RedirectURL: is not one of the partner's registered redirect URLs.");
  });
});

describe("coverage", () => {
  it("called every catalogued action, typed where 3.0.1335 has it", () => {
    expect([...called].sort()).toEqual(Object.keys(FACEID_ACTIONS).sort());
    expect(clientOf.get("CompareFaceLiveness")).toBe("typed");
    expect(clientOf.get("IdCardVerification")).toBe("common");
    expect([...clientOf.values()].filter((kind) => kind === "typed")).toHaveLength(14);
  });
});
