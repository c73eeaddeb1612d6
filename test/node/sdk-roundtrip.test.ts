// The product's promise, end to end: a partner backend keeps the official Tencent Node SDK, changes only its
// endpoint to the gateway, uses the credentials our CLI issued, and reaches FaceID (the local sandbox) through
// the gateway, over real HTTP, with both Workers running under wrangler dev.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalStack, startLocalStack } from "../support/local-stack";
import { waitFor } from "../support/polling";

const require = createRequire(import.meta.url);
const tencentcloud = require("tencentcloud-sdk-nodejs-intl-en");
const ClientProfile = require("tencentcloud-sdk-nodejs-intl-en/tencentcloud/common/profile/client_profile.js");
const HttpProfile = require("tencentcloud-sdk-nodejs-intl-en/tencentcloud/common/profile/http_profile.js");
const Credential = require("tencentcloud-sdk-nodejs-intl-en/tencentcloud/common/credential.js");
const CommonClient = require("tencentcloud-sdk-nodejs-intl-en/tencentcloud/common/common_client.js");

const media = (name: string) =>
  readFileSync(new URL(`../fixtures/media/${name}`, import.meta.url)).toString("base64");

interface SdkError extends Error {
  code?: string;
  requestId?: string;
}

type Call = (request: Record<string, unknown>) => Promise<Record<string, unknown>>;

/** The official intl SDK's FaceID client pointed at the gateway, as a partner would configure it. */
function faceIdClient(gatewayUrl: string, secretId: string, secretKey: string, region = "ap-singapore") {
  const url = new URL(gatewayUrl);
  const client = new tencentcloud.faceid.v20180301.Client(
    new Credential(secretId, secretKey),
    region,
    new ClientProfile("TC3-HMAC-SHA256", new HttpProfile("http://", url.host)),
  );
  const action =
    (name: string): Call =>
    (request) =>
      new Promise((resolve, reject) =>
        client[name](request, (error: SdkError | null, response: Record<string, unknown>) =>
          error ? reject(error) : resolve(response),
        ),
      );
  return {
    compareFaceLiveness: action("CompareFaceLiveness"),
    applyLivenessToken: action("ApplyLivenessToken"),
    getLivenessResult: action("GetLivenessResult"),
  };
}

async function sdkError(promise: Promise<unknown>): Promise<SdkError> {
  try {
    await promise;
  } catch (error) {
    return error as SdkError;
  }
  throw new Error("the SDK call succeeded");
}

let stack: LocalStack;
let partner: { partnerId: string; secretId: string; secretKey: string };

