// Tencent's hosted web verification as the sandbox plays it: ApplyWebVerificationBizTokenIntl → the page at
// VerificationURL and the person's steps (its endpoints, called here as the page calls them) → the redirect
// target → GetWebVerificationResultIntl. Real media from test/fixtures/media; time moved by the test's clock.
import { describe, expect, it } from "vitest";
import type { Sandbox } from "../../sandbox/index";
import { withSandboxOutcome } from "../../sandbox/outcome-marker";
import { SAMPLE_BEST_FRAME_JPEG_BASE64 } from "../../sandbox/sample-media";
import { redirectTarget } from "../../sandbox/web-verification/redirect-target";
import { encodeBase64 } from "../../shared/base64";
import { fixtureBase64, fixtureBytes, type MediaFixture } from "../support/fixtures";
import { call, errorCode, SANDBOX_ENV, SANDBOX_URL, type TestClock, testSandbox } from "./support";

const PAGE = `${SANDBOX_URL}sandbox/web-verification`;
const REDIRECT = "https://kyc.partner.test/done?case=4711";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface Flow {
  sandbox: Sandbox;
  clock: TestClock;
  token: string;
  url: string;
}

async function apply(params: Record<string, unknown> = {}, setup = testSandbox()): Promise<Flow> {
  const answer = await call(setup.sandbox, setup.clock, {
    action: "ApplyWebVerificationBizTokenIntl",
    body: { RedirectURL: REDIRECT, ...params },
  });
  expect(answer.response.Error).toBeUndefined();
  return {
    ...setup,
    token: answer.response.BizToken as string,
    url: answer.response.VerificationURL as string,
  };
}

async function applyError(params: Record<string, unknown>): Promise<string | undefined> {
  const { sandbox, clock } = testSandbox();
  return errorCode(await call(sandbox, clock, { action: "ApplyWebVerificationBizTokenIntl", body: params }));
}

function getResult(flow: Pick<Flow, "sandbox" | "clock">, token: string) {
  return call(flow.sandbox, flow.clock, {
    action: "GetWebVerificationResultIntl",
    body: { BizToken: token },
  });
}

function fetchPage(flow: Flow, url = flow.url): Promise<Response> {
  return flow.sandbox.fetch(new Request(url), SANDBOX_ENV);
}

