// The checks every FaceID call passes in the sandbox, in Tencent's order, each with Tencent's exact code.
import { describe, expect, it } from "vitest";
import { FACEID_ACTIONS } from "../../shared/faceid/actions";
import {
  answerOf,
  CREDENTIAL,
  call,
  errorCode,
  SANDBOX_ENV,
  SANDBOX_URL,
  signedCall,
  testSandbox,
} from "./support";

const APPLY = { action: "ApplyLivenessToken", body: {} } as const;

describe("routes", () => {
  it("describes itself on GET /", async () => {
    const { sandbox } = testSandbox();
    const response = await sandbox.fetch(new Request(SANDBOX_URL), SANDBOX_ENV);
    expect(response.status).toBe(200);
    expect(response.headers.get("X-FaceID-Sandbox")).toBe("1");
    const description = (await response.json()) as { name: string; simulatedActions: string[] };
    expect(description.name).toBe("faceid-sandbox");
    expect(description.simulatedActions).toEqual(Object.keys(FACEID_ACTIONS));
    expect(description.simulatedActions).toHaveLength(30);
    expect(JSON.stringify(description)).not.toContain(CREDENTIAL.secretKey);
  });

  it("answers another method on / with Tencent's UnsupportedProtocol", async () => {
    const { sandbox } = testSandbox();
    const answer = await answerOf(
      await sandbox.fetch(new Request(SANDBOX_URL, { method: "PUT", body: "{}" }), SANDBOX_ENV),
    );
    expect(answer.status).toBe(200);
    expect(errorCode(answer)).toBe("UnsupportedProtocol");
    expect(answer.headers.get("X-FaceID-Sandbox")).toBe("1");
  });

  it("answers an unknown path with HTTP 404 and a Tencent-shaped UnsupportedProtocol", async () => {
    const { sandbox } = testSandbox();
    const answer = await answerOf(
      await sandbox.fetch(new Request(`${SANDBOX_URL}v2/compare`, { method: "POST" }), SANDBOX_ENV),
    );
    expect(answer.status).toBe(404);
    expect(errorCode(answer)).toBe("UnsupportedProtocol");
    expect(answer.response.RequestId).toMatch(/^sandbox-/);
  });
});

describe("marks every answer as the sandbox's", () => {
  it("gives a success a RequestId sandbox-<uuid> and the X-FaceID-Sandbox header", async () => {
    const { sandbox, clock } = testSandbox();
    const answer = await call(sandbox, clock, APPLY);
    expect(answer.status).toBe(200);
    expect(errorCode(answer)).toBeUndefined();
    expect(answer.response.RequestId).toMatch(
      /^sandbox-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(answer.headers.get("X-FaceID-Sandbox")).toBe("1");
    expect(answer.headers.get("Content-Type")).toContain("application/json");
  });

  it("marks an error the same way, in Tencent's error shape", async () => {
    const { sandbox, clock } = testSandbox();
    const answer = await call(sandbox, clock, { ...APPLY, secretKey: "wrong" });
    expect(answer.status).toBe(200);
    expect(Object.keys(answer.response).sort()).toEqual(["Error", "RequestId"]);
    expect(Object.keys(answer.response.Error ?? {}).sort()).toEqual(["Code", "Message"]);
    expect(answer.response.RequestId).toMatch(/^sandbox-/);
    expect(answer.headers.get("X-FaceID-Sandbox")).toBe("1");
  });
});

describe("body size", () => {
  it("refuses a body over 10 MB with RequestSizeLimitExceeded before checking anything else", async () => {
    const { sandbox } = testSandbox();
    const body = `{"ImageBase64":"${"A".repeat(10 * 1024 * 1024)}"}`;
    const answer = await answerOf(
      await sandbox.fetch(new Request(SANDBOX_URL, { method: "POST", body }), SANDBOX_ENV),
    );
    expect(errorCode(answer)).toBe("RequestSizeLimitExceeded");
  });

  it("refuses on a Content-Length over 10 MB without reading the body", async () => {
    const { sandbox } = testSandbox();
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(1024));
      },
    });
    const request = new Request(SANDBOX_URL, {
      method: "POST",
      body,
      headers: { "Content-Length": String(11 * 1024 * 1024) },
    });
    const answer = await answerOf(await sandbox.fetch(request, SANDBOX_ENV));
    expect(errorCode(answer)).toBe("RequestSizeLimitExceeded");
    expect(pulled).toBeLessThanOrEqual(1);
  });
});

