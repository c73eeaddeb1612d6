/**
 * A multipart/form-data reader (RFC 7578) that returns each part as a view into the body it was given:
 * no copy of the uploaded video or image, so a large upload is held once in the isolate's 128 MB.
 */

export interface FormPart {
  name: string;
  filename?: string;
  contentType?: string;
  /** A view into the body, not a copy. */
  bytes: Uint8Array;
}

export type MultipartRead = { ok: true; parts: Map<string, FormPart> } | { ok: false; problem: string };

const CRLF_CRLF = [13, 10, 13, 10];
const MAX_PARTS = 16;
const MAX_HEADER_BYTES = 4096;

export function boundaryOf(contentType: string): string | undefined {
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

export function readMultipart(body: Uint8Array, boundary: string): MultipartRead {
  const delimiter = new TextEncoder().encode(`--${boundary}`);
  const parts = new Map<string, FormPart>();
  let position = indexOf(body, delimiter, 0);
  if (position < 0) return { ok: false, problem: "no multipart boundary in the body" };
  for (;;) {
    position += delimiter.length;
    // "--" after a delimiter closes the body.
    if (body[position] === 45 && body[position + 1] === 45) return { ok: true, parts };
    if (body[position] !== 13 || body[position + 1] !== 10)
      return { ok: false, problem: "malformed boundary line" };
    const headersStart = position + 2;
    const headersEnd = indexOf(body, CRLF_CRLF, headersStart);
    if (headersEnd < 0 || headersEnd - headersStart > MAX_HEADER_BYTES) {
      return { ok: false, problem: "malformed part headers" };
    }
    const headers = new TextDecoder().decode(body.subarray(headersStart, headersEnd));
    const contentStart = headersEnd + 4;
    const next = indexOf(body, delimiter, contentStart);
    if (next < 0) return { ok: false, problem: "unterminated part" };
    // The CRLF before the next delimiter belongs to the delimiter.
    const part = readPartHeaders(headers, body.subarray(contentStart, next - 2));
    if (!part) return { ok: false, problem: "a part without a form-data name" };
    if (parts.has(part.name)) return { ok: false, problem: `field ${part.name} appears twice` };
    parts.set(part.name, part);
    if (parts.size > MAX_PARTS) return { ok: false, problem: "too many parts" };
    position = next;
  }
}

/** Text of a part as UTF-8, for the small non-file fields. */
export function partText(part: FormPart | undefined): string | undefined {
  return part && new TextDecoder().decode(part.bytes);
}

function readPartHeaders(headers: string, bytes: Uint8Array): FormPart | undefined {
  let name: string | undefined;
  let filename: string | undefined;
  let contentType: string | undefined;
  for (const line of headers.split("\r\n")) {
    const colon = line.indexOf(":");
    const header = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (header === "content-disposition") {
      name = /;\s*name="([^"]*)"/i.exec(value)?.[1];
      filename = /;\s*filename="([^"]*)"/i.exec(value)?.[1];
    } else if (header === "content-type") {
      contentType = value;
    }
  }
  if (!name) return undefined;
  return {
    name,
    bytes,
    ...(filename !== undefined ? { filename } : {}),
    ...(contentType ? { contentType } : {}),
  };
}

/** First index of `needle` in `haystack` at or after `from`, or -1; scans with the native indexOf. */
function indexOf(haystack: Uint8Array, needle: ArrayLike<number>, from: number): number {
  const first = needle[0] as number;
  for (
    let i = haystack.indexOf(first, from);
    i >= 0 && i + needle.length <= haystack.length;
    i = haystack.indexOf(first, i + 1)
  ) {
    let j = 1;
    while (j < needle.length && haystack[i + j] === needle[j]) j++;
    if (j === needle.length) return i;
  }
  return -1;
}