/** A POST to one of the page's endpoints, as the page sends it. */
async function step(
  flow: Flow,
  endpoint: "start" | "document" | "liveness" | "finish" | "status",
  media?: MediaFixture | Uint8Array,
  outcome?: string,
): Promise<{
  status: number;
  body: Record<string, unknown> & { error?: { code: string; message: string } };
}> {
  const query = `?token=${flow.token}${outcome === undefined ? "" : `&outcome=${outcome}`}`;
  const init: RequestInit =
    endpoint === "status"
      ? {}
      : {
          method: "POST",
          ...(media === undefined ? {} : { body: typeof media === "string" ? fixtureBytes(media) : media }),
        };
  const response = await flow.sandbox.fetch(new Request(`${PAGE}/${endpoint}${query}`, init), SANDBOX_ENV);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("ApplyWebVerificationBizTokenIntl", () => {
  it("answers a BizToken and the sandbox's own page as VerificationURL, carrying the BizToken as Tencent's does", async () => {
    const { sandbox, clock } = testSandbox();
    const answer = await call(sandbox, clock, {
      action: "ApplyWebVerificationBizTokenIntl",
      body: { RedirectURL: REDIRECT },
    });
    const token = answer.response.BizToken as string;
    expect(token).toMatch(UUID);
    expect(answer.response).toEqual({
      BizToken: token,
      VerificationURL: `${SANDBOX_URL}sandbox/web-verification?token=${token}`,
      VerificationUrl: `${SANDBOX_URL}sandbox/web-verification?token=${token}`,
      RequestId: expect.stringMatching(/^sandbox-/),
    });
  });

  it("accepts every documented Config member with a documented value", async () => {
    await apply({
      CompareImageBase64: fixtureBase64("face.png"),
      Extra: "x".repeat(1000),
      RuleId: "1",
      Config: {
        AutoSkipStartPage: true,
        AutoSkip: true,
        CheckMode: 1,
        IDCardType: "SingaporeIDCard",
        DisableCheckOcrWarnings: false,
        SecurityLevel: 4,
        SkipPrivacyPolicy: true,
        IdCardCutReturn: true,
        ThemeColor: "not a colour",
        Language: "zh-tc",
        AutoDowngrade: 2,
        ActionList: "blink,mouth",
        LivenessRetryLimit: 1,
        LivenessTimeout: 600,
        SelectedWarningCodes: "-9101,-9109",
        AllowExpiredDocument: false,
        Version: "PLUS",
      },
    });
  });

  it("reads Config members without regard to case, as Tencent's own example spells IdCardType", async () => {
    const flow = await apply({ Config: { CheckMode: 4, IdCardType: "MLIDCard" } });
    expect(await (await fetchPage(flow)).text()).toContain("<dt>IDCardType</dt><dd>MLIDCard</dd>");
  });

  it("counts null members as absent, as SDK models send unset fields", async () => {
    await apply({ CompareImageBase64: null, Extra: null, Config: { CheckMode: null, Language: null } });
  });

  it.each([
    { case: "RedirectURL missing", params: { Extra: "x" }, code: "MissingParameter" },
    { case: "RedirectURL not a string", params: { RedirectURL: 42 }, code: "InvalidParameter" },
    { case: "RedirectURL relative", params: { RedirectURL: "/done" }, code: "InvalidParameterValue" },
    {
      case: "RedirectURL not http(s)",
      params: { RedirectURL: "javascript:alert(1)" },
      code: "InvalidParameterValue",
    },
    {
      case: "RedirectURL not a URL",
      params: { RedirectURL: "kyc.partner.test/done" },
      code: "InvalidParameterValue",
    },
    {
      case: "an unknown parameter",
      params: { RedirectURL: REDIRECT, RedirectUrl: REDIRECT },
      code: "UnknownParameter",
    },
    {
      case: "Config not an object",
      params: { RedirectURL: REDIRECT, Config: "CheckMode=1" },
      code: "InvalidParameter",
    },
    {
      case: "an unknown Config member",
      params: { RedirectURL: REDIRECT, Config: { Mode: 1 } },
      code: "UnknownParameter",
    },
    {
      case: "CheckMode 5",
      params: { RedirectURL: REDIRECT, Config: { CheckMode: 5 } },
      code: "InvalidParameterValue",
    },
    {
      case: "CheckMode as text",
      params: { RedirectURL: REDIRECT, Config: { CheckMode: "1" } },
      code: "InvalidParameter",
    },
    {
      case: "SecurityLevel 0",
      params: { RedirectURL: REDIRECT, Config: { SecurityLevel: 0 } },
      code: "InvalidParameterValue",
    },
    {
      case: "Language fr",
      params: { RedirectURL: REDIRECT, Config: { Language: "fr" } },
      code: "InvalidParameterValue",
    },
    {
      case: "AutoDowngrade 3",
      params: { RedirectURL: REDIRECT, Config: { AutoDowngrade: 3 } },
      code: "InvalidParameterValue",
    },
    {
      case: "Version PRO",
      params: { RedirectURL: REDIRECT, Config: { Version: "PRO" } },
      code: "InvalidParameterValue",
    },
    {
      case: "AutoSkip as text",
      params: { RedirectURL: REDIRECT, Config: { AutoSkip: "true" } },
      code: "InvalidParameter",
    },
    {
      case: "Extra over 1,000 characters",
      params: { RedirectURL: REDIRECT, Extra: "x".repeat(1001) },
      code: "InvalidParameterValue",
    },
    {
      case: "an unknown IDCardType",
      params: { RedirectURL: REDIRECT, Config: { IDCardType: "USPassport" } },
      code: "InvalidParameterValue",
    },
    {
      case: "LivenessRetryLimit 100",
      params: { RedirectURL: REDIRECT, Config: { LivenessRetryLimit: 100 } },
      code: "InvalidParameterValue",
    },
    {
      case: "LivenessTimeout 601",
      params: { RedirectURL: REDIRECT, Config: { LivenessTimeout: 601 } },
      code: "InvalidParameterValue",
    },
    {
      case: "an unknown action",
      params: { RedirectURL: REDIRECT, Config: { SecurityLevel: 2, ActionList: "wink" } },
      code: "InvalidParameterValue",
    },
    {
      case: "ActionList at SecurityLevel 3",
      params: { RedirectURL: REDIRECT, Config: { ActionList: "blink" } },
      code: "InvalidParameterValue",
    },
    {
      case: "an unknown OCR alarm",
      params: { RedirectURL: REDIRECT, Config: { SelectedWarningCodes: "-9105" } },
      code: "InvalidParameterValue",
    },
  ])("refuses $case with $code", async ({ params, code }) => {
    expect(await applyError(params)).toBe(code);
  });

  it.each([
    ["not base64", "data:image/jpeg;base64,/9j/"],
    ["a GIF", fixtureBase64("face.gif")],
    ["text", fixtureBase64("not-media.txt")],
    ["over 8 MB of base64", `/9j/${"A".repeat(8 * 1024 * 1024)}`],
  ])("refuses CompareImageBase64 that is %s with InvalidParameterValue", async (_, image) => {
    expect(await applyError({ RedirectURL: REDIRECT, CompareImageBase64: image })).toBe(
      "InvalidParameterValue",
    );
  });

  it.each([
    ["a code of another API", "Success", 2],
    ["a final-only code", "16", 2],
    ["a comparison code where nothing is compared", "2016", 3],
    ["a liveness code in the OCR-only mode", "1002", 4],
  ])("refuses an outcome marker asking for %s with InvalidParameterValue", async (_, code, mode) => {
    const image = encodeBase64(withSandboxOutcome(fixtureBytes("face.jpg"), code));
    expect(
      await applyError({ RedirectURL: REDIRECT, CompareImageBase64: image, Config: { CheckMode: mode } }),
    ).toBe("InvalidParameterValue");
  });
});

describe("the page at VerificationURL", () => {
  it("is a self-contained page that says it is the sandbox, shows the Language asked and names its buttons", async () => {
    const flow = await apply({ Config: { CheckMode: 1, IDCardType: "HKIDCard", Language: "th" } });
    const response = await fetchPage(flow);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("X-FaceID-Sandbox")).toBe("1");
    expect(response.headers.get("Content-Security-Policy")).toContain(
      "default-src 'none'; script-src 'self'",
    );
    const page = await response.text();
    expect(page).toContain("It is not Tencent");
    expect(page).toContain("th · Thai. This sandbox page speaks English only.");
    for (const button of [
      "Start verification",
      "Start camera",
      "Take document photo",
      "Record liveness video",
      "Next",
    ]) {
      expect(page).toContain(`>${button}</button>`);
    }
    expect(page).toContain('<label for="document-file">Or choose a document photo</label>');
    expect(page).toContain('<label for="video-file">Or choose a liveness video</label>');
    expect(page).toContain('<p id="status" role="status" aria-live="polite">');
    // Nothing from elsewhere: its only script is its own, and no stylesheet or font is linked.
    expect(page.match(/<script[^>]*>/g)).toEqual(['<script src="/sandbox/web-verification/page.js" defer>']);
    expect(page).not.toMatch(/<link|@import|url\(/);
  });

  it("serves its script as JavaScript", async () => {
    const flow = await apply();
    const response = await fetchPage(flow, `${PAGE}/page.js`);
    expect(response.headers.get("Content-Type")).toBe("text/javascript; charset=utf-8");
    expect(await response.text()).toContain("new MediaRecorder(stream");
  });

  it("marks the flow opened when served, and in progress once started", async () => {
    const flow = await apply();
    expect((await step(flow, "status")).body.status).toBe("issued");
    await fetchPage(flow);
    expect((await step(flow, "status")).body).toMatchObject({
      status: "opened",
      openedAt: "2026-05-01T12:00:00.250Z",
    });
    flow.clock.advance(5);
    expect((await step(flow, "start")).body).toMatchObject({
      status: "in-progress",
      nextStep: "liveness",
      startedAt: "2026-05-01T12:00:05.250Z",
      expiresAt: "2026-05-01T12:10:00.250Z",
    });
  });

  it("shows a clear page for a BizToken never issued", async () => {
    const flow = await apply();
    const response = await fetchPage(flow, `${PAGE}?token=${crypto.randomUUID()}`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain("This verification link is not valid");
    expect((await fetchPage(flow, PAGE)).status).toBe(404);
  });

  it("shows a clear page once its 10 minutes have passed", async () => {
    const flow = await apply();
    flow.clock.advance(10 * 60 + 1);
    const response = await fetchPage(flow);
    expect(response.status).toBe(410);
    expect(await response.text()).toContain("This verification link has expired");
  });

  it("shows a clear page once used, with the way back to the partner", async () => {
    const flow = await apply();
    await step(flow, "liveness", "video-3s.mp4");
    const response = await fetchPage(flow);
    expect(response.status).toBe(409);
    const page = await response.text();
    expect(page).toContain("This verification has already been completed");
    expect(page).toContain("It ended with ErrorCode 0: Success.");
    expect(page).toContain(`href="${REDIRECT}&amp;token=${flow.token}"`);
  });
});

describe("the person's steps", () => {
  it("ends a passing liveness attempt with the redirect to RedirectURL plus token=<BizToken>", async () => {
    const flow = await apply({ CompareImageBase64: fixtureBase64("face.jpg") });
    const answer = await step(flow, "liveness", "video-3s.mp4");
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      status: "completed",
      nextStep: null,
      attempts: 1,
      lastStep: { step: "liveness", errorCode: 0, errorMsg: "Success" },
      errorCode: 0,
      redirectUrl: `${REDIRECT}&token=${flow.token}`,
    });
  });

  it("runs the document step before liveness in CheckMode 1", async () => {
    const flow = await apply({ Config: { CheckMode: 1 } });
    expect((await step(flow, "liveness", "video-3s.mp4")).body.error?.code).toBe("wrong_step");
    expect((await step(flow, "document", "face.jpg")).body).toMatchObject({
      status: "in-progress",
      nextStep: "liveness",
    });
    expect((await step(flow, "liveness", "video-3s.mp4")).body).toMatchObject({
      status: "completed",
      errorCode: 0,
    });
  });

  it("has no liveness in CheckMode 4: the document photo ends the flow", async () => {
    const flow = await apply({ Config: { CheckMode: 4 } });
    expect((await step(flow, "document", "face.png")).body).toMatchObject({
      status: "completed",
      errorCode: 0,
    });
  });

  it("refuses a document photo in a mode without OCR", async () => {
    const flow = await apply();
    const answer = await step(flow, "document", "face.jpg");
    expect(answer.status).toBe(409);
    expect(answer.body.error?.code).toBe("wrong_step");
  });

  it("lets the person try again after a failed attempt, counting what is left", async () => {
    const flow = await apply({
      CompareImageBase64: fixtureBase64("face.jpg"),
      Config: { LivenessRetryLimit: 3 },
    });
    expect((await step(flow, "liveness", "video-3s.mp4", "1002")).body).toMatchObject({
      status: "in-progress",
      nextStep: "liveness",
      attempts: 1,
      attemptsLeft: 2,
      lastStep: { step: "liveness", errorCode: 1002, errorMsg: "Suspected spoofed recording" },
      errorCode: null,
      redirectUrl: null,
    });
    expect((await step(flow, "liveness", "video-3s.mp4")).body).toMatchObject({ attempts: 2, errorCode: 0 });
  });

  it("ends the flow with the last attempt's code when no attempt is left", async () => {
    const flow = await apply({ Config: { CheckMode: 3, LivenessRetryLimit: 2 } });
    await step(flow, "liveness", "video-3s.mp4", "1201");
    expect((await step(flow, "liveness", "video-3s.mp4", "1005")).body).toMatchObject({
      status: "completed",
      attemptsLeft: 0,
      errorCode: 1005,
      errorMsg: "Liveness detection failed",
      redirectUrl: `${REDIRECT}&token=${flow.token}`,
    });
  });

  it("ends with the last attempt's code when the person stops after a failure", async () => {
    const flow = await apply();
    await step(flow, "liveness", "video-3s.mp4", "1004");
    expect((await step(flow, "finish")).body).toMatchObject({ status: "completed", errorCode: 1004 });
  });

  it("ends with 1410 (user exited) when the person stops before any attempt", async () => {
    const flow = await apply();
    expect((await step(flow, "finish")).body).toMatchObject({
      errorCode: 1410,
      errorMsg: "User exited voluntarily",
    });
  });

  it("takes a WebM recording, as Firefox records", async () => {
    const flow = await apply();
    expect((await step(flow, "liveness", "video-3s.webm")).body.errorCode).toBe(0);
  });

  it.each([
    ["document", "not-media.txt", { Config: { CheckMode: 4 } }],
    ["document", "video-3s.mp4", { Config: { CheckMode: 4 } }],
    ["liveness", "face.jpg", {}],
    ["liveness", "not-media.txt", {}],
  ] as const)("refuses a %s upload of %s with 415", async (endpoint, media, params) => {
    const flow = await apply(params);
    const answer = await step(flow, endpoint, media);
    expect(answer.status).toBe(415);
    expect(answer.body.error?.code).toBe("unsupported_media");
    expect((await step(flow, "status")).body).toMatchObject({ attempts: 0, lastStep: null });
  });

  it("refuses an upload over 6 MiB with 413", async () => {
    const flow = await apply();
    const answer = await step(flow, "liveness", new Uint8Array(6 * 1024 * 1024 + 1));
    expect(answer.status).toBe(413);
    expect(answer.body.error?.code).toBe("payload_too_large");
  });

  it.each([
    ["not a code", "Success", "unknown_outcome"],
    ["a final-only code", "14", "unknown_outcome"],
    ["a comparison code where nothing is compared", "2016", "outcome_not_applicable"],
  ])("refuses an outcome that is %s with 400", async (_, outcome, code) => {
    const flow = await apply({ Config: { CheckMode: 3 } });
    const answer = await step(flow, "liveness", "video-3s.mp4", outcome);
    expect(answer.status).toBe(400);
    expect(answer.body.error?.code).toBe(code);
  });

  it("refuses every step of a used flow with 409 already_completed", async () => {
    const flow = await apply();
    await step(flow, "liveness", "video-3s.mp4");
    for (const [endpoint, media] of [["start"], ["liveness", "video-3s.mp4"], ["finish"]] as const) {
      const answer = await step(flow, endpoint, media);
      expect(answer.status).toBe(409);
      expect(answer.body.error?.code).toBe("already_completed");
    }
  });

  it("refuses every step after the 10 minutes with 410 flow_expired", async () => {
    const flow = await apply();
    flow.clock.advance(10 * 60 + 1);
    const answer = await step(flow, "liveness", "video-3s.mp4");
    expect(answer.status).toBe(410);
    expect(answer.body.error?.code).toBe("flow_expired");
    expect((await step(flow, "status")).body).toMatchObject({ status: "expired", nextStep: null });
  });

  it("answers 404 unknown_token for a BizToken never issued", async () => {
    const flow = { ...(await apply()), token: crypto.randomUUID() };
    for (const endpoint of ["status", "start", "finish"] as const) {
      const answer = await step(flow, endpoint);
      expect(answer.status).toBe(404);
      expect(answer.body.error?.code).toBe("unknown_token");
    }
  });
});

