/**
 * Media FaceID reads from a URL (a COS object, usually one CreateUploadUrl made) and the MD5 that vouches for
 * it. The sandbox never downloads anything: a well-formed http(s) URL stands for a file that downloaded
 * fine, and answers derive from the URL's text, so the same URL always gets the same answer. What it can check
 * it does: the URL's form and the MD5's form (32 hexadecimal digits, "MD5 hash value (32-bit)").
 */
import { TencentApiError } from "./tencent-response";

export function checkResourceUrl(name: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TencentApiError("InvalidParameterValue", `${name} is not a URL.`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new TencentApiError("InvalidParameterValue", `${name} must be an http(s) URL.`);
  }
  return value;
}

export function checkMd5(name: string, value: string): string {
  if (!/^[0-9a-fA-F]{32}$/.test(value)) {
    throw new TencentApiError(
      "InvalidParameterValue",
      `${name} must be an MD5 digest: 32 hexadecimal digits.`,
    );
  }
  return value.toLowerCase();
}

/** Text as bytes, for the similarity score of media known only by their URLs. */
export function textBytes(...parts: string[]): Uint8Array {
  return new TextEncoder().encode(parts.join("\n"));
}
