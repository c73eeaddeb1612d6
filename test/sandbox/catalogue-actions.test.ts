// The sandbox's answers to the rest of the catalogue: each action's parameters checked against its catalogue
// row with Tencent's codes, and each answer in Tencent's shape, decided by the input alone.
import { describe, expect, it } from "vitest";
import { withSandboxOutcome } from "../../sandbox/outcome-marker";
import { encodeBase64 } from "../../shared/base64";
import { toHex } from "../../worker/tc3/digest";
import { fixtureBase64, fixtureBytes } from "../support/fixtures";
import { call, errorCode, SANDBOX_ENV, SANDBOX_URL, type TestClock, testSandbox } from "./support";

/** The sandbox's first fictional person (sandbox/identity-records.ts). */
const ZHANG = {
  name: "张三",
  idCard: "110101199003074514",
  phone: "13800000001",
  bankCard: "6222020000000000125",
};
/** The second: a telecom number out of service, a credit card. */
const LI = {
  name: "李四",
  idCard: "440305199505132625",
  phone: "18900000002",
  bankCard: "6214830000000000346",
};
/** Well-formed, in nobody's record. */
const STRANGER = { idCard: "310115198806210031", phone: "13700000009", bankCard: "6230610000000000561" };

const MD5 = "d41d8cd98f00b204e9800998ecf8427e";

function sandboxCall(action: string) {
  const { sandbox, clock } = testSandbox();
  const send = (body: Record<string, unknown>, region?: string) =>
    call(sandbox, clock, { action, body, ...(region !== undefined ? { region } : {}) });
  return { sandbox, clock, send };
}

async function answerOf(action: string, body: Record<string, unknown>) {
  return (await sandboxCall(action).send(body)).response;
}

describe("parameters, checked against the action's row in the catalogue", () => {
  it("a required parameter absent → MissingParameter naming it", async () => {
    const answer = await answerOf("IdCardVerification", { IdCard: ZHANG.idCard });
    expect(answer.Error).toEqual({ Code: "MissingParameter", Message: "The parameter Name is required." });
  });

  it("a value of the wrong JSON type → InvalidParameter", async () => {
    const answer = await answerOf("BankCardVerification", {
      IdCard: ZHANG.idCard,
      Name: ZHANG.name,
      BankCard: ZHANG.bankCard,
      CertType: "0",
    });
    expect(answer.Error).toEqual({
      Code: "InvalidParameter",
      Message: "The parameter CertType must be an integer.",
    });
  });

  it("a parameter the action does not define → UnknownParameter", async () => {
    const answer = await answerOf("MobileStatus", { Mobile: ZHANG.phone, Phone: ZHANG.phone });
    expect(answer.Error).toEqual({
      Code: "UnknownParameter",
      Message: 'The parameter "Phone" is not recognized.',
    });
  });

  it("checks a nested model member by member", async () => {
    const missing = await answerOf("IdCardVerification", {
      IdCard: ZHANG.idCard,
      Name: ZHANG.name,
      Encryption: { EncryptList: ["Name"], CiphertextBlob: "blob" },
    });
    expect(missing.Error).toEqual({
      Code: "MissingParameter",
      Message: "The parameter Encryption.Iv is required.",
    });
    const unknown = await answerOf("IdCardVerification", {
      IdCard: ZHANG.idCard,
      Name: ZHANG.name,
      Encryption: { EncryptList: ["Name"], CiphertextBlob: "blob", Iv: "0123456789abcdef", Key: "k" },
    });
    expect(unknown.Error?.Code).toBe("UnknownParameter");
    expect(unknown.Error?.Message).toContain("Encryption.Key");
  });

  it("none of a group the page requires one of → MissingParameter naming the group", async () => {
    const answer = await answerOf("CheckIdCardInformation", {});
    expect(answer.Error).toEqual({
      Code: "MissingParameter",
      Message: "One of the parameters ImageBase64, ImageUrl is required.",
    });
  });

  it("encrypted fields → FailedOperation.DecryptSystemError: the sandbox has no KMS key", async () => {
    const answer = await answerOf("IdCardVerification", {
      IdCard: "ciphertext",
      Name: "ciphertext",
      Encryption: { EncryptList: ["IdCard", "Name"], CiphertextBlob: "blob", Iv: "0123456789abcdef" },
    });
    expect(answer.Error?.Code).toBe("FailedOperation.DecryptSystemError");
  });

  it("null counts as absent, as SDK models send unset fields", async () => {
    const answer = await answerOf("IdCardVerification", {
      IdCard: ZHANG.idCard,
      Name: ZHANG.name,
      Encryption: null,
    });
    expect(answer.Result).toBe("0");
  });
});

