// CompareFaceLiveness bodies checked where they lie (worker/compare/in-place.ts) decide exactly as the parsed
// reader (JSON.parse + worker/compare/parsed.ts) would, or leave the decision to it: never otherwise.
import { describe, expect, it } from "vitest";
import { checkBase64, decodeBase64Prefix, encodeBase64 } from "../../shared/base64";
import { firstOutsideAlphabet, SCAN_WINDOW_BYTES } from "../../worker/compare/base64-scanner";
import { base64StringAt } from "../../worker/compare/base64-span";
import { checkTencentParameters } from "../../worker/compare/parsed";
import { tencentBodyProvedInPlace } from "../../worker/compare/request";
import { GatewayError } from "../../worker/errors/failure";
import { fixtureBase64, fixtureBytes } from "../support/fixtures";
import {
  createPartner,
  partnerRequest,
  restPartner,
  restRequest,
  tencentJson,
  testGateway,
} from "../support/gateway";

const encoder = new TextEncoder();

/** Deterministic bytes, so a failure names the same case every run. */
function bytesOf(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}

/** The text as the value of a JSON string followed by more JSON, as base64StringAt meets it. */
function inString(text: string): Uint8Array {
  return encoder.encode(`"${text}","LivenessType":"SILENT"}`);
}

describe("the base64 alphabet scanner", () => {
  const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const inAlphabet = (byte: number) => ALPHABET.includes(String.fromCharCode(byte));
  // Lengths around the decoder's 4-character quanta and 16- and 64-byte steps, up to a whole window.
  const lengths = [1, 2, 3, 4, 5, 15, 16, 17, 63, 64, 65, 127, 200, SCAN_WINDOW_BYTES];

  it("finds every byte value outside the alphabet, and only those, wherever it lies", () => {
    const misses: string[] = [];
    for (const length of lengths) {
      const window = new Uint8Array(length).fill(0x41);
      for (const at of new Set([0, length >> 1, Math.max(0, length - 17), length - 1])) {
        for (let byte = 0; byte < 256; byte++) {
          window[at] = byte;
          const expected = inAlphabet(byte) ? length : at;
          const found = firstOutsideAlphabet(window);
          if (found !== expected) misses.push(`byte ${byte} at ${at} of ${length}: ${found}`);
        }
        window[at] = 0x41;
      }
    }
    expect(misses).toEqual([]);
  });

  it("answers the first of several, and ignores what an earlier, longer window left past this one", () => {
    const long = new Uint8Array(300).fill(0x22);
    expect(firstOutsideAlphabet(long)).toBe(0);
    const short = encoder.encode("QUJD+/09");
    expect(firstOutsideAlphabet(short)).toBe(short.length);
    expect(firstOutsideAlphabet(encoder.encode(`${"A".repeat(70)}=="x"`))).toBe(70);
  });

  it("answers the first byte outside wherever it lies around padding and a closing quote", () => {
    // Where a string ends (`=`, then the quote), with one more byte outside before, between or after them.
    const misses: string[] = [];
    for (const quote of [0, 1, 2, 3, 4, 5, 8, 13, 20, 31]) {
      for (let padding = 0; padding <= Math.min(quote, 3); padding++) {
        for (const other of [-1, 0, 1, 2, 3, 4, 7, 12, 19, 25, 32]) {
          for (const byte of [0x20, 0x0a, 0x2a, 0x3d, 0x5c, 0xe9]) {
            const window = new Uint8Array(40).fill(0x51);
            window.fill(0x3d, quote - padding, quote);
            window[quote] = 0x22;
            window.set(encoder.encode(',"x":"'), quote + 1);
            if (other >= 0) window[other] = byte;
            const expected = window.findIndex((value) => !inAlphabet(value));
            const found = firstOutsideAlphabet(window);
            if (found !== expected)
              misses.push(`quote ${quote}, ${padding} =, byte ${byte} at ${other}: ${found}`);
          }
        }
      }
    }
    expect(misses).toEqual([]);
  });

  it("takes no window larger than its memory", () => {
    expect(() => firstOutsideAlphabet(new Uint8Array(SCAN_WINDOW_BYTES + 1))).toThrow(RangeError);
  });
});

