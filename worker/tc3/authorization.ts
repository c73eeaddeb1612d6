/**
 * Reads a TC3 Authorization header:
 * `TC3-HMAC-SHA256 Credential=<SecretId>/<date>/<service>/tc3_request, SignedHeaders=<a;b>, Signature=<hex>`.
 */
import { TC3_ALGORITHM } from "./steps";

export interface ParsedAuthorization {
  secretId: string;
  date: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

export type AuthorizationParse =
  | { ok: true; value: ParsedAuthorization }
  | { ok: false; reason: "unsupported-algorithm" | "malformed" };

export function parseAuthorization(header: string): AuthorizationParse {
  const space = header.indexOf(" ");
  if (space < 0) return { ok: false, reason: "malformed" };
  if (header.slice(0, space) !== TC3_ALGORITHM) return { ok: false, reason: "unsupported-algorithm" };

  const fields = new Map<string, string>();
  for (const part of header.slice(space + 1).split(",")) {
    const equals = part.indexOf("=");
    if (equals < 0) return { ok: false, reason: "malformed" };
    fields.set(part.slice(0, equals).trim(), part.slice(equals + 1).trim());
  }
  const credential = fields.get("Credential");
  const signedHeaders = fields.get("SignedHeaders");
  const signature = fields.get("Signature");
  if (credential === undefined || signedHeaders === undefined || signature === undefined) {
    return { ok: false, reason: "malformed" };
  }
  const scope = credential.split("/");
  const [secretId, date, service, terminator] = scope;
  if (
    scope.length !== 4 ||
    !secretId ||
    !date ||
    !service ||
    terminator !== "tc3_request" ||
    !/^\d{4}-\d{2}-\d{2}$/.test(date) ||
    !/^[0-9a-f]{64}$/.test(signature) ||
    !/^[a-z0-9-]+(;[a-z0-9-]+)*$/.test(signedHeaders)
  ) {
    return { ok: false, reason: "malformed" };
  }
  return { ok: true, value: { secretId, date, service, signedHeaders: signedHeaders.split(";"), signature } };
}
