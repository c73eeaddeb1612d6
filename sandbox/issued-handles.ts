/**
 * The hosted web verification's BizToken, answered with a fresh one in Tencent's shape so the gateway's
 * tenancy can be exercised end to end where the hosted flow itself (./web-verification/) does not answer it.
 * The other calls that hand out handles have their own modules (./app-sdk-flows.ts, ./nfc-reads.ts,
 * ./upload-urls.ts).
 */

export function issueHandle(action: string, origin: string): Record<string, unknown> | undefined {
  if (action !== "ApplyWebVerificationBizTokenIntl") return undefined;
  const id = crypto.randomUUID();
  const url = `${origin}/sandbox/web-verification?token=${id}`;
  return { BizToken: id, VerificationURL: url, VerificationUrl: url };
}
