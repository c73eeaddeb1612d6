/**
 * Request and response shapes of the FaceID actions the gateway knows, as Tencent defines them
 * (API version 2018-03-01). Field names are Tencent's.
 */

/** Every Tencent answer is wrapped in `Response`; errors come back with HTTP 200 and `Response.Error`. */
export type TencentEnvelope<T> = { Response: T & { RequestId: string } } | { Response: TencentErrorBody };

export interface TencentErrorBody {
  Error: { Code: string; Message: string };
  RequestId: string;
}

export type LivenessType = "ACTION" | "SILENT";

/** Action codes of ACTION liveness: 1 open mouth, 2 blink, 3 nod, 4 shake head. */
export const LIVENESS_ACTION_CODES = {
  open_mouth: "1",
  blink: "2",
  nod: "3",
  shake_head: "4",
} as const;
export type LivenessActionName = keyof typeof LIVENESS_ACTION_CODES;
export type LivenessActionCode = (typeof LIVENESS_ACTION_CODES)[LivenessActionName];

export interface CompareFaceLivenessRequest {
  ImageBase64: string;
  VideoBase64: string;
  LivenessType: LivenessType;
  /** ACTION only: one or two action codes, comma-separated, e.g. "4,2". */
  ValidateData?: string;
}

export interface CompareFaceLivenessResponse {
  /** Only "Success" is a pass; business failures come back here without an Error object. */
  Result: string;
  Description: string;
  /** 0–100; meaningful only for Success and FailedOperation.CompareLowSimilarity. */
  Sim: number;
  BestFrameBase64: string | null;
  RequestId: string;
}

/** 1 silent, 2 blinking, 3 light, 4 blinking + light (default). */
export type SecureLevel = "1" | "2" | "3" | "4";

export interface ApplyLivenessTokenRequest {
  SecureLevel?: SecureLevel;
}

export interface ApplyLivenessTokenResponse {
  SdkToken: string;
  RequestId: string;
}

export interface GetLivenessResultRequest {
  SdkToken: string;
}

export interface FileInfo {
  Url: string;
  MD5: string;
  Size: number;
}

export interface GetLivenessResultResponse {
  /** A numeric string: "0" success; see the result-code catalogue. */
  Result: string;
  Description: string;
  BestFrame: FileInfo | null;
  Video: FileInfo | null;
  RequestId: string;
}

export interface FaceIdActionTypes {
  CompareFaceLiveness: { request: CompareFaceLivenessRequest; response: CompareFaceLivenessResponse };
  ApplyLivenessToken: { request: ApplyLivenessTokenRequest; response: ApplyLivenessTokenResponse };
  GetLivenessResult: { request: GetLivenessResultRequest; response: GetLivenessResultResponse };
}

export function isTencentError(response: unknown): response is { Response: TencentErrorBody } {
  if (typeof response !== "object" || response === null) return false;
  const body = (response as { Response?: unknown }).Response;
  return typeof body === "object" && body !== null && "Error" in body;
}
