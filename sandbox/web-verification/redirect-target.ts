/**
 * Where the page sends the person when the flow ends: RedirectURL with the BizToken "spliced to the callback
 * URL in the format of https://www.tencentcloud.com/products/faceid?token={BizToken}" (ApplyWebVerificationBizTokenIntl,
 * tencentcloud.com/document/api/1061/56227). RedirectURL's own query is kept byte for byte (no re-encoding):
 * `token=` is appended to it with `&`, or starts it with `?`; a fragment stays at the end.
 */
export function redirectTarget(redirectUrl: string, bizToken: string): string {
  const hashAt = redirectUrl.indexOf("#");
  const base = hashAt === -1 ? redirectUrl : redirectUrl.slice(0, hashAt);
  const fragment = hashAt === -1 ? "" : redirectUrl.slice(hashAt);
  const separator = !base.includes("?") ? "?" : base.endsWith("?") || base.endsWith("&") ? "" : "&";
  return `${base}${separator}token=${encodeURIComponent(bizToken)}${fragment}`;
}
