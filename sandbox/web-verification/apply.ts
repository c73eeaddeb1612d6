/**
 * ApplyWebVerificationBizTokenIntl in the sandbox: checks the request (./apply-request.ts), stores the flow
 * (./flow-store.ts) and answers `{BizToken, VerificationURL, VerificationUrl}` (the intl SDK's response model
 * has both spellings of the URL), where the URL is the sandbox's own page for the flow (./routes.ts).
 */
import { readApplyRequest } from "./apply-request";
import type { WebVerificationStore } from "./flow-store";
import { verificationUrl } from "./paths";

export interface ApplyAnswer {
  BizToken: string;
  VerificationURL: string;
  VerificationUrl: string;
}

/** `origin` is the sandbox's own origin, as the caller reached it. */
export async function applyWebVerificationBizToken(
  params: Record<string, unknown>,
  store: WebVerificationStore,
  origin: string,
): Promise<ApplyAnswer> {
  const request = readApplyRequest(params);
  const token = await store.create(
    {
      issuedAt: store.now(),
      redirectUrl: request.redirectUrl,
      extra: request.extra ?? null,
      config: request.config,
      hasCompareImage: request.compareImage !== undefined,
      marker: request.marker ?? null,
      openedAt: null,
      startedAt: null,
      document: null,
      attempts: [],
      completion: null,
    },
    request.compareImage,
  );
  const url = verificationUrl(origin, token);
  return { BizToken: token, VerificationURL: url, VerificationUrl: url };
}