describe("reading a base64 string in place", () => {
  // Around the decoder's 64 KB windows: a string may end exactly at, just before or just after an edge.
  const lengths = [1, 2, 3, 4, 48, 49151, 49152, 49153, 98303, 98304, 98305, 147456];
  const valid = lengths.map((length) => encodeBase64(bytesOf(length, length)));

  const corruptions: [string, (text: string) => string][] = [
    ["a character outside the alphabet at the start", (text) => `*${text.slice(1)}`],
    [
      "one in the middle",
      (text) => `${text.slice(0, text.length >> 1)}-${text.slice((text.length >> 1) + 1)}`,
    ],
    ["one at the end", (text) => `${text.slice(0, -1)}.`],
    ["one at a window's last character", (text) => replaceAt(text, 65535, "!")],
    ["padding in the middle", (text) => replaceAt(text, text.length >> 1, "=")],
    ["padding at a window's end", (text) => replaceAt(replaceAt(text, 65534, "="), 65535, "=")],
    ["a space", (text) => replaceAt(text, text.length >> 2, " ")],
    ["a line break", (text) => replaceAt(text, text.length >> 2, "\n")],
    ["a tab", (text) => replaceAt(text, 65536, "\t")],
    ["a backslash", (text) => replaceAt(text, 3, "\\")],
    ["a non-ASCII letter", (text) => replaceAt(text, text.length >> 1, "é")],
    ["a missing character", (text) => text.slice(1)],
    ["a character too many", (text) => `A${text}`],
    ["three padding characters", (text) => `${text.slice(0, -3)}===`],
    ["a data: prefix", (text) => `data:image/jpeg;base64,${text}`],
  ];

  it("accepts what checkBase64 accepts, finds its end and decodes its first bytes", () => {
    for (const text of valid) {
      const found = base64StringAt(inString(text), 1, 1 << 30, 16);
      expect(checkBase64(text)).toBeUndefined();
      expect(found?.end, `${text.length} characters`).toBe(1 + text.length);
      expect(found?.head).toEqual(decodeBase64Prefix(text, 16));
    }
  });

  it("refuses what checkBase64 refuses", () => {
    for (const text of valid) {
      for (const [what, corrupt] of corruptions) {
        const bad = corrupt(text);
        if (bad === text || bad.includes('"')) continue;
        const accepted = base64StringAt(inString(bad), 1, 1 << 30, 16) !== undefined;
        expect(accepted, `${what}, ${text.length} characters`).toBe(checkBase64(bad) === undefined);
      }
    }
  });

  it("refuses a string longer than the limit, and one that never ends", () => {
    const text = valid[4] as string;
    expect(base64StringAt(inString(text), 1, text.length, 16)).toBeDefined();
    expect(base64StringAt(inString(text), 1, text.length - 4, 16)).toBeUndefined();
    expect(base64StringAt(encoder.encode(`"${text}`), 1, 1 << 30, 16)).toBeUndefined();
    expect(base64StringAt(encoder.encode('""'), 1, 1 << 30, 16)).toBeUndefined();
  });
});