describe("mainland ID card checks answer from the sandbox's records", () => {
  it("IdCardVerification: match, mismatch, bad check digit, bad name, no record", async () => {
    const cases: [string, string, string, string][] = [
      [ZHANG.idCard, ZHANG.name, "0", "The name and the ID card number match."],
      [ZHANG.idCard, LI.name, "-1", "The name and the ID card number do not match."],
      ["110101199003074515", ZHANG.name, "-2", "Invalid ID card number (wrong length or check digit)."],
      [ZHANG.idCard, "Zhang3", "-3", "Invalid name (wrong length or format)."],
      [STRANGER.idCard, ZHANG.name, "-5", "No record of this ID card number."],
    ];
    for (const [idCard, name, result, description] of cases) {
      const answer = await answerOf("IdCardVerification", { IdCard: idCard, Name: name });
      expect({ Result: answer.Result, Description: answer.Description }, `${idCard} ${name}`).toEqual({
        Result: result,
        Description: description,
      });
    }
  });

  it("IdCardOCRVerification from typed fields: echoes them, reads nothing", async () => {
    const answer = await answerOf("IdCardOCRVerification", { IdCard: LI.idCard, Name: LI.name });
    expect(answer).toMatchObject({
      Result: "0",
      Name: LI.name,
      IdCard: LI.idCard,
      Sex: null,
      Nation: null,
      Birth: null,
      Address: null,
    });
    const noName = await answerOf("IdCardOCRVerification", { IdCard: LI.idCard });
    expect(noName.Error).toEqual({
      Code: "MissingParameter",
      Message: "The parameter Name is required with IdCard.",
    });
  });

  it("IdCardOCRVerification from a photo reads the first person's card; a marked photo asks for an error", async () => {
    const answer = await answerOf("IdCardOCRVerification", { ImageBase64: fixtureBase64("face.jpg") });
    expect(answer).toMatchObject({
      Result: "0",
      Description: "The name and the ID card number match.",
      Name: ZHANG.name,
      IdCard: ZHANG.idCard,
      Sex: "男",
      Nation: "汉",
      Birth: "1990/3/7",
      Address: "北京市东城区沙箱胡同1号",
    });
    const marked = encodeBase64(
      withSandboxOutcome(fixtureBytes("face.jpg"), "FailedOperation.ImageNoIdCard"),
    );
    const refused = await answerOf("IdCardOCRVerification", { ImageBase64: marked });
    expect(refused.Error).toEqual({
      Code: "FailedOperation.ImageNoIdCard",
      Message: "No ID card is detected in the image.",
    });
    const gif = await answerOf("IdCardOCRVerification", { ImageBase64: fixtureBase64("face.gif") });
    expect(gif.Error?.Code).toBe("InvalidParameterValue");
  });

  it("CheckIdNameDate: the validity period must be the record's too", async () => {
    const check = (end: string, idCard = ZHANG.idCard) =>
      answerOf("CheckIdNameDate", {
        Name: ZHANG.name,
        IdCard: idCard,
        ValidityBegin: "20200307",
        ValidityEnd: end,
      });
    expect((await check("20400307")).Result).toBe("0");
    expect((await check("20390307")).Result).toBe("-1");
    expect((await check("20401332")).Result).toBe("-4");
    expect((await check("20400307", STRANGER.idCard)).Result).toBe("-7");
  });

  it("CheckIdCardInformation reads a photo as the first person's card, with a Sim fixed by the photo", async () => {
    const send = () => answerOf("CheckIdCardInformation", { ImageBase64: fixtureBase64("face.jpg") });
    const answer = await send();
    expect(answer).toMatchObject({
      Result: "Success",
      Description: "Success",
      Name: ZHANG.name,
      Sex: "男",
      Nation: "汉",
      Birth: "1990/3/7",
      IdNum: ZHANG.idCard,
      Warnings: "",
      Quality: 0,
      Encryption: null,
    });
    expect(answer.Sim).toBeGreaterThanOrEqual(70);
    expect((await send()).Sim).toBe(answer.Sim);
    expect(fixtureKind(answer.Portrait as string)).toBe("jpeg");

    const quality = await answerOf("CheckIdCardInformation", {
      ImageBase64: fixtureBase64("face.jpg"),
      Config: JSON.stringify({ Quality: true }),
    });
    expect(quality.Quality).toBe(100);
    const badConfig = await answerOf("CheckIdCardInformation", {
      ImageBase64: fixtureBase64("face.jpg"),
      Config: "{",
    });
    expect(badConfig.Error?.Code).toBe("InvalidParameter");
    const encrypted = await answerOf("CheckIdCardInformation", {
      ImageBase64: fixtureBase64("face.jpg"),
      IsEncrypt: true,
    });
    expect(encrypted.Error?.Code).toBe("FailedOperation.EncryptSystemError");
  });

  it("ImageRecognitionV2: a match with its Sim and Extra; failures in Result with Sim 0; a marker's Result", async () => {
    const base = { IdCard: ZHANG.idCard, Name: ZHANG.name, ImageBase64: fixtureBase64("face.jpg") };
    const match = await answerOf("ImageRecognitionV2", { ...base, Extra: "onboarding" });
    expect(match).toMatchObject({ Result: "Success", Description: "Success", Extra: "onboarding" });
    expect(match.Sim).toBeGreaterThanOrEqual(70);
    expect(match.Sim).toBeLessThan(100);
    expect(await answerOf("ImageRecognitionV2", { ...base, Name: LI.name })).toMatchObject({
      Result: "FailedOperation.IdNameMisMatch",
      Description: "Name and ID card number mismatch. Please verify and try again after.",
      Sim: 0,
      Extra: "",
    });
    expect((await answerOf("ImageRecognition", { ...base, IdCard: STRANGER.idCard })).Result).toBe(
      "FailedOperation.IdNoExistSystem",
    );
    const fake = encodeBase64(
      withSandboxOutcome(fixtureBytes("face.png"), "FailedOperation.LifePhotoDetectFake"),
    );
    expect((await answerOf("ImageRecognition", { ...base, ImageBase64: fake })).Result).toBe(
      "FailedOperation.LifePhotoDetectFake",
    );
    const longExtra = await answerOf("ImageRecognitionV2", { ...base, Extra: "eleven-char" });
    expect(longExtra.Error?.Code).toBe("InvalidParameterValue");
  });
});

