// ApplyLivenessToken → the person's flow (simulated by the completion endpoint) → GetLivenessResult.
import { describe, expect, it } from "vitest";
import type { Sandbox } from "../../sandbox/index";
import { toHex } from "../../worker/tc3/digest";
import { call, errorCode, SANDBOX_ENV, SANDBOX_URL, type TestClock, testSandbox } from "./support";

async function mintToken(
  sandbox: Sandbox,
  clock: TestClock,
  body: Record<string, unknown> = {},
): Promise<string> {
  const answer = await call(sandbox, clock, { action: "ApplyLivenessToken", body });
  expect(errorCode(answer)).toBeUndefined();
  return answer.response.SdkToken as string;
}

function getResult(sandbox: Sandbox, clock: TestClock, sdkToken: string) {
  return call(sandbox, clock, { action: "GetLivenessResult", body: { SdkToken: sdkToken } });
}

function complete(sandbox: Sandbox, sdkToken: string, body?: unknown): Promise<Response> {
  const init: RequestInit = { method: "POST" };
  if (body !== undefined) init.body = JSON.stringify(body);
  return sandbox.fetch(new Request(`${SANDBOX_URL}sandbox/liveness/${sdkToken}/complete`, init), SANDBOX_ENV);
}

describe("ApplyLivenessToken", () => {
  it("mints a UUID SdkToken with the default SecureLevel", async () => {
    const { sandbox, clock } = testSandbox();
    expect(await mintToken(sandbox, clock)).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
  });

  it.each(["1", "2", "3", "4"])("accepts SecureLevel %s", async (SecureLevel) => {
    const { sandbox, clock } = testSandbox();
    await mintToken(sandbox, clock, { SecureLevel });
  });

  it("refuses SecureLevel 5 with InvalidParameterValue", async () => {
    const { sandbox, clock } = testSandbox();
    const answer = await call(sandbox, clock, { action: "ApplyLivenessToken", body: { SecureLevel: "5" } });
    expect(errorCode(answer)).toBe("InvalidParameterValue");
  });

  it("refuses a numeric SecureLevel with InvalidParameter", async () => {
    const { sandbox, clock } = testSandbox();
    const answer = await call(sandbox, clock, { action: "ApplyLivenessToken", body: { SecureLevel: 4 } });
    expect(errorCode(answer)).toBe("InvalidParameter");
  });
});

