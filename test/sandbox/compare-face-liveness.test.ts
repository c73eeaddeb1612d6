// CompareFaceLiveness in the sandbox: Tencent's parameter rules, outcomes from the real media, the outcome switch.
import { describe, expect, it } from "vitest";
import { withSandboxOutcome } from "../../sandbox/outcome-marker";
import { encodeBase64 } from "../../shared/base64";
import { fixtureBase64, fixtureBytes, type MediaFixture } from "../support/fixtures";
import { call, compareBody, errorCode, type TencentAnswer, testSandbox } from "./support";

const compare = async (body: Record<string, unknown>): Promise<TencentAnswer> => {
  const { sandbox, clock } = testSandbox();
  return call(sandbox, clock, { action: "CompareFaceLiveness", body });
};

const VIDEOS: MediaFixture[] = ["video-3s.mp4", "video-3s-fragmented.mp4", "video-3s.avi", "video-3s.flv"];
const IMAGES: MediaFixture[] = ["face.jpg", "face.png"];
const SUCCESS_CASES = VIDEOS.flatMap((video) => IMAGES.map((image) => [video, image] as const));

describe("success on real media", () => {
  it.each(SUCCESS_CASES)("passes %s against %s with a Sim of at least 70", async (video, image) => {
    const answer = await compare(compareBody(image, video));
    expect(errorCode(answer)).toBeUndefined();
    expect(answer.response).toMatchObject({ Result: "Success", Description: expect.any(String) });
    expect(answer.response.Sim).toBeGreaterThanOrEqual(70);
    expect(answer.response.Sim).toBeLessThan(100);
    expect(answer.response.BestFrameBase64).toMatch(/^\/9j\//); // a JPEG
    expect(answer.response.RequestId).toMatch(/^sandbox-/);
  });

  it("hands the JPEG reference photo back as the best frame", async () => {
    const answer = await compare(compareBody("face.jpg", "video-3s.mp4"));
    expect(answer.response.BestFrameBase64).toBe(fixtureBase64("face.jpg"));
  });

  it("passes ACTION liveness with two actions", async () => {
    const answer = await compare(
      compareBody("face.jpg", "video-3s.mp4", { LivenessType: "ACTION", ValidateData: "4,2" }),
    );
    expect(answer.response.Result).toBe("Success");
  });

  it("gives the same Sim for the same input, every time", async () => {
    const body = compareBody("face.png", "video-3s.avi");
    const first = await compare(body);
    const second = await compare(body);
    expect(second.response.Sim).toBe(first.response.Sim);
    expect(Number.isInteger(Math.round((first.response.Sim as number) * 100))).toBe(true);
  });
});

describe("outcomes the media decide", () => {
  it("answers a 1.5 s video with Result FailedOperation.SilentTooShort and no Error", async () => {
    const answer = await compare(compareBody("face.jpg", "video-1500ms.mp4"));
    expect(answer.response).toMatchObject({
      Result: "FailedOperation.SilentTooShort",
      Sim: 0,
      BestFrameBase64: null,
    });
    expect(answer.response.Error).toBeUndefined();
  });

  it("answers a video whose duration cannot be read with FailedOperation.CompressVideoError", async () => {
    const mp4 = fixtureBytes("video-3s.mp4");
    const answer = await compare(compareBody("face.jpg", mp4.subarray(0, 20_000)));
    expect(errorCode(answer)).toBe("FailedOperation.CompressVideoError");
  });

  it("answers a JPEG without a readable frame header with Result FailedOperation.ImageDecodeFailed", async () => {
    const broken = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, ...new Uint8Array(64)]);
    const answer = await compare(compareBody(broken, "video-3s.mp4"));
    expect(answer.response).toMatchObject({ Result: "FailedOperation.ImageDecodeFailed", Sim: 0 });
  });

  it("answers an image over 3 MB of base64 with Result FailedOperation.ImageSizeTooLarge", async () => {
    const jpeg = fixtureBytes("face.jpg");
    const large = new Uint8Array(2_400_000);
    large.set(jpeg);
    const answer = await compare(compareBody(large, "video-3s.mp4"));
    expect(answer.response).toMatchObject({ Result: "FailedOperation.ImageSizeTooLarge", Sim: 0 });
  });
});

