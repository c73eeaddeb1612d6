// What the last check before writing refuses, and that it names the field, never the value.
import { describe, expect, it } from "vitest";
import type { AuditEvent } from "../../../worker/audit/event";
import { screenAuditEvent } from "../../../worker/audit/screen";

const VALID: AuditEvent = {
  at: "2026-05-01T08:00:00.000Z",
  requestId: "6f1c1f4e-2f43-4a8e-9a57-3f6f0f1b2c3d",
  tencentRequestId: "0c7f4a2e-5b1d-4f7e-8a3c-9d2e1f0a4b6c",
  partnerId: "ptn_AAAAAAAAAAAAAAAA",
  principal: { type: "partner", id: "AKIDaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" },
  dialect: "tencent",
  action: "CompareFaceLiveness",
  outcome: "FailedOperation.CompareLowSimilarity",
  passed: false,
  similarity: 12.5,
  httpStatus: 200,
  latencyMs: 2210,
};

function screen(overrides: Record<string, unknown>) {
  return screenAuditEvent({ ...VALID, ...overrides } as AuditEvent);
}

describe("screenAuditEvent", () => {
  it("accepts a well-formed event", () => {
    expect(screenAuditEvent(VALID)).toBeNull();
  });

  it.each([
    ["a 257-character action", { action: "a".repeat(257) }, { field: "action", reason: "too-long" }],
    [
      "201 base64 characters in a row",
      { outcome: `x ${"Qk0".repeat(67)}` },
      { field: "outcome", reason: "base64-like" },
    ],
    ["bytes instead of text", { requestId: new Uint8Array(4) }, { field: "requestId", reason: "not-text" }],
    ["a missing request id", { requestId: undefined }, { field: "requestId", reason: "not-text" }],
    [
      "a principal without its id",
      { principal: { type: "agent" } },
      { field: "principal.id", reason: "not-text" },
    ],
    [
      "an unknown principal type",
      { principal: { type: "robot", id: "r1" } },
      { field: "principal.type", reason: "not-allowed" },
    ],
    ["an unknown dialect", { dialect: "grpc" }, { field: "dialect", reason: "not-allowed" }],
    ["a time that is not one", { at: "soon" }, { field: "at", reason: "not-a-time" }],
    ["passed as text", { passed: "yes" }, { field: "passed", reason: "not-allowed" }],
    ["a similarity over 100", { similarity: 100.5 }, { field: "similarity", reason: "out-of-range" }],
    ["a similarity that is NaN", { similarity: Number.NaN }, { field: "similarity", reason: "out-of-range" }],
    ["an HTTP status of 0", { httpStatus: 0 }, { field: "httpStatus", reason: "out-of-range" }],
    ["a negative latency", { latencyMs: -1 }, { field: "latencyMs", reason: "out-of-range" }],
  ])("refuses %s", (_, overrides, refusal) => {
    expect(screen(overrides)).toEqual(refusal);
  });

  it("accepts the nulls of a call that never reached FaceID", () => {
    expect(
      screen({
        tencentRequestId: null,
        partnerId: null,
        principal: { type: "anonymous" },
        passed: null,
        similarity: null,
      }),
    ).toBeNull();
  });
});
