// A capture session's record, as the partner's backend looks it up: DescribeCaptureSession (Tencent dialect,
// partner-signed) and GET /v1/sessions/{sessionId} (an agent key of the same partner). Every verification
// made with the session is in it, without media; another partner, or nobody, gets "not found".
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { withSandboxOutcome } from "../../sandbox/outcome-marker";
import { fixtureBytes } from "../support/fixtures";
import {
  compareForm,
  GATEWAY_URL,
  GatewayClock,
  partnerActions,
  REST_ORIGIN,
  restPartner,
  restRequest,
  silentCompareForm,
  testGateway,
} from "../support/gateway";

type Gateway = ReturnType<typeof testGateway>;
type Partner = Awaited<ReturnType<typeof restPartner>>;

let clock: GatewayClock;
let gateway: Gateway;

let partnerCall: ReturnType<typeof partnerActions>["call"];
let openSession: ReturnType<typeof partnerActions>["openSession"];

beforeEach(() => {
  clock = new GatewayClock();
  gateway = testGateway({ clock: clock.read });
  ({ call: partnerCall, openSession } = partnerActions(gateway, clock));
});

function describeTencent(partner: Partner, sessionId: unknown) {
  return partnerCall(partner, "DescribeCaptureSession", { SessionId: sessionId });
}

function describeRest(agentKey: string | undefined, sessionId: string) {
  return gateway.fetch(restRequest(`/v1/sessions/${sessionId}`, agentKey, { method: "GET", origin: null }));
}

async function compare(token: string, form: FormData = silentCompareForm()) {
  return gateway.fetch(restRequest("/v1/liveness/compare", token, { method: "POST", body: form }));
}