describe("bank card and phone checks answer from the sandbox's records", () => {
  it("BankCard4EVerification: all four elements the record's → 0; otherwise the element's code or -1", async () => {
    const base = { Name: ZHANG.name, IdCard: ZHANG.idCard, BankCard: ZHANG.bankCard, Phone: ZHANG.phone };
    const result = async (changes: Record<string, unknown>) =>
      (await answerOf("BankCard4EVerification", { ...base, ...changes })).Result;
    expect(await result({})).toBe("0");
    expect(await result({ Phone: LI.phone })).toBe("-1");
    expect(await result({ BankCard: STRANGER.bankCard })).toBe("-1");
    expect(await result({ BankCard: "6222020000000000126" })).toBe("-4");
    expect(await result({ Phone: "2800000001" })).toBe("-5");
    expect(await result({ IdCard: "110101199003074515" })).toBe("-3");
    expect(await result({ Name: "" })).toBe("-2");
    const other = await answerOf("BankCardVerification", { ...base, Phone: undefined, CertType: 1 });
    expect(other.Error).toEqual({
      Code: "InvalidParameterValue",
      Message: "CertType must be 0 (ID card): no other is supported.",
    });
  });

  it("BankCard2EVerification and CheckBankCardInformation", async () => {
    expect(await answerOf("BankCard2EVerification", { Name: LI.name, BankCard: LI.bankCard })).toMatchObject({
      Result: "0",
      Description: "Authentication passed.",
    });
    expect(await answerOf("CheckBankCardInformation", { BankCard: LI.bankCard })).toMatchObject({
      Result: "0",
      Description: "Query succeeded.",
      AccountBank: "招商银行",
      AccountType: 2,
    });
    expect(await answerOf("CheckBankCardInformation", { BankCard: STRANGER.bankCard })).toMatchObject({
      Result: "-1",
      AccountBank: "",
      AccountType: 0,
    });
    expect((await answerOf("CheckBankCardInformation", { BankCard: "1234" })).Result).toBe("-5");
  });

  it("PhoneVerification, MobileStatus and MobileNetworkTimeVerification", async () => {
    expect(
      await answerOf("PhoneVerification", { IdCard: ZHANG.idCard, Name: ZHANG.name, Phone: ZHANG.phone }),
    ).toMatchObject({ Result: "0", Description: "The three elements are consistent.", Isp: "mobile" });
    expect(
      await answerOf("PhoneVerification", { IdCard: ZHANG.idCard, Name: ZHANG.name, Phone: LI.phone }),
    ).toMatchObject({ Result: "-4", Isp: "telecom" });
    expect(
      await answerOf("PhoneVerification", { IdCard: ZHANG.idCard, Name: ZHANG.name, Phone: STRANGER.phone }),
    ).toMatchObject({ Result: "-9", Isp: "" });
    expect(await answerOf("MobileStatus", { Mobile: LI.phone })).toMatchObject({
      Result: "0",
      StatusCode: 1,
    });
    expect(await answerOf("MobileStatus", { Mobile: STRANGER.phone })).toMatchObject({
      Result: "-1",
      StatusCode: 99,
    });
    expect(await answerOf("MobileNetworkTimeVerification", { Mobile: ZHANG.phone })).toMatchObject({
      Result: "0",
      Description: "Success.",
      Range: "[24,+)",
    });
    expect((await answerOf("MobileNetworkTimeVerification", { Mobile: "12345" })).Result).toBe("-1");
  });
});