describe("GetWebVerificationResultIntl", () => {
  it("gives the passed flow in Tencent's shape: the attempt, the video, a real JPEG best frame, Extra", async () => {
    const flow = await apply({ CompareImageBase64: fixtureBase64("face.jpg"), Extra: "case-4711" });
    flow.clock.advance(42);
    await step(flow, "liveness", "video-3s.mp4");
    const answer = await getResult(flow, flow.token);
    expect(answer.response).toEqual({
      ErrorCode: 0,
      ErrorMsg: "Success",
      VerificationDetailList: [
        {
          ErrorCode: 0,
          ErrorMsg: "Success",
          LivenessErrorCode: 0,
          LivenessErrorMsg: "Success",
          CompareErrorCode: 0,
          CompareErrorMsg: "Success",
          ReqTimestamp: Date.UTC(2026, 4, 1, 12, 0, 42, 250),
          Similarity: 94.48,
          Seq: expect.stringMatching(UUID),
          LivenessInfoTag: null,
        },
      ],
      VideoBase64: fixtureBase64("video-3s.mp4"),
      BestFrameBase64: SAMPLE_BEST_FRAME_JPEG_BASE64,
      OCRResult: null,
      Extra: "case-4711",
      RequestId: expect.stringMatching(/^sandbox-/),
    });
    expect(answer.response.BestFrameBase64).toMatch(/^\/9j\//);
  });

  it("gives one VerificationDetail per attempt, the comparison's score where it ran", async () => {
    const flow = await apply({ CompareImageBase64: fixtureBase64("face.jpg"), Config: { Version: "PLUS" } });
    await step(flow, "liveness", "video-3s.mp4", "2016");
    await step(flow, "liveness", "video-3s.mp4", "1002");
    await step(flow, "liveness", "video-3s-fragmented.mp4");
    const details = (await getResult(flow, flow.token)).response.VerificationDetailList as Record<
      string,
      unknown
    >[];
    expect(details.map(({ Seq, ReqTimestamp, ...rest }) => rest)).toEqual([
      {
        ErrorCode: 2016,
        ErrorMsg: "The similarity did not reach the standard passing threshold",
        LivenessErrorCode: 0,
        LivenessErrorMsg: "Success",
        CompareErrorCode: 2016,
        CompareErrorMsg: "The similarity did not reach the standard passing threshold",
        Similarity: 64.48,
        LivenessInfoTag: [],
      },
      {
        ErrorCode: 1002,
        ErrorMsg: "Suspected spoofed recording",
        LivenessErrorCode: 1002,
        LivenessErrorMsg: "Suspected spoofed recording",
        CompareErrorCode: null,
        CompareErrorMsg: null,
        Similarity: null,
        LivenessInfoTag: [],
      },
      {
        ErrorCode: 0,
        ErrorMsg: "Success",
        LivenessErrorCode: 0,
        LivenessErrorMsg: "Success",
        CompareErrorCode: 0,
        CompareErrorMsg: "Success",
        Similarity: 89.88,
        LivenessInfoTag: [],
      },
    ]);
    expect(new Set(details.map((detail) => detail.Seq)).size).toBe(3);
  });

  it("fails every attempt as CompareImageBase64's outcome marker asks, with a score under 70", async () => {
    const marked = encodeBase64(withSandboxOutcome(fixtureBytes("face.jpg"), "2016"));
    const flow = await apply({ CompareImageBase64: marked, Config: { LivenessRetryLimit: 2 } });
    await step(flow, "liveness", "video-3s.mp4");
    await step(flow, "liveness", "video-3s.mp4");
    const answer = (await getResult(flow, flow.token)).response;
    expect(answer).toMatchObject({ ErrorCode: 2016, BestFrameBase64: SAMPLE_BEST_FRAME_JPEG_BASE64 });
    const details = answer.VerificationDetailList as { CompareErrorCode: number; Similarity: number }[];
    expect(details.map((detail) => detail.CompareErrorCode)).toEqual([2016, 2016]);
    expect(details.every((detail) => detail.Similarity >= 30 && detail.Similarity < 70)).toBe(true);
  });

  it("lets a step's own outcome win over the marker", async () => {
    const marked = encodeBase64(withSandboxOutcome(fixtureBytes("face.png"), "1005"));
    const flow = await apply({ CompareImageBase64: marked });
    expect((await step(flow, "liveness", "video-3s.mp4", "0")).body.errorCode).toBe(0);
  });

  it("gives no best frame when the last attempt found no live face", async () => {
    const flow = await apply({ Config: { LivenessRetryLimit: 1 } });
    await step(flow, "liveness", "video-3s.mp4", "1004");
    expect((await getResult(flow, flow.token)).response).toMatchObject({
      ErrorCode: 1004,
      ErrorMsg: "Face detection failed",
      BestFrameBase64: null,
      VideoBase64: fixtureBase64("video-3s.mp4"),
    });
  });

  it("compares nothing in CheckMode 3, nor in CheckMode 2 without CompareImageBase64", async () => {
    for (const mode of [3, 2]) {
      const flow = await apply({ Config: { CheckMode: mode } });
      await step(flow, "liveness", "video-3s.mp4");
      const [detail] = (await getResult(flow, flow.token)).response.VerificationDetailList as Record<
        string,
        unknown
      >[];
      expect(detail).toMatchObject({
        LivenessErrorCode: 0,
        CompareErrorCode: null,
        CompareErrorMsg: null,
        Similarity: null,
      });
    }
  });

  it("gives the OCR result of CheckMode 1 in NormalCardInfo, for the IDCardType, with the photo", async () => {
    const flow = await apply({ Config: { CheckMode: 1, IDCardType: "HKIDCard", IdCardCutReturn: true } });
    await step(flow, "document", "face.jpg");
    await step(flow, "liveness", "video-3s.mp4");
    const answer = (await getResult(flow, flow.token)).response;
    expect(answer.OCRResult).toEqual([
      {
        IsPass: true,
        CardImageBase64: fixtureBase64("face.jpg"),
        CardInfo: null,
        NormalCardInfo: {
          HKIDCard: {
            ChineseName: "陳大文",
            FullName: "CHAN, Tai Man",
            RegistrationNumber: "7115 1129 2429",
            Sex: "M",
            Birthday: "01-01-1990",
            Permanent: "1",
            LicenseNumber: "C123456(9)",
            Symbol: "***AZ",
            IssuedDate: "(08-15)",
            CurrentIssueDate: "20-06-19",
            HKIDVersion: "HKID-2018",
          },
        },
        RequestId: `sandbox-ocr-${flow.token}`,
        CardCutImageBase64: fixtureBase64("face.jpg"),
        CardBackCutImageBase64: null,
        WarnCardInfos: [],
        OriginalCardInfo: null,
        HeadImageBase64: null,
        CardBackImageBase64: null,
      },
    ]);
    // Mode 1 compares the face with the document's portrait.
    const [detail] = answer.VerificationDetailList as Record<string, unknown>[];
    expect(detail).toMatchObject({ CompareErrorCode: 0, Similarity: 94.48 });
  });

  it("gives CheckMode 4's OCR result as OriginalCardInfo, and no liveness at all", async () => {
    const flow = await apply({ Config: { CheckMode: 4, IDCardType: "InternationalIDPassport" } });
    await step(flow, "document", "face.png");
    const answer = (await getResult(flow, flow.token)).response;
    expect(answer).toMatchObject({
      ErrorCode: 0,
      VerificationDetailList: null,
      VideoBase64: null,
      BestFrameBase64: null,
    });
    const [ocr] = answer.OCRResult as Record<string, unknown>[];
    expect(ocr).toMatchObject({
      IsPass: true,
      NormalCardInfo: null,
      CardImageBase64: fixtureBase64("face.png"),
    });
    expect(JSON.parse(ocr?.OriginalCardInfo as string)).toMatchObject({
      InternationalIDPassport: {
        LicenseNumber: "X12345678",
        PassportCodeSecond: "X123456785UTO9001011F3401011<<<<<<<<<<<<<<06",
      },
    });
  });

  it("gives a failed OCR step as IsPass false with no card", async () => {
    const flow = await apply({ Config: { CheckMode: 1 } });
    expect((await step(flow, "document", "face.jpg", "4")).body).toMatchObject({
      status: "completed",
      errorCode: 4,
    });
    const answer = (await getResult(flow, flow.token)).response;
    expect(answer).toMatchObject({
      ErrorCode: 4,
      ErrorMsg: "Internal service error",
      VerificationDetailList: null,
    });
    expect(answer.OCRResult).toMatchObject([{ IsPass: false, NormalCardInfo: null, OriginalCardInfo: null }]);
  });

  it.each([
    ["HKIDCard"],
    ["MLIDCard"],
    ["IndonesiaIDCard"],
    ["PhilippinesVoteID"],
    ["PhilippinesDrivingLicense"],
    ["PhilippinesTinID"],
    ["PhilippinesSSSID"],
    ["PhilippinesUMID"],
    ["InternationalIDPassport"],
    ["ThailandIDCard"],
    ["SingaporeIDCard"],
    ["MainlandIDCard"],
  ])("reads a %s under its own name in NormalCardInfo", async (type) => {
    const flow = await apply({ Config: { CheckMode: 1, IDCardType: type } });
    await step(flow, "document", "face.jpg");
    await step(flow, "liveness", "video-3s.mp4");
    const [ocr] = (await getResult(flow, flow.token)).response.OCRResult as {
      NormalCardInfo: Record<string, object>;
    }[];
    expect(Object.keys(ocr?.NormalCardInfo ?? {})).toEqual([type]);
  });

  it("gives ErrorCode -999 while the person has not finished, with the attempts so far", async () => {
    const flow = await apply({ Extra: "case-1" });
    const unopened = (await getResult(flow, flow.token)).response;
    expect(unopened).toMatchObject({
      ErrorCode: -999,
      ErrorMsg: "The verification process wasn't finished.",
      VerificationDetailList: null,
      VideoBase64: null,
      BestFrameBase64: null,
      OCRResult: null,
      Extra: "case-1",
    });
    await fetchPage(flow);
    await step(flow, "liveness", "video-3s.mp4", "1201");
    const started = (await getResult(flow, flow.token)).response;
    expect(started).toMatchObject({ ErrorCode: -999, VideoBase64: null });
    expect((started.VerificationDetailList as unknown[]).length).toBe(1);
  });

  it("gives ErrorCode 15 (token expired) for a flow not finished within its 10 minutes", async () => {
    const flow = await apply();
    await step(flow, "liveness", "video-3s.mp4", "1202");
    flow.clock.advance(10 * 60);
    expect((await getResult(flow, flow.token)).response.ErrorCode).toBe(-999);
    flow.clock.advance(1);
    expect((await getResult(flow, flow.token)).response).toMatchObject({
      ErrorCode: 15,
      ErrorMsg: "Token expired",
      VerificationDetailList: [expect.objectContaining({ ErrorCode: 1202 })],
    });
  });

  it("can be read again and again for 3 days after the BizToken was issued", async () => {
    const flow = await apply();
    await step(flow, "liveness", "video-3s.mp4");
    const first = (await getResult(flow, flow.token)).response;
    flow.clock.advance(3 * 24 * 60 * 60);
    const last = (await getResult(flow, flow.token)).response;
    expect({ ...last, RequestId: "" }).toEqual({ ...first, RequestId: "" });
  });

  it("refuses a BizToken more than 3 days old with InvalidParameterValue.BizTokenExpired", async () => {
    const flow = await apply();
    await step(flow, "liveness", "video-3s.mp4");
    flow.clock.advance(3 * 24 * 60 * 60 + 1);
    expect(errorCode(await getResult(flow, flow.token))).toBe("InvalidParameterValue.BizTokenExpired");
    expect((await fetchPage(flow)).status).toBe(410);
  });

  it.each([
    ["never issued", crypto.randomUUID()],
    ["not a BizToken", "not-a-token"],
  ])("refuses a BizToken %s with InvalidParameterValue.BizTokenIllegal", async (_, token) => {
    const { sandbox, clock } = testSandbox();
    const answer = await getResult({ sandbox, clock }, token);
    expect(answer.response.Error).toEqual({
      Code: "InvalidParameterValue.BizTokenIllegal",
      Message: "The BizToken is not valid.",
    });
  });

  it("refuses a call without BizToken with MissingParameter", async () => {
    const { sandbox, clock } = testSandbox();
    expect(errorCode(await call(sandbox, clock, { action: "GetWebVerificationResultIntl", body: {} }))).toBe(
      "MissingParameter",
    );
  });
});

describe("the redirect target", () => {
  it.each([
    ["https://kyc.partner.test/done", "https://kyc.partner.test/done?token=T"],
    ["https://kyc.partner.test/done?", "https://kyc.partner.test/done?token=T"],
    ["https://kyc.partner.test/done?case=4711&", "https://kyc.partner.test/done?case=4711&token=T"],
    ["https://kyc.partner.test/done?q=a%20b+c&x", "https://kyc.partner.test/done?q=a%20b+c&x&token=T"],
    ["https://kyc.partner.test/done?case=1#step-3", "https://kyc.partner.test/done?case=1&token=T#step-3"],
  ])("appends token to %s keeping its own query byte for byte", (redirectUrl, target) => {
    expect(redirectTarget(redirectUrl, "T")).toBe(target);
  });
});