describe("GetLivenessResult", () => {
  it("gives -999 while the person has not finished", async () => {
    const { sandbox, clock } = testSandbox();
    const token = await mintToken(sandbox, clock);
    clock.advance(60);
    const answer = await getResult(sandbox, clock, token);
    expect(answer.response).toMatchObject({ Result: "-999", BestFrame: null, Video: null });
    expect(answer.response.Description).toEqual(expect.any(String));
  });

  it("gives 0 with BestFrame and Video files after the flow completes", async () => {
    const { sandbox, clock } = testSandbox();
    const token = await mintToken(sandbox, clock);
    clock.advance(90);
    const completion = await complete(sandbox, token, { result: "0" });
    expect(completion.status).toBe(200);
    expect(completion.headers.get("X-FaceID-Sandbox")).toBe("1");

    const answer = await getResult(sandbox, clock, token);
    expect(answer.response.Result).toBe("0");
    for (const [field, type] of [
      ["BestFrame", "image/jpeg"],
      ["Video", "video/mp4"],
    ] as const) {
      const info = answer.response[field] as { Url: string; MD5: string; Size: number };
      expect(info.Url.startsWith(`${SANDBOX_URL}sandbox/files/`)).toBe(true);
      const file = await sandbox.fetch(new Request(info.Url), SANDBOX_ENV);
      expect(file.status).toBe(200);
      expect(file.headers.get("Content-Type")).toBe(type);
      expect(file.headers.get("X-FaceID-Sandbox")).toBe("1");
      const bytes = new Uint8Array(await file.arrayBuffer());
      expect(bytes.byteLength).toBe(info.Size);
      expect(toHex(await crypto.subtle.digest("MD5", bytes))).toBe(info.MD5);
    }
  });

  it("serves a real JPEG and a real MP4", async () => {
    const { sandbox } = testSandbox();
    const jpeg = new Uint8Array(
      await (
        await sandbox.fetch(new Request(`${SANDBOX_URL}sandbox/files/best-frame.jpg`), SANDBOX_ENV)
      ).arrayBuffer(),
    );
    const mp4 = new Uint8Array(
      await (
        await sandbox.fetch(new Request(`${SANDBOX_URL}sandbox/files/liveness-video.mp4`), SANDBOX_ENV)
      ).arrayBuffer(),
    );
    expect([...jpeg.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect(String.fromCharCode(...mp4.subarray(4, 8))).toBe("ftyp");
  });

  it("gives the failure code the flow completed with, without files", async () => {
    const { sandbox, clock } = testSandbox();
    const token = await mintToken(sandbox, clock);
    await complete(sandbox, token, { result: "1002" });
    const answer = await getResult(sandbox, clock, token);
    expect(answer.response).toMatchObject({ Result: "1002", BestFrame: null, Video: null });
  });

  it("completes with 0 when the completion has no body", async () => {
    const { sandbox, clock } = testSandbox();
    const token = await mintToken(sandbox, clock);
    expect((await complete(sandbox, token)).status).toBe(200);
    expect((await getResult(sandbox, clock, token)).response.Result).toBe("0");
  });

  it("gives 15 when the flow was not finished within 10 minutes", async () => {
    const { sandbox, clock } = testSandbox();
    const token = await mintToken(sandbox, clock);
    clock.advance(10 * 60 + 1);
    expect((await getResult(sandbox, clock, token)).response.Result).toBe("15");
  });

  it("keeps a completed result readable until 2 hours after the token was minted", async () => {
    const { sandbox, clock } = testSandbox();
    const token = await mintToken(sandbox, clock);
    clock.advance(9 * 60);
    await complete(sandbox, token);
    clock.advance(2 * 60 * 60 - 9 * 60);
    expect((await getResult(sandbox, clock, token)).response.Result).toBe("0");
  });

  it("refuses a token more than 2 hours old with InvalidParameterValue.BizTokenExpired", async () => {
    const { sandbox, clock } = testSandbox();
    const token = await mintToken(sandbox, clock);
    await complete(sandbox, token);
    clock.advance(2 * 60 * 60 + 1);
    expect(errorCode(await getResult(sandbox, clock, token))).toBe("InvalidParameterValue.BizTokenExpired");
  });

  it.each([
    ["never minted", crypto.randomUUID()],
    ["malformed", "not-a-token"],
  ])("refuses a token %s with InvalidParameterValue.BizTokenIllegal", async (_, token) => {
    const { sandbox, clock } = testSandbox();
    expect(errorCode(await getResult(sandbox, clock, token))).toBe("InvalidParameterValue.BizTokenIllegal");
  });

  it("refuses a call without SdkToken with MissingParameter", async () => {
    const { sandbox, clock } = testSandbox();
    expect(errorCode(await call(sandbox, clock, { action: "GetLivenessResult", body: {} }))).toBe(
      "MissingParameter",
    );
  });
});

describe("the completion endpoint", () => {
  it("refuses to complete a flow twice", async () => {
    const { sandbox, clock } = testSandbox();
    const token = await mintToken(sandbox, clock);
    await complete(sandbox, token);
    const again = await complete(sandbox, token, { result: "1005" });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: { code: "already_completed" } });
  });

  it("refuses to complete a flow after its 10 minutes", async () => {
    const { sandbox, clock } = testSandbox();
    const token = await mintToken(sandbox, clock);
    clock.advance(10 * 60 + 1);
    expect((await complete(sandbox, token)).status).toBe(409);
    expect((await getResult(sandbox, clock, token)).response.Result).toBe("15");
  });

  it("answers 404 for a token never minted", async () => {
    const { sandbox } = testSandbox();
    const response = await complete(sandbox, crypto.randomUUID());
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: "unknown_token" } });
  });

  it.each([{ result: "-999" }, { result: "12345" }, { result: true }, ["0"]])(
    "refuses the body %j with 400",
    async (body) => {
      const { sandbox, clock } = testSandbox();
      const token = await mintToken(sandbox, clock);
      expect((await complete(sandbox, token, body)).status).toBe(400);
      expect((await getResult(sandbox, clock, token)).response.Result).toBe("-999");
    },
  );

  it("accepts a numeric result code", async () => {
    const { sandbox, clock } = testSandbox();
    const token = await mintToken(sandbox, clock);
    expect((await complete(sandbox, token, { result: 1201 })).status).toBe(200);
    expect((await getResult(sandbox, clock, token)).response.Result).toBe("1201");
  });
});