describe("NFC reads", () => {
  it("a token the sandbox minted reads, every time, as the first person's card for 10 minutes", async () => {
    const { sandbox, clock } = testSandbox();
    const token = (await call(sandbox, clock, { action: "GetNFCToken", body: {} })).response.Token as string;
    expect(token).toMatch(/^[0-9a-f-]{36}$/);
    const read = () => call(sandbox, clock, { action: "GetWxNFCResult", body: { NFCToken: token } });
    const first = (await read()).response;
    expect(first).toMatchObject({
      ResultCode: "0",
      IdNum: "110101***003074514",
      Name: "张*",
      BirthDate: "19900307",
      BeginTime: "20200307",
      EndTime: "20400307",
      Sex: "男",
      Nation: "汉",
      IdType: "01",
      Nationality: "CHN",
      EnName: null,
    });
    expect(JSON.parse(first.CheckMRTD as string)).toEqual({
      result_issuer: "0",
      result_paper: "0",
      result_data: "0",
      result_chip: "0",
    });
    const { RequestId: _, ...again } = (await read()).response;
    const { RequestId: __, ...once } = first;
    expect(again).toEqual(once);
    clock.advance(601);
    expect((await read()).response.Error).toEqual({
      Code: "FailedOperation.InvalidTokenParameter",
      Message: "Token not found.",
    });
  });

  it("a token never minted → FailedOperation.InvalidTokenParameter", async () => {
    const answer = await answerOf("GetWxNFCResult", { NFCToken: crypto.randomUUID() });
    expect(errorCodeOf(answer)).toBe("FailedOperation.InvalidTokenParameter");
  });
});

