/**
 * Finds the members of a JSON object whose values are all strings, as byte spans of the body, without decoding
 * the body: a 10 MB CompareFaceLiveness body is two long base64 strings and a few short ones.
 *
 * It only recognises the plain shape (RFC 8259 §4, §7) an SDK sends: `{ "name": "value", ... }` with ASCII
 * whitespace, no escapes, no name twice. For anything else it answers undefined, and the caller falls back to
 * `JSON.parse`, which then decides. Short values come back decoded and checked. A long value is read by the
 * reader the caller gives for its name, which checks its bytes and finds its end in the same pass; a long
 * value with no reader makes the answer undefined.
 */

export interface StringMember {
  /** Byte offsets of the value between its quotes. */
  start: number;
  end: number;
  /** The value, when it is short (at most SHORT_VALUE_BYTES) and read here. */
  text?: string;
}

/**
 * Reads a long value whose first byte is at `start`: answers the index of its closing quote, or -1 when the
 * bytes are not what the reader accepts (the value must not hold a backslash: the quote it finds must be the
 * real end of the string).
 */
export type LongValueReader = (body: Uint8Array, start: number) => number;

/** Values up to this many bytes are read here when their name has no reader. */
export const SHORT_VALUE_BYTES = 4096;
const MAX_NAME_BYTES = 256;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

export function stringMembers(
  body: Uint8Array,
  longValues: ReadonlyMap<string, LongValueReader>,
): Map<string, StringMember> | undefined {
  const members = new Map<string, StringMember>();
  let at = skipWhitespace(body, 0);
  if (body[at] !== OPEN_BRACE) return undefined;
  at = skipWhitespace(body, at + 1);
  if (body[at] === CLOSE_BRACE) return skipWhitespace(body, at + 1) === body.length ? members : undefined;
  for (;;) {
    const name = shortString(body, at, MAX_NAME_BYTES);
    if (!name || members.has(name.text)) return undefined;
    at = skipWhitespace(body, name.end + 1);
    if (body[at] !== COLON) return undefined;
    at = skipWhitespace(body, at + 1);
    const reader = longValues.get(name.text);
    let value: StringMember | undefined;
    if (reader) {
      if (body[at] !== QUOTE) return undefined;
      const end = reader(body, at + 1);
      if (end < 0) return undefined;
      value = { start: at + 1, end };
    } else {
      value = shortString(body, at, SHORT_VALUE_BYTES);
      if (!value) return undefined;
    }
    members.set(name.text, value);
    at = skipWhitespace(body, value.end + 1);
    if (body[at] === COMMA) {
      at = skipWhitespace(body, at + 1);
      continue;
    }
    if (body[at] !== CLOSE_BRACE) return undefined;
    return skipWhitespace(body, at + 1) === body.length ? members : undefined;
  }
}

/**
 * The string whose opening quote is at `at`, when it ends within `maxBytes` and is UTF-8 without control
 * characters (which JSON strings may not hold raw) and without escapes.
 */
function shortString(
  body: Uint8Array,
  at: number,
  maxBytes: number,
): (StringMember & { text: string }) | undefined {
  if (body[at] !== QUOTE) return undefined;
  const start = at + 1;
  const length = body.subarray(start, start + maxBytes + 1).indexOf(QUOTE);
  if (length < 0) return undefined;
  let text: string;
  try {
    text = utf8.decode(body.subarray(start, start + length));
  } catch {
    return undefined;
  }
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === BACKSLASH) return undefined;
  }
  return { start, end: start + length, text };
}

function skipWhitespace(body: Uint8Array, at: number): number {
  let i = at;
  for (;;) {
    const byte = body[i];
    if (byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09) return i;
    i++;
  }
}