describe("signature", () => {
  it("accepts a call signed with the sandbox credential", async () => {
    const { sandbox, clock } = testSandbox();
    expect(errorCode(await call(sandbox, clock, APPLY))).toBeUndefined();
  });

  it("accepts the host signed without its port, as the official Node SDK signs it", async () => {
    const { sandbox, clock } = testSandbox();
    expect(errorCode(await call(sandbox, clock, { ...APPLY, signedHost: "127.0.0.1" }))).toBeUndefined();
  });

  it("refuses a missing Authorization with AuthFailure.InvalidAuthorization", async () => {
    const { sandbox, clock } = testSandbox();
    const request = await signedCall(clock, APPLY);
    request.headers.delete("Authorization");
    expect(errorCode(await answerOf(await sandbox.fetch(request, SANDBOX_ENV)))).toBe(
      "AuthFailure.InvalidAuthorization",
    );
  });

  it("refuses a malformed Authorization with AuthFailure.InvalidAuthorization", async () => {
    const { sandbox, clock } = testSandbox();
    const answer = await call(sandbox, clock, {
      ...APPLY,
      headers: { Authorization: "TC3-HMAC-SHA256 Credential=x" },
    });
    expect(errorCode(answer)).toBe("AuthFailure.InvalidAuthorization");
  });

  it("refuses a credential scope for another service with AuthFailure.InvalidAuthorization", async () => {
    const { sandbox, clock } = testSandbox();
    expect(errorCode(await call(sandbox, clock, { ...APPLY, service: "cvm" }))).toBe(
      "AuthFailure.InvalidAuthorization",
    );
  });

  it("refuses a timestamp more than 5 minutes old with AuthFailure.SignatureExpire", async () => {
    const { sandbox, clock } = testSandbox();
    const timestamp = Math.floor(clock.now / 1000) - 301;
    expect(errorCode(await call(sandbox, clock, { ...APPLY, timestamp }))).toBe(
      "AuthFailure.SignatureExpire",
    );
  });

  it("accepts a timestamp 5 minutes old", async () => {
    const { sandbox, clock } = testSandbox();
    const timestamp = Math.floor(clock.now / 1000) - 300;
    expect(errorCode(await call(sandbox, clock, { ...APPLY, timestamp }))).toBeUndefined();
  });

  it("refuses another SecretId with AuthFailure.SecretIdNotFound", async () => {
    const { sandbox, clock } = testSandbox();
    const answer = await call(sandbox, clock, { ...APPLY, secretId: "AKIDsomeoneElse000000000000000000" });
    expect(errorCode(answer)).toBe("AuthFailure.SecretIdNotFound");
  });

  it("refuses a wrong SecretKey with AuthFailure.SignatureFailure", async () => {
    const { sandbox, clock } = testSandbox();
    expect(errorCode(await call(sandbox, clock, { ...APPLY, secretKey: "not-the-key" }))).toBe(
      "AuthFailure.SignatureFailure",
    );
  });

  it("refuses a body changed after signing with AuthFailure.SignatureFailure", async () => {
    const { sandbox, clock } = testSandbox();
    const answer = await call(sandbox, clock, { ...APPLY, tamperedBody: '{"SecureLevel":"1"}' });
    expect(errorCode(answer)).toBe("AuthFailure.SignatureFailure");
  });

  it("refuses a signed X-TC-Action that was changed with AuthFailure.SignatureFailure", async () => {
    const { sandbox, clock } = testSandbox();
    const answer = await call(sandbox, clock, { ...APPLY, headers: { "X-TC-Action": "GetLivenessResult" } });
    expect(errorCode(answer)).toBe("AuthFailure.SignatureFailure");
  });

  it("refuses a missing X-TC-Timestamp with MissingParameter", async () => {
    const { sandbox, clock } = testSandbox();
    const request = await signedCall(clock, APPLY);
    request.headers.delete("X-TC-Timestamp");
    expect(errorCode(await answerOf(await sandbox.fetch(request, SANDBOX_ENV)))).toBe("MissingParameter");
  });
});

describe("version, action and region", () => {
  it("refuses another API version with NoSuchVersion", async () => {
    const { sandbox, clock } = testSandbox();
    expect(errorCode(await call(sandbox, clock, { ...APPLY, version: "2017-01-01" }))).toBe("NoSuchVersion");
  });

  it("refuses a missing X-TC-Version with MissingParameter", async () => {
    const { sandbox, clock } = testSandbox();
    expect(errorCode(await call(sandbox, clock, { ...APPLY, version: null }))).toBe("MissingParameter");
  });

  it("refuses a missing X-TC-Action with MissingParameter", async () => {
    const { sandbox, clock } = testSandbox();
    expect(errorCode(await call(sandbox, clock, { body: {} }))).toBe("MissingParameter");
  });

  it("refuses an unknown action with InvalidAction", async () => {
    const { sandbox, clock } = testSandbox();
    expect(errorCode(await call(sandbox, clock, { action: "DescribeInstances", body: {} }))).toBe(
      "InvalidAction",
    );
  });

  it("refuses a missing region with UnsupportedRegion", async () => {
    const { sandbox, clock } = testSandbox();
    expect(errorCode(await call(sandbox, clock, { ...APPLY, region: null }))).toBe("UnsupportedRegion");
  });

  it("refuses a region the action is not offered in with UnsupportedRegion", async () => {
    const { sandbox, clock } = testSandbox();
    const answer = await call(sandbox, clock, {
      action: "CompareFaceLiveness",
      body: {},
      region: "ap-jakarta",
    });
    expect(errorCode(answer)).toBe("UnsupportedRegion");
  });

  it("accepts each region an action is offered in", async () => {
    const { sandbox, clock } = testSandbox();
    for (const region of ["ap-hongkong", "ap-jakarta", "ap-singapore"]) {
      expect(errorCode(await call(sandbox, clock, { ...APPLY, region }))).toBeUndefined();
    }
  });
});

