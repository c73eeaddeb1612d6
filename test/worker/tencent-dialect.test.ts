// The Tencent dialect as a partner's official SDK sees it: what each request, good or bad, gets back, and
// that no refused request ever reaches FaceID.
import { beforeEach, describe, expect, it } from "vitest";
import { fixtureBase64 } from "../support/fixtures";
import { createPartner, GatewayClock, partnerRequest, tencentJson, testGateway } from "../support/gateway";

type Partner = Awaited<ReturnType<typeof createPartner>>;

let partner: Partner;
let clock: GatewayClock;
let gateway: ReturnType<typeof testGateway>;

beforeEach(async () => {
  partner = await createPartner();
  clock = new GatewayClock();
  gateway = testGateway({ clock: clock.read });
});

function compareBody(overrides: Record<string, unknown> = {}) {
  return JSON.stringify({
    ImageBase64: fixtureBase64("face.jpg"),
    VideoBase64: fixtureBase64("video-3s.mp4"),
    LivenessType: "SILENT",
    ...overrides,
  });
}

async function call(options: Partial<Parameters<typeof partnerRequest>[0]> = {}) {
  const request = await partnerRequest({
    secretId: partner.secretId,
    secretKey: partner.secretKey,
    action: "CompareFaceLiveness",
    body: compareBody(),
    ...options,
  });
  const response = await gateway.fetch(request);
  return { response, json: await tencentJson(response) };
}

async function expectRefused(
  options: Partial<Parameters<typeof partnerRequest>[0]>,
  code: string,
  message?: RegExp,
) {
  const { response, json } = await call(options);
  expect(response.status).toBe(200);
  const error = json.Response.Error as { Code: string; Message: string };
  expect(error.Code).toBe(code);
  if (message) expect(error.Message).toMatch(message);
  expect(json.Response.RequestId).toBe(response.headers.get("X-Request-Id"));
  expect(gateway.upstreamCalls).toHaveLength(0);
}

