/**
 * The pages a partner's hosted verifications may send the person back to (ApplyWebVerificationBizTokenIntl's
 * RedirectURL, POST /v1/web-verifications' redirectUrl). Tencent appends the BizToken to it and sends the
 * browser there, so an unchecked RedirectURL would hand another site the person's BizToken: the gateway
 * accepts only a URL the operator registered for the partner (`--redirect-url`), as OAuth does with redirect
 * URIs. A registered URL is an https origin and path; a request's RedirectURL matches it when its origin and
 * path are the same, whatever its query (the partner's own case reference). Loopback is allowed only while
 * REDIRECT_ALLOW_LOOPBACK is on (npm start).
 */
import { isLoopbackHost } from "../http/loopback";

export class RedirectUrlError extends Error {
  override name = "RedirectUrlError";
}

const MAX_LENGTH = 2048;

/** A URL as the operator registers it: `https://kyc.example.com/return`; throws with what is wrong. */
export function normaliseRedirectUrl(value: string, allowLoopback: boolean): string {
  const url = parse(value, allowLoopback);
  if (url.search || value.includes("?"))
    throw new RedirectUrlError("has a query: register its origin and path only.");
  return url.origin + url.pathname;
}

/**
 * Why `requested` may not be used as a RedirectURL for a partner registering `registered`; undefined when it
 * may.
 */
export function redirectUrlProblem(
  requested: string,
  registered: readonly string[],
  allowLoopback: boolean,
): string | undefined {
  let url: URL;
  try {
    url = parse(requested, allowLoopback);
  } catch (error) {
    return (error as RedirectUrlError).message;
  }
  if (!registered.includes(url.origin + url.pathname)) {
    return "is not one of the partner's registered redirect URLs.";
  }
  return undefined;
}

function parse(value: string, allowLoopback: boolean): URL {
  if (value.length > MAX_LENGTH) throw new RedirectUrlError(`must be at most ${MAX_LENGTH} characters.`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new RedirectUrlError("must be an absolute https URL.");
  }
  const loopback = isLoopbackHost(url.hostname);
  if (loopback && !allowLoopback) throw new RedirectUrlError("must not point at this machine (loopback).");
  if (url.protocol !== "https:" && !(loopback && url.protocol === "http:")) {
    throw new RedirectUrlError("must be an https URL.");
  }
  if (url.username || url.password) throw new RedirectUrlError("must not carry credentials.");
  if (url.hash) throw new RedirectUrlError("must not have a fragment.");
  return url;
}