describe("body and parameters", () => {
  it.each(["not json", "[]", "null", '"text"', ""])(
    "refuses the body %j with InvalidParameter",
    async (body) => {
      const { sandbox, clock } = testSandbox();
      expect(errorCode(await call(sandbox, clock, { action: "ApplyLivenessToken", body }))).toBe(
        "InvalidParameter",
      );
    },
  );

  it("refuses a parameter the action does not define with UnknownParameter", async () => {
    const { sandbox, clock } = testSandbox();
    const answer = await call(sandbox, clock, {
      action: "ApplyLivenessToken",
      body: { SecureLevel: "4", Extra: 1 },
    });
    expect(errorCode(answer)).toBe("UnknownParameter");
    expect(answer.response.Error?.Message).toContain("Extra");
  });

  it("answers a read by a token it never issued as Tencent does: InvalidParameterValue.BizTokenIllegal", async () => {
    const { sandbox, clock } = testSandbox();
    const answer = await call(sandbox, clock, {
      action: "GetFaceIdResultIntl",
      body: { SdkToken: "0b6f4cf5-6d7e-4a1b-9f5e-2a3c4d5e6f70" },
    });
    expect(answer.response.Error).toEqual({
      Code: "InvalidParameterValue.BizTokenIllegal",
      Message: "The SdkToken is not valid.",
    });
    expect(answer.headers.get("X-FaceID-Sandbox")).toBe("1");
  });

  it("hands out a fresh handle from each call that issues one, in Tencent's fields", async () => {
    const { sandbox, clock } = testSandbox();
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    const selfie = await call(sandbox, clock, {
      action: "GetFaceIdTokenIntl",
      body: { CheckMode: "liveness" },
    });
    expect(Object.keys(selfie.response).sort()).toEqual(["RequestId", "SdkToken"]);
    expect(selfie.response.SdkToken).toMatch(uuid);
    const ekyc = await call(sandbox, clock, { action: "ApplySdkVerificationToken", body: {} });
    expect(ekyc.response.SdkToken).toMatch(uuid);
    expect(ekyc.response.SdkToken).not.toBe(selfie.response.SdkToken);
    const web = await call(sandbox, clock, {
      action: "ApplyWebVerificationBizTokenIntl",
      body: { RedirectURL: "https://kyc.partner.test/done" },
    });
    expect(web.response.BizToken).toMatch(uuid);
    expect(web.response.VerificationURL).toBe(
      `http://127.0.0.1:8788/sandbox/web-verification?token=${web.response.BizToken}`,
    );
    const upload = await call(sandbox, clock, {
      action: "CreateUploadUrl",
      body: { TargetAction: "VideoLivenessCompare" },
    });
    expect(upload.response.ResourceUrl).toMatch(
      /^http:\/\/127\.0\.0\.1:8788\/sandbox\/uploads\/[0-9a-f-]{36}$/,
    );
    expect(upload.response.UploadUrl).toBe(`${upload.response.ResourceUrl}?sign=sandbox`);
    expect(upload.response.ExpiredTimestamp).toBe(Math.floor(clock.now / 1000) + 7200);
  });
});

describe("rate", () => {
  it("refuses the 21st call of an action in the same second with RequestLimitExceeded", async () => {
    const { sandbox, clock } = testSandbox();
    for (let i = 0; i < 20; i++) expect(errorCode(await call(sandbox, clock, APPLY))).toBeUndefined();
    expect(errorCode(await call(sandbox, clock, APPLY))).toBe("RequestLimitExceeded");
  });

  it("admits calls again in the next second", async () => {
    const { sandbox, clock } = testSandbox();
    for (let i = 0; i < 21; i++) await call(sandbox, clock, APPLY);
    clock.advance(1);
    expect(errorCode(await call(sandbox, clock, APPLY))).toBeUndefined();
  });

  it("counts each action on its own", async () => {
    const { sandbox, clock } = testSandbox();
    for (let i = 0; i < 20; i++) await call(sandbox, clock, APPLY);
    const other = await call(sandbox, clock, {
      action: "GetLivenessResult",
      body: { SdkToken: crypto.randomUUID() },
    });
    expect(errorCode(other)).toBe("InvalidParameterValue.BizTokenIllegal");
  });

  it("allows the reflect actions 5 calls per second", async () => {
    const { sandbox, clock } = testSandbox();
    const reflect = {
      action: "GenerateReflectSequence",
      body: { DeviceDataUrl: "https://cos.partner.test/device.dat", DeviceDataMd5: "0".repeat(32) },
    };
    for (let i = 0; i < 5; i++) expect(errorCode(await call(sandbox, clock, reflect))).toBeUndefined();
    expect(errorCode(await call(sandbox, clock, reflect))).toBe("RequestLimitExceeded");
  });
});