describe("session records", () => {
  it("records every verification without media, and shows them to the partner in both dialects", async () => {
    const alpha = await restPartner(gateway);
    const opened = await openSession(alpha, { ExternalId: "case-4711", MaxAttempts: 3 });
    expect(opened.SessionId).toMatch(/^[0-9a-f-]{36}$/);

    const failing = withSandboxOutcome(fixtureBytes("face.jpg"), "FailedOperation.CompareLowSimilarity");
    const first = await compare(
      opened.SessionToken,
      compareForm({ video: fixtureBytes("video-3s.mp4"), image: failing, livenessType: "SILENT" }),
    );
    const firstVerdict = (await first.json()) as { requestId: string; tencentRequestId: string };
    clock.advance(30_000);
    const second = await compare(opened.SessionToken);
    const secondVerdict = (await second.json()) as {
      requestId: string;
      tencentRequestId: string;
      similarity: number;
    };

    const tencent = await describeTencent(alpha, opened.SessionId);
    expect(tencent).toMatchObject({
      SessionId: opened.SessionId,
      ExternalId: "case-4711",
      Status: "passed",
      AttemptsUsed: 2,
      MaxAttempts: 3,
      ExpiredTimestamp: opened.ExpiredTimestamp,
    });
    const attempts = tencent.Attempts as Record<string, unknown>[];
    expect(attempts).toHaveLength(2);
    expect(attempts[0]).toEqual({
      Time: clock.seconds - 30,
      Flow: "compare",
      LivenessType: "SILENT",
      Actions: [],
      Result: "FailedOperation.CompareLowSimilarity",
      Passed: false,
      Similarity: expect.any(Number),
      TencentRequestId: firstVerdict.tencentRequestId,
      GatewayRequestId: firstVerdict.requestId,
      CapturedBy: "session",
      Origin: REST_ORIGIN,
      ChecksOverridden: false,
    });
    expect(attempts[1]).toMatchObject({
      Result: "Success",
      Passed: true,
      Similarity: secondVerdict.similarity,
      GatewayRequestId: secondVerdict.requestId,
    });
    // Nothing of the media, the token or the partner's keys is in the record.
    const shown = JSON.stringify(tencent);
    expect(shown).not.toContain(opened.SessionToken);
    expect(shown.length).toBeLessThan(2048);

    const rest = await describeRest(alpha.agentKey, opened.SessionId);
    expect(rest.status).toBe(200);
    const body = (await rest.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      sessionId: opened.SessionId,
      externalId: "case-4711",
      status: "passed",
      attemptsUsed: 2,
      maxAttempts: 3,
      expiresAt: new Date(opened.ExpiredTimestamp * 1000).toISOString(),
    });
    expect((body.attempts as Record<string, unknown>[])[1]).toMatchObject({
      at: new Date(clock.now).toISOString(),
      flow: "compare",
      result: "Success",
      passed: true,
      capturedBy: "session",
    });
  });

  it("names the agent key that captured, for sessions an agent opened", async () => {
    const alpha = await restPartner(gateway);
    const created = await gateway.fetch(
      new Request(`${GATEWAY_URL}v1/sessions`, {
        method: "POST",
        headers: { Authorization: `Bearer ${alpha.agentKey}`, "Content-Type": "application/json" },
        body: JSON.stringify({ externalId: "ticket 99" }),
      }),
    );
    const { sessionId, sessionToken } = (await created.json()) as { sessionId: string; sessionToken: string };
    await compare(sessionToken);
    const body = (await (await describeRest(alpha.agentKey, sessionId)).json()) as {
      externalId: string;
      attempts: { capturedBy: string }[];
    };
    expect(body.externalId).toBe("ticket 99");
    expect(body.attempts.map((attempt) => attempt.capturedBy)).toEqual([`agent:${alpha.agentKeyId}`]);
  });

  it("is pending, then failed once the attempts run out without a pass", async () => {
    const alpha = await restPartner(gateway);
    const opened = await openSession(alpha, { MaxAttempts: 1 });
    expect((await describeTencent(alpha, opened.SessionId)).Status).toBe("pending");
    const failing = withSandboxOutcome(fixtureBytes("face.jpg"), "FailedOperation.CompareLowSimilarity");
    await compare(
      opened.SessionToken,
      compareForm({ video: fixtureBytes("video-3s.mp4"), image: failing, livenessType: "SILENT" }),
    );
    expect(await describeTencent(alpha, opened.SessionId)).toMatchObject({
      Status: "failed",
      AttemptsUsed: 1,
    });
  });

  it("calls a session failed at its expiry when its last attempt's outcome never came", async () => {
    const alpha = await restPartner(gateway);
    const opened = await openSession(alpha, { MaxAttempts: 1, TtlSeconds: 60 });
    const session = env.CAPTURE_SESSIONS.get(env.CAPTURE_SESSIONS.idFromName(opened.SessionId));
    await session.consumeAttempt(1, opened.ExpiredTimestamp, Date.now());
    expect((await describeTencent(alpha, opened.SessionId)).Status).toBe("pending");
    clock.advance(61_000);
    expect((await describeTencent(alpha, opened.SessionId)).Status).toBe("failed");
  });

  it("is revoked once the partner revokes it, and expired once its time is over", async () => {
    const alpha = await restPartner(gateway);
    const revoked = await openSession(alpha);
    await partnerCall(alpha, "RevokeCaptureSession", { SessionToken: revoked.SessionToken });
    expect((await describeTencent(alpha, revoked.SessionId)).Status).toBe("revoked");

    const expiring = await openSession(alpha, { TtlSeconds: 60 });
    clock.advance(61_000);
    expect((await describeTencent(alpha, expiring.SessionId)).Status).toBe("expired");
  });

  it("keeps the agent's override of the face checks with the upload's attempt, in both dialects", async () => {
    const alpha = await restPartner(gateway);
    const opened = await openSession(alpha, { MaxAttempts: 3 });
    const upload = (checksOverridden?: string) =>
      compareForm({
        video: fixtureBytes("video-3s.mp4"),
        image: fixtureBytes("face.jpg"),
        livenessType: "SILENT",
        ...(checksOverridden === undefined ? {} : { checksOverridden }),
      });
    for (const form of [upload("true"), upload(), upload("false")]) {
      expect((await compare(opened.SessionToken, form)).status).toBe(200);
    }

    const rest = (await (await describeRest(alpha.agentKey, opened.SessionId)).json()) as {
      attempts: { checksOverridden: boolean }[];
    };
    expect(rest.attempts.map((attempt) => attempt.checksOverridden)).toEqual([true, false, false]);
    const tencent = (await describeTencent(alpha, opened.SessionId)).Attempts as Record<string, unknown>[];
    expect(tencent.map((attempt) => attempt.ChecksOverridden)).toEqual([true, false, false]);
  });

  it("refuses an override that is neither true nor false, before an attempt is spent", async () => {
    const alpha = await restPartner(gateway);
    const opened = await openSession(alpha);
    const form = compareForm({
      video: fixtureBytes("video-3s.mp4"),
      image: fixtureBytes("face.jpg"),
      livenessType: "SILENT",
      checksOverridden: "yes",
    });
    const response = await compare(opened.SessionToken, form);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: "invalid_request",
      message: "checksOverridden must be true or false.",
    });
    expect(await describeTencent(alpha, opened.SessionId)).toMatchObject({ AttemptsUsed: 0, Attempts: [] });
  });

  it("records an attempt Tencent gave no verdict for with the gateway's error code", async () => {
    const alpha = await restPartner(gateway);
    const opened = await openSession(alpha);
    const refused = withSandboxOutcome(fixtureBytes("face.jpg"), "RequestLimitExceeded");
    const response = await compare(
      opened.SessionToken,
      compareForm({ video: fixtureBytes("video-3s.mp4"), image: refused, livenessType: "SILENT" }),
    );
    expect(response.status).toBe(429);
    const attempts = (await describeTencent(alpha, opened.SessionId)).Attempts as Record<string, unknown>[];
    expect(attempts).toEqual([
      expect.objectContaining({ Result: "RequestLimitExceeded", Passed: false, Similarity: null }),
    ]);
  });

  it("is deleted when its retention ends", async () => {
    const alpha = await restPartner(gateway);
    const opened = await openSession(alpha);
    await compare(opened.SessionToken);
    const stub = env.CAPTURE_SESSIONS.get(env.CAPTURE_SESSIONS.idFromName(opened.SessionId));
    const alarm = () => runInDurableObject(stub, (_, state) => state.storage.getAlarm());
    // First the session's expiry (webhooks/capture-events.ts), then wrangler.toml's SESSION_RETENTION_DAYS, 7:
    // a week after it.
    expect(await alarm()).toBe(opened.ExpiredTimestamp * 1000);
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect(await alarm()).toBe((opened.ExpiredTimestamp + 7 * 86_400) * 1000);
    expect((await describeTencent(alpha, opened.SessionId)).Attempts).toHaveLength(1);
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect(await describeTencent(alpha, opened.SessionId)).toMatchObject({
      Error: { Code: "ResourceNotFound" },
    });
  });
});

