/**
 * Where the sandbox serves the hosted flow. The VerificationURL carries the BizToken in its query as Tencent's
 * does (`https://intl.faceid.qq.com/reflect/?token=<BizToken>`, the SDK's example), so the local stack's log
 * redaction, which drops every query string, keeps it out of `npm start`'s output.
 */
export const WEB_VERIFICATION_PATH = "/sandbox/web-verification";

/** The page's own endpoints, under WEB_VERIFICATION_PATH, each taking `?token=<BizToken>`. */
export const FLOW_ENDPOINTS = {
  script: "/page.js",
  status: "/status",
  start: "/start",
  document: "/document",
  liveness: "/liveness",
  finish: "/finish",
} as const;

export function verificationUrl(origin: string, bizToken: string): string {
  return `${origin}${WEB_VERIFICATION_PATH}?token=${bizToken}`;
}