describe("CompareFaceLiveness parameters in place", () => {
  const image = fixtureBase64("face.jpg");
  const video = fixtureBase64("video-3s.mp4");
  const canonical = { ImageBase64: image, VideoBase64: video, LivenessType: "SILENT" };

  /** The reference path's answer. */
  function referenceAccepts(body: Uint8Array): boolean {
    let parameters: Record<string, unknown>;
    try {
      parameters = JSON.parse(new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(body));
      if (typeof parameters !== "object" || parameters === null || Array.isArray(parameters)) return false;
      checkTencentParameters(parameters);
      return true;
    } catch (error) {
      if (error instanceof SyntaxError || error instanceof TypeError || error instanceof GatewayError)
        return false;
      throw error;
    }
  }

  const accepted: [string, string][] = [
    ["the SDKs' compact JSON", JSON.stringify(canonical)],
    [
      "ACTION with two actions",
      JSON.stringify({ ...canonical, LivenessType: "ACTION", ValidateData: "4,2" }),
    ],
    ["SILENT with an empty ValidateData", JSON.stringify({ ...canonical, ValidateData: "" })],
    ["pretty-printed JSON", JSON.stringify(canonical, null, 2)],
    [
      "another order of the members",
      JSON.stringify({ LivenessType: "SILENT", VideoBase64: video, ImageBase64: image }),
    ],
    ["a PNG photo", JSON.stringify({ ...canonical, ImageBase64: fixtureBase64("face.png") })],
    ["an AVI video", JSON.stringify({ ...canonical, VideoBase64: fixtureBase64("video-3s.avi") })],
  ];

  it.each(accepted)("proves %s valid", (_, body) => {
    expect(tencentBodyProvedInPlace(encoder.encode(body))).toBe(true);
    expect(referenceAccepts(encoder.encode(body))).toBe(true);
  });

  const others: [string, Uint8Array][] = [
    [
      "JSON escapes, as PHP's json_encode writes a slash",
      encoder.encode(JSON.stringify(canonical).replaceAll("/", "\\/")),
    ],
    ["a byte order mark", new Uint8Array([0xef, 0xbb, 0xbf, ...encoder.encode(JSON.stringify(canonical))])],
    ["a member twice", encoder.encode(`${JSON.stringify(canonical).slice(0, -1)},"LivenessType":"ACTION"}`)],
    ["an unknown member", encoder.encode(JSON.stringify({ ...canonical, Extra: "x" }))],
    ["__proto__", encoder.encode(`${JSON.stringify(canonical).slice(0, -1)},"__proto__":"x"}`)],
    ["a number where a string belongs", encoder.encode(JSON.stringify({ ...canonical, LivenessType: 1 }))],
    ["null ValidateData", encoder.encode(JSON.stringify({ ...canonical, ValidateData: null }))],
    ["ACTION without actions", encoder.encode(JSON.stringify({ ...canonical, LivenessType: "ACTION" }))],
    ["SILENT with actions", encoder.encode(JSON.stringify({ ...canonical, ValidateData: "2" }))],
    ["an unknown liveness type", encoder.encode(JSON.stringify({ ...canonical, LivenessType: "silent" }))],
    [
      "a WebM video",
      encoder.encode(JSON.stringify({ ...canonical, VideoBase64: fixtureBase64("video-3s.webm") })),
    ],
    ["a GIF photo", encoder.encode(JSON.stringify({ ...canonical, ImageBase64: fixtureBase64("face.gif") }))],
    ["the photo as the video", encoder.encode(JSON.stringify({ ...canonical, VideoBase64: image }))],
    ["a missing video", encoder.encode(JSON.stringify({ ImageBase64: image, LivenessType: "SILENT" }))],
    ["an empty photo", encoder.encode(JSON.stringify({ ...canonical, ImageBase64: "" }))],
    [
      "base64 with a line break",
      encoder.encode(
        JSON.stringify({ ...canonical, ImageBase64: `${image.slice(0, 76)}\n${image.slice(76)}` }),
      ),
    ],
    [
      "a video over 8 MB of base64",
      encoder.encode(JSON.stringify({ ...canonical, VideoBase64: video + "A".repeat(8 * 1024 * 1024) })),
    ],
    ["text after the object", encoder.encode(`${JSON.stringify(canonical)} x`)],
    ["an array", encoder.encode(`[${JSON.stringify(canonical)}]`)],
    ["a cut-off body", encoder.encode(JSON.stringify(canonical).slice(0, -20))],
    [
      "a raw control character",
      encoder.encode(JSON.stringify({ ...canonical, ValidateData: "" }).replace('""', '"\u0001"')),
    ],
    [
      "bytes that are not UTF-8",
      new Uint8Array([...encoder.encode('{"LivenessType":"SIL'), 0xff, ...encoder.encode('ENT"}')]),
    ],
  ];

  it.each(others)("with %s, proves valid only what the reference path accepts", (_, body) => {
    const inPlace = tencentBodyProvedInPlace(body);
    if (inPlace) expect(referenceAccepts(body)).toBe(true);
    expect(inPlace).toBe(false);
  });

  it("leaves a body with JSON escapes to the reference path, which accepts it and forwards the same bytes", async () => {
    const partner = await createPartner();
    const gateway = testGateway();
    const body = JSON.stringify(canonical).replaceAll("/", "\\/");
    const response = await gateway.fetch(
      await partnerRequest({ ...partner, action: "CompareFaceLiveness", body }),
    );
    expect((await tencentJson(response)).Response.Result).toBe("Success");
    expect(await gateway.upstreamCalls[0]?.text()).toBe(body);
  });

  it("proves a real upload at the size limit valid, one pass over its bytes", () => {
    const big = new Uint8Array(6 * 1024 * 1024);
    big.set(fixtureBytes("video-3s.mp4"));
    const body = encoder.encode(JSON.stringify({ ...canonical, VideoBase64: encodeBase64(big) }));
    expect(tencentBodyProvedInPlace(body)).toBe(true);
  });
});