describe("parameter rules", () => {
  it.each([
    ["WebM", "video-3s.webm"],
    ["text", "not-media.txt"],
    ["a JPEG", "face.jpg"],
  ] as const)("refuses %s as the video with InvalidParameterValue", async (_, video) => {
    const answer = await compare(compareBody("face.jpg", video));
    expect(errorCode(answer)).toBe("InvalidParameterValue");
    expect(answer.response.Error?.Message).toContain("VideoBase64");
  });

  it.each([
    ["GIF", "face.gif"],
    ["an MP4", "video-3s.mp4"],
    ["text", "not-media.txt"],
  ] as const)("refuses %s as the image with InvalidParameterValue", async (_, image) => {
    const answer = await compare(compareBody(image, "video-3s.mp4"));
    expect(errorCode(answer)).toBe("InvalidParameterValue");
    expect(answer.response.Error?.Message).toContain("ImageBase64");
  });

  it("refuses a data: URL as the image without echoing the base64", async () => {
    const base64 = fixtureBase64("face.jpg");
    const answer = await compare({
      ...compareBody("face.jpg", "video-3s.mp4"),
      ImageBase64: `data:image/jpeg;base64,${base64}`,
    });
    expect(errorCode(answer)).toBe("InvalidParameterValue");
    expect(answer.response.Error?.Message).not.toContain(base64.slice(0, 16));
  });

  it("refuses a video over 8 MB of base64 with InvalidParameterValue", async () => {
    const mp4 = fixtureBase64("video-3s.mp4");
    const oversized = mp4.slice(0, -4) + "A".repeat(8 * 1024 * 1024 - mp4.length + 8);
    const answer = await compare({ ...compareBody("face.jpg", "video-3s.mp4"), VideoBase64: oversized });
    expect(errorCode(answer)).toBe("InvalidParameterValue");
    expect(answer.response.Error?.Message).toContain("8 MB");
  });

  it.each([
    ["ImageBase64", "MissingParameter"],
    ["VideoBase64", "MissingParameter"],
    ["LivenessType", "MissingParameter"],
  ])("refuses a body without %s with %s", async (name, code) => {
    const body = compareBody("face.jpg", "video-3s.mp4");
    delete body[name];
    expect(errorCode(await compare(body))).toBe(code);
  });

  it("refuses a parameter of the wrong JSON type with InvalidParameter", async () => {
    expect(errorCode(await compare({ ...compareBody("face.jpg", "video-3s.mp4"), LivenessType: 1 }))).toBe(
      "InvalidParameter",
    );
  });

  it("refuses an undefined parameter with UnknownParameter", async () => {
    expect(errorCode(await compare({ ...compareBody("face.jpg", "video-3s.mp4"), Threshold: 80 }))).toBe(
      "UnknownParameter",
    );
  });

  it("refuses ACTION without ValidateData with MissingParameter", async () => {
    expect(
      errorCode(await compare(compareBody("face.jpg", "video-3s.mp4", { LivenessType: "ACTION" }))),
    ).toBe("MissingParameter");
  });

  it.each([
    { LivenessType: "REFLECT" },
    { LivenessType: "ACTION", ValidateData: "" },
    { LivenessType: "ACTION", ValidateData: "5" },
    { LivenessType: "ACTION", ValidateData: "1,1" },
    { LivenessType: "ACTION", ValidateData: "1,2,3" },
    { LivenessType: "ACTION", ValidateData: "1, 2" },
    { LivenessType: "SILENT", ValidateData: "2" },
  ])("refuses %o with InvalidParameterValue", async (liveness) => {
    expect(errorCode(await compare(compareBody("face.jpg", "video-3s.mp4", liveness)))).toBe(
      "InvalidParameterValue",
    );
  });

  it("accepts SILENT with an empty or null ValidateData", async () => {
    for (const ValidateData of ["", null]) {
      const answer = await compare(
        compareBody("face.jpg", "video-3s.mp4", { LivenessType: "SILENT", ValidateData }),
      );
      expect(answer.response.Result).toBe("Success");
    }
  });
});

describe("the outcome switch in the reference image", () => {
  it("answers the business failure a JPEG's marker asks for, with a Sim under 70 for low similarity", async () => {
    const image = withSandboxOutcome(fixtureBytes("face.jpg"), "FailedOperation.CompareLowSimilarity");
    const answer = await compare(compareBody(image, "video-3s.mp4"));
    expect(errorCode(answer)).toBeUndefined();
    expect(answer.response.Result).toBe("FailedOperation.CompareLowSimilarity");
    expect(answer.response.Sim).toBeGreaterThan(0);
    expect(answer.response.Sim).toBeLessThan(70);
  });

  it.each([
    "FailedOperation.LivessDetectFake",
    "FailedOperation.ActionLightDark",
    "FailedOperation.SilentMultiFaceFail",
  ])("answers %s asked for by a PNG's marker in Result, with Sim 0 and no best frame", async (code) => {
    const image = withSandboxOutcome(fixtureBytes("face.png"), code);
    const answer = await compare(compareBody(image, "video-3s.flv"));
    expect(answer.response).toMatchObject({ Result: code, Sim: 0, BestFrameBase64: null });
    expect(answer.response.Error).toBeUndefined();
  });

  it.each(["FailedOperation.UnKnown", "UnauthorizedOperation.Arrears", "InternalError"])(
    "answers the API error %s as a Tencent Error",
    async (code) => {
      const image = withSandboxOutcome(fixtureBytes("face.jpg"), code);
      const answer = await compare(compareBody(image, "video-3s.mp4"));
      expect(errorCode(answer)).toBe(code);
      expect(answer.response.Result).toBeUndefined();
    },
  );

  it("lets the marker win over what the media would say", async () => {
    const image = withSandboxOutcome(fixtureBytes("face.jpg"), "Success");
    const answer = await compare(compareBody(image, "video-1500ms.mp4"));
    expect(answer.response.Result).toBe("Success");
  });

  it("still applies the parameter rules before the marker", async () => {
    const image = withSandboxOutcome(fixtureBytes("face.jpg"), "Success");
    expect(errorCode(await compare(compareBody(image, "video-3s.webm")))).toBe("InvalidParameterValue");
  });

  it("refuses a marker with an unknown code with InvalidParameterValue naming it", async () => {
    const image = withSandboxOutcome(fixtureBytes("face.jpg"), "FailedOperation.NoSuchOutcome");
    const answer = await compare(compareBody(image, "video-3s.mp4"));
    expect(errorCode(answer)).toBe("InvalidParameterValue");
    expect(answer.response.Error?.Message).toContain("FailedOperation.NoSuchOutcome");
  });

  it("gives the same low Sim for the same marked input", async () => {
    const image = encodeBase64(
      withSandboxOutcome(fixtureBytes("face.png"), "FailedOperation.CompareLowSimilarity"),
    );
    const body = { ...compareBody("face.png", "video-3s.mp4"), ImageBase64: image };
    expect((await compare(body)).response.Sim).toBe((await compare(body)).response.Sim);
  });
});