describe("app SDK flows", () => {
  async function selfie(
    clock: TestClock,
    sandbox: ReturnType<typeof testSandbox>["sandbox"],
    body: Record<string, unknown>,
  ) {
    const minted = await call(sandbox, clock, { action: "GetFaceIdTokenIntl", body });
    expect(errorCode(minted)).toBeUndefined();
    const token = minted.response.SdkToken as string;
    return () => call(sandbox, clock, { action: "GetFaceIdResultIntl", body: { SdkToken: token } });
  }

  it("a selfie flow nobody finishes reads -999 until its results expire after 72 hours", async () => {
    const { sandbox, clock } = testSandbox();
    const read = await selfie(clock, sandbox, { CheckMode: "liveness", Extra: "case-1" });
    const { RequestId: _, ...answer } = (await read()).response;
    expect(answer).toEqual({
      Result: "-999",
      Description: "The person has not finished the liveness check yet. Check again in a moment.",
      BestFrame: "",
      Video: "",
      ActionVideo: "",
      Similarity: 0,
      Extra: "case-1",
      DeviceInfoLevel: "",
      LivenessInfoTag: null,
    });
    clock.advance(72 * 3600 + 1);
    expect(errorCode(await read())).toBe("InvalidParameterValue.BizTokenExpired");
  });

  it("Extra's outcome marker finishes a selfie flow: a compare pass with its files and Sim", async () => {
    const { sandbox, clock } = testSandbox();
    const read = await selfie(clock, sandbox, {
      CheckMode: "compare",
      Image: fixtureBase64("face.jpg"),
      SecureLevel: "2",
      ActionList: "blink,nod",
      SdkVersion: "PLUS",
      Extra: "faceid-sandbox-outcome=0",
    });
    const answer = (await read()).response;
    expect(answer).toMatchObject({
      Result: "0",
      Description: "The liveness check passed.",
      Extra: "faceid-sandbox-outcome=0",
      DeviceInfoLevel: "1",
      LivenessInfoTag: [],
    });
    expect(fixtureKind(answer.BestFrame as string)).toBe("jpeg");
    expect(answer.Video).toBe(answer.ActionVideo);
    expect((answer.Video as string).length).toBeGreaterThan(100);
    expect(answer.Similarity).toBeGreaterThanOrEqual(70);
  });

  it("GetFaceIdTokenIntl refuses what its page refuses, with its documented InvalidParameter", async () => {
    const { sandbox, clock } = testSandbox();
    const refused = async (body: Record<string, unknown>) =>
      (await call(sandbox, clock, { action: "GetFaceIdTokenIntl", body })).response.Error;
    expect(await refused({ SecureLevel: "1", ActionList: "blink" })).toEqual({
      Code: "InvalidParameter",
      Message: "ActionList is accepted only with the action security levels 2 and 4.",
    });
    expect((await refused({ CheckMode: "compare" }))?.Code).toBe("MissingParameter");
    expect((await refused({ RetryLimit: 6 }))?.Code).toBe("InvalidParameter");
    expect((await refused({ Extra: "faceid-sandbox-outcome=42" }))?.Code).toBe("InvalidParameter");
  });

  it("an eKYC flow finished by its marker reads the document of its IdCardType and the comparison", async () => {
    const { sandbox, clock } = testSandbox();
    const minted = await call(sandbox, clock, {
      action: "ApplySdkVerificationToken",
      body: { CheckMode: 1, IdCardType: "MainlandIDCard", Extra: "faceid-sandbox-outcome=0" },
    });
    expect(minted.response.ServerParamInfo).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    const answer = (
      await call(sandbox, clock, {
        action: "GetSdkVerificationResult",
        body: { SdkToken: minted.response.SdkToken },
      })
    ).response;
    expect(answer).toMatchObject({ Result: "0", ChargeCount: 1, Extra: "faceid-sandbox-outcome=0" });
    const [card] = answer.CardVerifyResults as Record<string, unknown>[];
    expect(card).toMatchObject({
      IsPass: true,
      CardInfo: null,
      NormalCardInfo: {
        MainlandIDCard: {
          FullName: ZHANG.name,
          LicenseNumber: ZHANG.idCard,
          Birthday: "1990/3/7",
          ValidDate: "2020.03.07-2040.03.07",
        },
      },
    });
    const [compare] = answer.CompareResults as Record<string, unknown>[];
    expect(compare).toMatchObject({
      ErrorCode: "0",
      LiveErrorCode: "0",
      CompareErrorCode: "0",
      IsNeedCharge: true,
    });
    expect(compare?.Sim).toBeGreaterThanOrEqual(70);
    expect(compare?.BestFrame).toMatchObject({ Url: "http://127.0.0.1:8788/sandbox/files/best-frame.jpg" });

    const noImage = await call(sandbox, clock, {
      action: "ApplySdkVerificationToken",
      body: { CheckMode: 2 },
    });
    expect(noImage.response.Error).toEqual({
      Code: "MissingParameter",
      Message: "The parameter CompareImage is required when CheckMode is 2.",
    });
  });
});