describe("who may look a session up", () => {
  it("shows another partner nothing, in either dialect: the same answer as for no session at all", async () => {
    const alpha = await restPartner(gateway);
    const beta = await restPartner(gateway);
    const opened = await openSession(alpha, { ExternalId: "alpha-secret-case" });
    const never = crypto.randomUUID();

    const theirs = await describeTencent(beta, opened.SessionId);
    const none = await describeTencent(beta, never);
    expect(theirs.Error).toEqual({ Code: "ResourceNotFound", Message: "No session has this SessionId." });
    expect(none.Error).toEqual(theirs.Error);

    const restTheirs = await describeRest(beta.agentKey, opened.SessionId);
    const restNone = await describeRest(beta.agentKey, never);
    expect(restTheirs.status).toBe(404);
    const error = ((await restTheirs.json()) as { error: { code: string; message: string } }).error;
    expect(error).toMatchObject({ code: "not_found", message: "No such session." });
    expect(JSON.stringify(error)).not.toContain("alpha-secret-case");
    expect(restNone.status).toBe(404);
  });

  it("refuses a caller without an agent key, and a session token in its place", async () => {
    const alpha = await restPartner(gateway);
    const opened = await openSession(alpha);
    expect((await describeRest(undefined, opened.SessionId)).status).toBe(401);
    const withToken = await describeRest(opened.SessionToken, opened.SessionId);
    expect(withToken.status).toBe(401);
    expect(JSON.stringify(await withToken.json())).not.toContain("pending");
  });

  it.each([
    ["no SessionId", {}, "MissingParameter"],
    ["a SessionId that is not a session id", { SessionId: "../../etc" }, "ResourceNotFound"],
    ["a number", { SessionId: 7 }, "InvalidParameterValue"],
    ["an unknown parameter", { SessionId: "x", Extra: 1 }, "UnknownParameter"],
  ])("answers %s in Tencent's error shape", async (_, parameters, code) => {
    const alpha = await restPartner(gateway);
    const answer = await partnerCall(alpha, "DescribeCaptureSession", parameters);
    expect((answer.Error as { Code: string }).Code).toBe(code);
  });

  it("refuses an ExternalId that is not 1 to 128 printable characters, in both dialects", async () => {
    const alpha = await restPartner(gateway);
    for (const externalId of ["", "x".repeat(129), "line\nbreak", 42]) {
      const answer = await partnerCall(alpha, "CreateCaptureSession", { ExternalId: externalId });
      expect(answer.Error).toMatchObject({ Code: "InvalidParameterValue" });
      const rest = await gateway.fetch(
        new Request(`${GATEWAY_URL}v1/sessions`, {
          method: "POST",
          headers: { Authorization: `Bearer ${alpha.agentKey}`, "Content-Type": "application/json" },
          body: JSON.stringify({ externalId }),
        }),
      );
      expect(rest.status).toBe(400);
    }
  });
});