beforeAll(async () => {
  stack = await startLocalStack();
  partner = await stack.createPartner({ name: "SDK Partner" });
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

describe("the official Tencent intl Node SDK through the gateway", () => {
  it("runs CompareFaceLiveness and gets the sandbox's answer", async () => {
    const sdk = faceIdClient(stack.gatewayUrl, partner.secretId, partner.secretKey);
    const response = await sdk.compareFaceLiveness({
      ImageBase64: media("face.jpg"),
      VideoBase64: media("video-3s-fragmented.mp4"),
      LivenessType: "ACTION",
      ValidateData: "4,2",
    });
    expect(response.Result).toBe("Success");
    expect(response.Sim).toBeGreaterThanOrEqual(70);
    expect(response.RequestId).toMatch(/^sandbox-/);
  });

  it("mints a liveness token and reads its result", async () => {
    const sdk = faceIdClient(stack.gatewayUrl, partner.secretId, partner.secretKey);
    const { SdkToken } = await sdk.applyLivenessToken({ SecureLevel: "2" });
    expect(SdkToken).toEqual(expect.any(String));
    const result = await sdk.getLivenessResult({ SdkToken });
    expect(result.Result).toBe("-999");
  });

  it("mints a browser session with the SDK's generic client, which then verifies over the REST dialect", async () => {
    const origin = "https://kyc.sdk-partner.test";
    const webPartner = await stack.createPartner({ name: "Web Partner", origins: [origin] });
    const url = new URL(stack.gatewayUrl);
    const common = new CommonClient(
      url.host,
      "2018-03-01",
      new Credential(webPartner.secretId, webPartner.secretKey),
      "ap-singapore",
      new ClientProfile("TC3-HMAC-SHA256", new HttpProfile("http://", url.host)),
    );
    const session = await new Promise<Record<string, unknown>>((resolve, reject) =>
      common.request(
        "CreateCaptureSession",
        { Origin: origin, LivenessType: "SILENT", MaxAttempts: 1 },
        (error: SdkError | null, response: Record<string, unknown>) =>
          error ? reject(error) : resolve(response),
      ),
    );
    expect(session.SessionToken).toMatch(/^fes1\./);

    const form = new FormData();
    form.append(
      "video",
      new Blob([readFileSync(new URL("../fixtures/media/video-3s.mp4", import.meta.url))]),
      "v.mp4",
    );
    form.append(
      "image",
      new Blob([readFileSync(new URL("../fixtures/media/face.jpg", import.meta.url))]),
      "i.jpg",
    );
    form.append("livenessType", "SILENT");
    const verify = () =>
      fetch(`${stack.gatewayUrl}/v1/liveness/compare`, {
        method: "POST",
        headers: { Authorization: `Bearer ${session.SessionToken}`, Origin: origin },
        body: form,
      });
    const first = await verify();
    expect(first.headers.get("access-control-allow-origin")).toBe(origin);
    expect(await first.json()).toMatchObject({ passed: true, result: "Success" });
    const second = await verify();
    expect(second.status).toBe(403);
    expect(((await second.json()) as { error: { code: string } }).error.code).toBe("attempts_exhausted");

    // The partner's backend confirms the verdict with the same generic client: the record is written after
    // the answer, so it may take a moment to appear.
    const describe = () =>
      new Promise<Record<string, unknown>>((resolve, reject) =>
        common.request(
          "DescribeCaptureSession",
          { SessionId: session.SessionId },
          (error: SdkError | null, response: Record<string, unknown>) =>
            error ? reject(error) : resolve(response),
        ),
      );
    let described: Record<string, unknown> = {};
    await waitFor(
      "the attempt in the session's record",
      async () => {
        described = await describe();
        return (described.Attempts as unknown[]).length > 0;
      },
      { timeoutMs: 5_000, context: () => JSON.stringify(described) },
    );
    expect(described).toMatchObject({
      SessionId: session.SessionId,
      Status: "passed",
      AttemptsUsed: 1,
      MaxAttempts: 1,
      Attempts: [
        { LivenessType: "SILENT", Result: "Success", Passed: true, CapturedBy: "session", Origin: origin },
      ],
    });
  });

  it("raises the SDK's exception with Tencent's code for a wrong secret", async () => {
    const sdk = faceIdClient(stack.gatewayUrl, partner.secretId, "wrong-secret-key-00000000000000");
    const error = await sdkError(sdk.applyLivenessToken({}));
    expect(error.code).toBe("AuthFailure.SignatureFailure");
    expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("raises UnsupportedRegion for a region the action is not offered in", async () => {
    const sdk = faceIdClient(stack.gatewayUrl, partner.secretId, partner.secretKey, "ap-jakarta");
    const error = await sdkError(
      sdk.compareFaceLiveness({
        ImageBase64: media("face.jpg"),
        VideoBase64: media("video-3s.mp4"),
        LivenessType: "SILENT",
      }),
    );
    expect(error.code).toBe("UnsupportedRegion");
  });

  it("refuses a partner revoked with the CLI", async () => {
    const revoked = await stack.createPartner({ name: "Soon Revoked" });
    expect(await stack.cli(["revoke", revoked.secretId])).toContain(`Revoked ${revoked.secretId}`);
    const sdk = faceIdClient(stack.gatewayUrl, revoked.secretId, revoked.secretKey);
    const error = await sdkError(sdk.applyLivenessToken({}));
    expect(error.code).toBe("AuthFailure.SecretIdNotFound");
  });
});