describe("the REST dialect's JSON upload in place", () => {
  const upload = {
    videoBase64: fixtureBase64("video-3s.mp4"),
    imageBase64: fixtureBase64("face.jpg"),
    livenessType: "SILENT",
  };

  async function compareJson(body: string, session: Record<string, unknown> = {}) {
    const gateway = testGateway();
    const token = await (await restPartner(gateway)).session(session);
    const response = await gateway.fetch(
      restRequest("/v1/liveness/compare", token, {
        method: "POST",
        body,
        headers: { "Content-Type": "application/json" },
      }),
    );
    return { response, upstream: await gateway.upstreamCalls[0]?.text() };
  }

  it("sends Tencent the body JSON.stringify would write, byte for byte", async () => {
    const { response, upstream } = await compareJson(JSON.stringify(upload));
    expect(((await response.json()) as { passed: boolean }).passed).toBe(true);
    expect(upstream).toBe(
      JSON.stringify({
        ImageBase64: upload.imageBase64,
        VideoBase64: upload.videoBase64,
        LivenessType: "SILENT",
      }),
    );
  });

  it("takes the session's actions, as the reference path does", async () => {
    const { response, upstream } = await compareJson(JSON.stringify({ ...upload, livenessType: "ACTION" }), {
      livenessType: "ACTION",
      actions: ["shake_head", "blink"],
    });
    expect(((await response.json()) as { passed: boolean }).passed).toBe(true);
    expect(upstream).toBe(
      JSON.stringify({
        ImageBase64: upload.imageBase64,
        VideoBase64: upload.videoBase64,
        LivenessType: "ACTION",
        ValidateData: "4,2",
      }),
    );
  });

  it.each([
    ["an escaped slash", JSON.stringify(upload).replaceAll("/", "\\/"), 200],
    ["actions in the body", JSON.stringify({ ...upload, livenessType: "ACTION", actions: ["blink"] }), 200],
    ["an unknown field", JSON.stringify({ ...upload, extra: "x" }), 400],
    ["a WebM video", JSON.stringify({ ...upload, videoBase64: fixtureBase64("video-3s.webm") }), 422],
    ["a type the session does not allow", JSON.stringify({ ...upload, livenessType: "ACTION" }), 400],
  ])("leaves a body with %s to the reference path", async (_, body, status) => {
    const { response, upstream } = await compareJson(body);
    expect(response.status).toBe(status);
    if (status === 200) expect(JSON.parse(upstream ?? "").VideoBase64).toBe(upload.videoBase64);
    else expect(upstream).toBeUndefined();
  });
});

function replaceAt(text: string, index: number, character: string): string {
  if (index >= text.length) return text;
  return text.slice(0, index) + character + text.slice(index + 1);
}
