/**
 * What every FaceID call goes through before its action sees it, in Tencent's order (design brief of the
 * sandbox; tencent-faceid.md §1–3): body size, signature, version, action, region, rate, JSON body.
 * Each refusal is thrown as the TencentApiError Tencent would answer with.
 */
import {
  FACEID_ACTIONS,
  FACEID_API_VERSION,
  type FaceIdAction,
  isFaceIdAction,
  isFaceIdRegion,
} from "../shared/faceid/actions";
import { MAX_BODY_BYTES } from "../shared/faceid/limits";
import { sha256Hex } from "../worker/tc3/digest";
import { readBodyWithin } from "./bounded-body";
import type { PerSecondRateLimiter } from "./rate-limiter";
import type { SandboxCredential, SandboxSignatureCheck } from "./signature-check";
import { TencentApiError } from "./tencent-response";

export interface AdmittedCall {
  action: FaceIdAction;
  /** Undefined only for actions that do not need a region. */
  region: string | undefined;
  params: Record<string, unknown>;
}

export interface CallGateDeps {
  credential: SandboxCredential;
  signatures: SandboxSignatureCheck;
  limiter: PerSecondRateLimiter;
}

export async function admitCall(request: Request, deps: CallGateDeps): Promise<AdmittedCall> {
  const body = await readBodyWithin(request, MAX_BODY_BYTES);
  if (!body.ok) {
    throw body.reason === "too-large"
      ? new TencentApiError("RequestSizeLimitExceeded", "The request body exceeds the 10 MB limit.")
      : new TencentApiError("InvalidParameter", "The Content-Length header is not a number.");
  }
  await deps.signatures.check(request, await sha256Hex(body.bytes), deps.credential);

  const version = request.headers.get("x-tc-version");
  if (!version)
    throw new TencentApiError("MissingParameter", "The request is missing the header X-TC-Version.");
  if (version !== FACEID_API_VERSION) {
    throw new TencentApiError(
      "NoSuchVersion",
      `FaceID has no API version ${quoted(version)}; use ${FACEID_API_VERSION}.`,
    );
  }

  const action = request.headers.get("x-tc-action");
  if (!action)
    throw new TencentApiError("MissingParameter", "The request is missing the header X-TC-Action.");
  if (!isFaceIdAction(action))
    throw new TencentApiError("InvalidAction", `FaceID has no action ${quoted(action)}.`);

  const region = checkRegion(action, request.headers.get("x-tc-region"));

  const spec = FACEID_ACTIONS[action];
  if (!deps.limiter.admit(action, spec.ratePerSecond)) {
    throw new TencentApiError(
      "RequestLimitExceeded",
      `${action} allows ${spec.ratePerSecond} requests per second; retry later.`,
    );
  }
  return { action, region, params: parseParams(body.bytes) };
}

/**
 * The three actions the sandbox simulates name their regions and need one; the others accept any FaceID
 * region, or none (some of Tencent's identity checks are region-free).
 */
function checkRegion(action: FaceIdAction, region: string | null): string | undefined {
  const offered: readonly string[] | undefined = FACEID_ACTIONS[action].regions;
  if (offered !== undefined) {
    if (region && offered.includes(region)) return region;
    throw new TencentApiError(
      "UnsupportedRegion",
      `${action} is offered only in ${offered.join(", ")}${region ? `, not in ${quoted(region)}` : "; X-TC-Region is missing"}.`,
    );
  }
  if (!region) return undefined;
  if (isFaceIdRegion(region)) return region;
  throw new TencentApiError("UnsupportedRegion", `FaceID is not offered in ${quoted(region)}.`);
}

function parseParams(bytes: Uint8Array): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes));
  } catch {
    throw new TencentApiError("InvalidParameter", "The request body is not valid UTF-8 JSON.");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new TencentApiError(
      "InvalidParameter",
      "The request body must be a JSON object of the action's parameters.",
    );
  }
  return parsed as Record<string, unknown>;
}

/** Echoes a short header value only (header values are never biometric data, but may be long garbage). */
function quoted(value: string): string {
  return JSON.stringify(value.length > 64 ? `${value.slice(0, 64)}…` : value);
}