describe("a verified partner request", () => {
  it("is re-signed with the gateway's key, forwarded, and answered as FaceID answered", async () => {
    const { response, json } = await call();
    expect(response.headers.get("X-Request-Id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get("X-FaceID-Sandbox")).toBe("1");
    expect(json.Response.Result).toBe("Success");
    expect(json.Response.Sim).toBeGreaterThanOrEqual(70);
    expect(json.Response.RequestId).toMatch(/^sandbox-/);
    expect(gateway.upstreamCalls).toHaveLength(1);
    const upstream = gateway.upstreamCalls[0] as Request;
    expect(upstream.headers.get("authorization")).toContain("Credential=AKIDgatewayTestUpstream");
    expect(upstream.headers.get("authorization")).not.toContain(partner.secretId);
    expect(await upstream.text()).toBe(compareBody());
  });

  it("accepts the host signed with or without its port, and the service as SDKs derive it", async () => {
    for (const [signedHost, service] of [
      ["127.0.0.1", "127"],
      ["127.0.0.1:8787", "127"],
      ["127.0.0.1", "faceid"],
    ]) {
      const { json } = await call({ signedHost, service, action: "ApplyLivenessToken", body: "{}" });
      expect(json.Response.SdkToken, `${signedHost} ${service}`).toEqual(expect.any(String));
    }
  });

  it("mints a liveness token and reads its result", async () => {
    const minted = await call({ action: "ApplyLivenessToken", body: JSON.stringify({ SecureLevel: "1" }) });
    const token = minted.json.Response.SdkToken as string;
    const result = await call({ action: "GetLivenessResult", body: JSON.stringify({ SdkToken: token }) });
    expect(result.json.Response.Result).toBe("-999");
  });

  it("forwards an action outside the three validated ones when the partner is allowed it", async () => {
    partner = await createPartner({ actions: ["GenerateReflectSequence"] });
    const { json } = await call({
      action: "GenerateReflectSequence",
      body: JSON.stringify({
        DeviceDataUrl: "https://cos.partner.test/device.dat",
        DeviceDataMd5: "d41d8cd98f00b204e9800998ecf8427e",
      }),
    });
    expect(json.Response.ReflectSequenceUrl).toBe(
      "https://faceid.intl.tencentcloudapi.com/sandbox/files/reflect-sequence.json",
    );
    expect(gateway.upstreamCalls).toHaveLength(1);
  });
});

describe("each bad request gets Tencent's error and never reaches FaceID", () => {
  it("wrong secret key → AuthFailure.SignatureFailure", async () => {
    await expectRefused({ secretKey: "not-the-partner-secret-key-000000" }, "AuthFailure.SignatureFailure");
  });

  it("unknown SecretId → AuthFailure.SecretIdNotFound", async () => {
    await expectRefused({ secretId: "AKIDunknownPartner000000000000000000" }, "AuthFailure.SecretIdNotFound");
  });

  it("timestamp more than 5 minutes old → AuthFailure.SignatureExpire", async () => {
    await expectRefused({ timestamp: clock.seconds - 301 }, "AuthFailure.SignatureExpire");
  });

  it("timestamp more than 5 minutes ahead → AuthFailure.SignatureExpire", async () => {
    await expectRefused({ timestamp: clock.seconds + 301 }, "AuthFailure.SignatureExpire");
  });

  it("body changed after signing → AuthFailure.SignatureFailure", async () => {
    const request = await partnerRequest({
      secretId: partner.secretId,
      secretKey: partner.secretKey,
      action: "ApplyLivenessToken",
      body: JSON.stringify({ SecureLevel: "1" }),
    });
    const tampered = new Request(request, { body: JSON.stringify({ SecureLevel: "4" }) });
    const json = await tencentJson(await gateway.fetch(tampered));
    expect((json.Response.Error as { Code: string }).Code).toBe("AuthFailure.SignatureFailure");
    expect(gateway.upstreamCalls).toHaveLength(0);
  });

  it("service in the scope that matches neither the host nor faceid → AuthFailure.SignatureFailure", async () => {
    await expectRefused({ service: "cvm" }, "AuthFailure.SignatureFailure");
  });

  it.each([
    ["no Authorization", undefined],
    ["another algorithm", "HMAC-SHA256 Credential=x"],
    [
      "a truncated credential",
      "TC3-HMAC-SHA256 Credential=AKIDx/2026-01-01/faceid, SignedHeaders=content-type;host",
    ],
    [
      "no Signature",
      "TC3-HMAC-SHA256 Credential=AKIDx/2026-01-01/faceid/tc3_request, SignedHeaders=content-type;host",
    ],
  ])("malformed Authorization (%s) → AuthFailure.InvalidAuthorization", async (_, authorization) => {
    const request = await partnerRequest({
      secretId: partner.secretId,
      secretKey: partner.secretKey,
      action: "ApplyLivenessToken",
      body: "{}",
    });
    const headers = new Headers(request.headers);
    if (authorization === undefined) headers.delete("authorization");
    else headers.set("authorization", authorization);
    const json = await tencentJson(await gateway.fetch(new Request(request, { headers })));
    expect((json.Response.Error as { Code: string }).Code).toBe("AuthFailure.InvalidAuthorization");
    expect(gateway.upstreamCalls).toHaveLength(0);
  });

  it("action the partner is not allowed → AuthFailure.UnauthorizedOperation", async () => {
    partner = await createPartner({ actions: ["GetLivenessResult"] });
    await expectRefused({}, "AuthFailure.UnauthorizedOperation", /CompareFaceLiveness/);
  });

  it("revoked partner → AuthFailure.SecretIdNotFound saying it was revoked", async () => {
    await partner.revoke();
    await expectRefused({}, "AuthFailure.SecretIdNotFound", /revoked/);
  });

  it("partner revoked right after a verified call → refused at once, though this isolate had just read it", async () => {
    expect((await call()).json.Response.Result).toBe("Success");
    await partner.revoke();
    const { json } = await call();
    expect((json.Response.Error as { Code: string }).Code).toBe("AuthFailure.SecretIdNotFound");
    expect(gateway.upstreamCalls).toHaveLength(1);
  });

  it("body over 10 MB → RequestSizeLimitExceeded", async () => {
    const body = JSON.stringify({ ...JSON.parse(compareBody()), VideoBase64: "A".repeat(10 * 1024 * 1024) });
    await expectRefused({ body }, "RequestSizeLimitExceeded");
  });

  it("WebM as video → InvalidParameterValue", async () => {
    await expectRefused(
      { body: compareBody({ VideoBase64: fixtureBase64("video-3s.webm") }) },
      "InvalidParameterValue",
      /VideoBase64: must be an MP4, AVI or FLV video \(found WEBM\)/,
    );
  });

  it("text as video → InvalidParameterValue", async () => {
    await expectRefused(
      { body: compareBody({ VideoBase64: fixtureBase64("not-media.txt") }) },
      "InvalidParameterValue",
      /VideoBase64: must be an MP4, AVI or FLV video \(found an unrecognised format\)/,
    );
  });

  it("GIF as image → InvalidParameterValue", async () => {
    await expectRefused(
      { body: compareBody({ ImageBase64: fixtureBase64("face.gif") }) },
      "InvalidParameterValue",
      /ImageBase64: must be a JPG or PNG image \(found GIF\)/,
    );
  });

  it("bad base64 → InvalidParameterValue", async () => {
    await expectRefused(
      { body: compareBody({ ImageBase64: `data:image/jpeg;base64,${fixtureBase64("face.jpg")}` }) },
      "InvalidParameterValue",
      /ImageBase64: is not base64/,
    );
  });

  it("image over 3 MB of base64 → InvalidParameterValue", async () => {
    const image = fixtureBase64("face.jpg") + "A".repeat(3 * 1024 * 1024);
    await expectRefused(
      { body: compareBody({ ImageBase64: image }) },
      "InvalidParameterValue",
      /exceeds 3 MB/,
    );
  });

  it.each(["5", "1,1", "1,2,3", "blink", "1;2"])("ValidateData %j → InvalidParameterValue", async (data) => {
    await expectRefused(
      { body: compareBody({ LivenessType: "ACTION", ValidateData: data }) },
      "InvalidParameterValue",
      /ValidateData/,
    );
  });

  it("ACTION without ValidateData → MissingParameter", async () => {
    await expectRefused(
      { body: compareBody({ LivenessType: "ACTION" }) },
      "MissingParameter",
      /ValidateData/,
    );
  });

  it("SILENT with ValidateData → InvalidParameterValue", async () => {
    await expectRefused({ body: compareBody({ ValidateData: "2" }) }, "InvalidParameterValue", /SILENT/);
  });

  it("LivenessType outside ACTION/SILENT → InvalidParameterValue", async () => {
    await expectRefused(
      { body: compareBody({ LivenessType: "REFLECT" }) },
      "InvalidParameterValue",
      /LivenessType/,
    );
  });

  it("a missing required parameter → MissingParameter", async () => {
    await expectRefused(
      { body: JSON.stringify({ LivenessType: "SILENT" }) },
      "MissingParameter",
      /ImageBase64/,
    );
  });

  it("an unknown parameter → UnknownParameter", async () => {
    await expectRefused({ body: compareBody({ Extra: 1 }) }, "UnknownParameter", /Extra/);
  });

  it("a body that is not a JSON object → InvalidParameter", async () => {
    await expectRefused({ body: "[1,2]" }, "InvalidParameter");
    await expectRefused({ body: "{not json" }, "InvalidParameter");
  });

  it("a region the action is not offered in → UnsupportedRegion", async () => {
    await expectRefused({ region: "ap-jakarta" }, "UnsupportedRegion", /CompareFaceLiveness/);
  });

  it("no X-TC-Action → MissingParameter", async () => {
    await expectRefused({ action: "" }, "MissingParameter", /X-TC-Action/);
  });

  it("an action FaceID does not have → InvalidAction", async () => {
    await expectRefused({ action: "DescribeInstances" }, "InvalidAction");
  });

  it("another API version → NoSuchVersion", async () => {
    await expectRefused({ version: "2017-03-12" }, "NoSuchVersion");
  });

  it("a GET or a non-JSON content type → UnsupportedProtocol", async () => {
    const get = await gateway.fetch(new Request("http://127.0.0.1:8787/"));
    expect(((await tencentJson(get)).Response.Error as { Code: string }).Code).toBe("UnsupportedProtocol");
    await expectRefused({ contentType: "text/plain" }, "UnsupportedProtocol");
  });
});