describe("selfie verification by URL, the legacy comparison and the reflection SDK", () => {
  it("VideoLivenessCompare: Success with a Sim fixed by what was sent, and a best frame file", async () => {
    const body = {
      ImageUrl: "https://cos.partner.test/face.jpg",
      ImageMd5: MD5,
      VideoUrl: "https://cos.partner.test/face.mp4",
      VideoMd5: MD5,
      LivenessType: "ACTION",
      ValidateData: "2,1",
    };
    const answer = await answerOf("VideoLivenessCompare", body);
    expect(answer).toMatchObject({
      Result: "Success",
      BestFrame: { Url: "http://127.0.0.1:8788/sandbox/files/best-frame.jpg", Size: 1722 },
    });
    expect(answer.Sim).toBe((await answerOf("VideoLivenessCompare", body)).Sim);
    expect((await answerOf("VideoLivenessCompare", { ...body, ImageMd5: "abc" })).Error?.Code).toBe(
      "InvalidParameterValue",
    );
    const elsewhere = await sandboxCall("VideoLivenessCompare").send(body, "ap-jakarta");
    expect(errorCode(elsewhere)).toBe("UnsupportedRegion");
  });

  it("LivenessCompare reads base64 media like CompareFaceLiveness and takes LIP", async () => {
    const image = fixtureBase64("face.jpg");
    const pass = await answerOf("LivenessCompare", {
      LivenessType: "LIP",
      ValidateData: "1234",
      ImageBase64: image,
      VideoBase64: fixtureBase64("video-3s.mp4"),
      Optional: JSON.stringify({ BestFrameNum: 3 }),
    });
    expect(pass).toMatchObject({
      Result: "Success",
      BestFrameBase64: image,
      BestFrameList: [image, image, image],
    });
    const short = await answerOf("LivenessCompare", {
      LivenessType: "SILENT",
      ImageBase64: image,
      VideoBase64: fixtureBase64("video-1500ms.mp4"),
    });
    expect(short).toMatchObject({
      Result: "FailedOperation.SilentTooShort",
      Sim: 0,
      BestFrameBase64: "",
      BestFrameList: [],
    });
    const lip = await answerOf("LivenessCompare", {
      LivenessType: "LIP",
      ValidateData: "12",
      ImageBase64: image,
      VideoUrl: "https://cos.partner.test/v.mp4",
    });
    expect(lip.Error?.Code).toBe("InvalidParameterValue");
    const noVideo = await answerOf("LivenessCompare", { LivenessType: "SILENT", ImageBase64: image });
    expect(noVideo.Error).toEqual({
      Code: "MissingParameter",
      Message: "One of the parameters VideoBase64, VideoUrl is required.",
    });
  });

  it("GenerateReflectSequence hands out a file the sandbox serves, with its MD5", async () => {
    const { sandbox, send } = sandboxCall("GenerateReflectSequence");
    const answer = (await send({ DeviceDataUrl: "https://cos.partner.test/device.dat", DeviceDataMd5: MD5 }))
      .response;
    expect(answer.ReflectSequenceUrl).toBe("http://127.0.0.1:8788/sandbox/files/reflect-sequence.json");
    const served = await sandbox.fetch(new Request(answer.ReflectSequenceUrl as string), SANDBOX_ENV);
    const bytes = new Uint8Array(await served.arrayBuffer());
    expect(answer.ReflectSequenceMd5).toBe(toHex(await crypto.subtle.digest("MD5", bytes)));
    const level = await send({
      DeviceDataUrl: "https://cos.partner.test/d",
      DeviceDataMd5: MD5,
      SecurityLevel: "5",
    });
    expect(errorCode(level)).toBe("InvalidParameterValue");
  });

  it("DetectReflectLivenessAndCompare: Success, with the best frame's URL and MD5", async () => {
    const answer = await answerOf("DetectReflectLivenessAndCompare", {
      LiveDataUrl: "https://cos.partner.test/live.dat",
      LiveDataMd5: MD5,
      ImageUrl: "https://cos.partner.test/face.jpg",
      ImageMd5: MD5,
    });
    expect(answer).toMatchObject({
      Result: "Success",
      BestFrameUrl: `${SANDBOX_URL}sandbox/files/best-frame.jpg`,
    });
    expect(answer.BestFrameMd5).toMatch(/^[0-9a-f]{32}$/);
    expect(answer.Sim).toBeGreaterThanOrEqual(70);
  });

  it("CreateUploadUrl's TargetAction must be a FaceID action", async () => {
    const answer = await answerOf("CreateUploadUrl", { TargetAction: "DescribeInstances" });
    expect(answer.Error).toEqual({
      Code: "InvalidParameterValue",
      Message: 'TargetAction "DescribeInstances" is not a FaceID action.',
    });
  });
});

