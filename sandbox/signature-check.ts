/**
 * Checks the TC3-HMAC-SHA256 signature of a call exactly as Tencent would, against the sandbox's one
 * credential, and maps each reason for refusal to Tencent's code (../shared/tencent-faceid.md §2–3).
 * Strict like Tencent: the credential scope must name the service `faceid`, whatever host the sandbox runs on.
 */
import { FACEID_SERVICE } from "../shared/faceid/actions";
import { type Tc3Rejection, Tc3Verifier } from "../worker/tc3/verifier";
import { TencentApiError } from "./tencent-response";

export interface SandboxCredential {
  secretId: string;
  secretKey: string;
}

export class SandboxSignatureCheck {
  readonly #verifier: Tc3Verifier;

  constructor(clock: () => number) {
    this.#verifier = new Tc3Verifier({ acceptsService: (service) => service === FACEID_SERVICE, clock });
  }

  /** Throws the TencentApiError Tencent would answer with when the signature is not accepted. */
  async check(request: Request, bodyHash: string, credential: SandboxCredential): Promise<void> {
    const verification = await this.#verifier.verify(
      { method: request.method, url: new URL(request.url), headers: request.headers, bodyHash },
      // The credential comes with each call's env (tests pass their own), so it is looked up per call.
      async (secretId) => (secretId === credential.secretId ? credential.secretKey : undefined),
    );
    if (!verification.ok) throw rejectionError(verification.rejection);
  }
}

function rejectionError(rejection: Tc3Rejection): TencentApiError {
  switch (rejection) {
    case "missing-authorization":
      return new TencentApiError("AuthFailure.InvalidAuthorization", "The Authorization header is missing.");
    case "malformed-authorization":
      return new TencentApiError(
        "AuthFailure.InvalidAuthorization",
        "The Authorization header is not a valid TC3-HMAC-SHA256 authorization (it must sign content-type and host).",
      );
    case "missing-timestamp":
      return new TencentApiError(
        "MissingParameter",
        "The request is missing the required header X-TC-Timestamp.",
      );
    case "stale-timestamp":
      return new TencentApiError(
        "AuthFailure.SignatureExpire",
        "The request's X-TC-Timestamp is more than 5 minutes from the server time.",
      );
    case "scope-mismatch":
      return new TencentApiError(
        "AuthFailure.InvalidAuthorization",
        "The credential scope must be <UTC date of X-TC-Timestamp>/faceid/tc3_request.",
      );
    case "unknown-secret-id":
      return new TencentApiError(
        "AuthFailure.SecretIdNotFound",
        "The SecretId is not the sandbox's SecretId.",
      );
    case "signature-mismatch":
      return new TencentApiError(
        "AuthFailure.SignatureFailure",
        "The request signature does not match the one computed by the sandbox.",
      );
  }
}
