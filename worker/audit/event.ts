/**
 * One audit record per gateway call: who, what, when, outcome, similarity, latency and request ids. By
 * construction it has no field for images, video, base64, tokens or secrets.
 */

export type AuditDialect = "tencent" | "rest";

/** Who made the call: the partner's backend, one of its agents (agent key), or a browser session token. */
export type AuditPrincipal =
  | { type: "partner"; id: string }
  | { type: "agent"; id: string }
  | { type: "session"; id: string }
  | { type: "anonymous" };

export interface AuditEvent {
  /** ISO 8601 time the request arrived. */
  at: string;
  requestId: string;
  /** Tencent's RequestId, when the call reached FaceID. */
  tencentRequestId: string | null;
  partnerId: string | null;
  principal: AuditPrincipal;
  dialect: AuditDialect;
  /** The FaceID or gateway action (e.g. CompareFaceLiveness, CreateCaptureSession), or the REST route. */
  action: string;
  /** Tencent's Result or error code, or the gateway's failure kind. */
  outcome: string;
  passed: boolean | null;
  similarity: number | null;
  httpStatus: number;
  latencyMs: number;
}