describe("DetectAIFakeFaces", () => {
  it("a photo or a video is Low risk; a marked photo asks for Mid or High, with a trace", async () => {
    const photo = await answerOf("DetectAIFakeFaces", {
      FaceInput: fixtureBase64("face.jpg"),
      FaceInputType: 1,
    });
    expect(photo).toMatchObject({
      AttackRiskLevel: "Low",
      AttackRiskDetailList: [],
      ExtraInfo: { RetrievalLivenessExtraInfo: [] },
    });
    const video = await answerOf("DetectAIFakeFaces", {
      FaceInput: fixtureBase64("video-3s.avi"),
      FaceInputType: 2,
    });
    expect(video.AttackRiskLevel).toBe("Low");
    const high = encodeBase64(withSandboxOutcome(fixtureBytes("face.jpg"), "High"));
    expect(await answerOf("DetectAIFakeFaces", { FaceInput: high, FaceInputType: 1 })).toMatchObject({
      AttackRiskLevel: "High",
      AttackRiskDetailList: [{ Type: "SuspectedSpoofingAttack" }],
    });
  });

  it("refuses what its page refuses", async () => {
    const type3 = await answerOf("DetectAIFakeFaces", {
      FaceInput: fixtureBase64("face.jpg"),
      FaceInputType: 3,
    });
    expect(type3.Error).toEqual({
      Code: "InvalidParameter",
      Message: "FaceInputType must be 1 (image) or 2 (video).",
    });
    const gif = await answerOf("DetectAIFakeFaces", {
      FaceInput: fixtureBase64("face.gif"),
      FaceInputType: 1,
    });
    expect(gif.Error?.Code).toBe("InvalidParameterValue");
    const nothing = await answerOf("DetectAIFakeFaces", { FaceInputType: 1 });
    expect(nothing.Error).toEqual({
      Code: "MissingParameter",
      Message: "One of the parameters FaceInput, EncryptedBody is required.",
    });
  });
});

/** The image type of base64 by its first bytes. */
function fixtureKind(base64: string): string {
  const bytes = Uint8Array.from(atob(base64.slice(0, 8)), (c) => c.charCodeAt(0));
  return bytes[0] === 0xff && bytes[1] === 0xd8 ? "jpeg" : "other";
}

function errorCodeOf(answer: { Error?: { Code: string } }): string | undefined {
  return answer.Error?.Code;
}
