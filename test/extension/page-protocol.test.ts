import { describe, expect, it } from "vitest";
import {
  classifyReferenceImage,
  describeCaptureRequestProblem,
  isCaptureRequestLike,
  isExtensionMessage,
  MAX_ID_LENGTH,
  MAX_LOCALE_LENGTH,
  PAGE_MESSAGE_TYPE,
  parseCaptureRequest,
} from "../../shared/page-protocol";

const request = (fields: Record<string, unknown>) => ({
  type: PAGE_MESSAGE_TYPE.captureRequest,
  id: "req-1",
  ...fields,
});
const PNG_DATA_URL =
  "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGBgAAAABQABpfZFQAAAAABJRU5ErkJggg==";

describe("parseCaptureRequest", () => {
  it("accepts a SILENT request with only the required fields", () => {
    expect(parseCaptureRequest(request({ livenessType: "SILENT" }))).toEqual({
      ok: true,
      request: { type: "faceid-edge:capture-request", id: "req-1", livenessType: "SILENT" },
    });
  });

  it("accepts an ACTION request with two actions, a session token and a data-URL reference image", () => {
    const parsed = parseCaptureRequest(
      request({
        livenessType: "ACTION",
        actions: ["shake_head", "blink"],
        sessionToken: "fes_abc.def",
        referenceImage: PNG_DATA_URL,
      }),
    );
    expect(parsed).toEqual({
      ok: true,
      request: {
        type: "faceid-edge:capture-request",
        id: "req-1",
        livenessType: "ACTION",
        actions: ["shake_head", "blink"],
        sessionToken: "fes_abc.def",
        referenceImage: PNG_DATA_URL,
      },
    });
  });

  it("keeps the actions in the order the page gave them", () => {
    const parsed = parseCaptureRequest(request({ livenessType: "ACTION", actions: ["nod", "open_mouth"] }));
    expect(parsed.ok && parsed.request.actions).toEqual(["nod", "open_mouth"]);
  });

  it("drops fields the protocol does not define", () => {
    const parsed = parseCaptureRequest(request({ livenessType: "SILENT", agentKey: "steal-me", extra: 1 }));
    expect(parsed.ok && Object.keys(parsed.request).sort()).toEqual(["id", "livenessType", "type"]);
  });

  it.each([
    [{ livenessType: "SILENT", id: "" }, "bad-id"],
    [{ livenessType: "SILENT", id: 42 }, "bad-id"],
    [{ livenessType: "SILENT", id: "x".repeat(MAX_ID_LENGTH + 1) }, "bad-id"],
  ])("stays silent about a request without a usable id (%j)", (fields, problem) => {
    expect(parseCaptureRequest(request(fields))).toEqual({ ok: false, id: null, problem });
  });

  it.each([
    [{ livenessType: "LOUD" }, "bad-liveness-type"],
    [{ livenessType: "SILENT", sessionToken: "" }, "bad-session-token"],
    [{ livenessType: "SILENT", sessionToken: "has space" }, "bad-session-token"],
    [{ livenessType: "ACTION" }, "missing-actions"],
    [{ livenessType: "ACTION", actions: [] }, "missing-actions"],
    [{ livenessType: "ACTION", actions: ["wink"] }, "bad-actions"],
    [{ livenessType: "ACTION", actions: "blink" }, "bad-actions"],
    [{ livenessType: "ACTION", actions: ["blink", "nod", "open_mouth"] }, "too-many-actions"],
    [{ livenessType: "ACTION", actions: ["blink", "blink"] }, "duplicate-actions"],
    [{ livenessType: "SILENT", actions: ["blink"] }, "actions-not-allowed"],
    [{ livenessType: "SILENT", referenceImage: 12 }, "bad-reference-image"],
    [{ livenessType: "SILENT", referenceImage: "data:text/html;base64,PGgxPg==" }, "bad-reference-image"],
    [{ livenessType: "SILENT", referenceImage: "data:image/png;base64,not base64!" }, "bad-reference-image"],
    [{ livenessType: "SILENT", referenceImage: "" }, "bad-reference-image"],
    [
      {
        livenessType: "SILENT",
        referenceImage: `data:image/jpeg;base64,${"A".repeat(3 * 1024 * 1024 + 64)}`,
      },
      "reference-image-too-large",
    ],
  ])("answers %j with %s", (fields, problem) => {
    expect(parseCaptureRequest(request(fields))).toEqual({ ok: false, id: "req-1", problem });
  });

  it("allows SILENT with an empty action list", () => {
    expect(parseCaptureRequest(request({ livenessType: "SILENT", actions: [] })).ok).toBe(true);
  });

  it("describes every problem in one sentence", () => {
    expect(describeCaptureRequestProblem("too-many-actions")).toBe(
      "ACTION liveness takes at most 2 actions.",
    );
    expect(describeCaptureRequestProblem("bad-actions")).toContain("open_mouth, blink, nod, shake_head");
  });
});

describe("parseCaptureRequest: the overlay's language", () => {
  it.each(["th", "pt-BR", "zh-Hant", "zh_TW", "ar"])(
    "keeps locale %j for the extension to resolve",
    (locale) => {
      expect(parseCaptureRequest(request({ livenessType: "SILENT", locale }))).toEqual({
        ok: true,
        request: { type: "faceid-edge:capture-request", id: "req-1", livenessType: "SILENT", locale },
      });
    },
  );

  it("keeps a tag no shipped language fits: the browser's language is used then, without an error", () => {
    const parsed = parseCaptureRequest(request({ livenessType: "SILENT", locale: "fr-CA" }));
    expect(parsed.ok && parsed.request.locale).toBe("fr-CA");
  });

  it("keeps it on a hand-off too", () => {
    const parsed = parseCaptureRequest(
      request({ mode: "handoff", redirectUrl: "https://kyc.partner.example/r", locale: "vi" }),
    );
    expect(parsed.ok && parsed.request.locale).toBe("vi");
  });

  it("accepts a tag of exactly the longest length", () => {
    const locale = `en-${"a".repeat(MAX_LOCALE_LENGTH - 3)}`;
    expect(parseCaptureRequest(request({ livenessType: "SILENT", locale })).ok).toBe(true);
  });

  it.each([
    ["a number", 7],
    ["an array", ["th"]],
    ["null", null],
    ["empty", ""],
    ["too long", `en-${"a".repeat(MAX_LOCALE_LENGTH - 2)}`],
  ])("answers a locale that is %s with bad-locale (invalid_request)", (_, locale) => {
    expect(parseCaptureRequest(request({ livenessType: "SILENT", locale }))).toEqual({
      ok: false,
      id: "req-1",
      problem: "bad-locale",
    });
  });

  it("names the field and its bound when refusing it", () => {
    expect(describeCaptureRequestProblem("bad-locale")).toBe(
      'locale must be a BCP 47 language tag (e.g. "th", "pt-BR") of at most 35 characters.',
    );
  });
});

describe("parseCaptureRequest: the hand-off to the phone", () => {
  const RETURN = "https://kyc.partner.example/return?case=4711";

  it("accepts a hand-off with only its redirect URL: no liveness, Tencent's page asks its default", () => {
    expect(parseCaptureRequest(request({ mode: "handoff", redirectUrl: RETURN }))).toEqual({
      ok: true,
      request: { type: "faceid-edge:capture-request", id: "req-1", mode: "handoff", redirectUrl: RETURN },
    });
  });

  it("accepts a hand-off with every option, a session token and ACTION liveness", () => {
    const parsed = parseCaptureRequest(
      request({
        mode: "handoff",
        redirectUrl: "http://127.0.0.1:5173/return",
        checkMode: 1,
        idCardType: "HKIDCard",
        language: "zh-cn",
        livenessType: "ACTION",
        actions: ["blink"],
        sessionToken: "fes1.abc",
      }),
    );
    expect(parsed).toEqual({
      ok: true,
      request: {
        type: "faceid-edge:capture-request",
        id: "req-1",
        mode: "handoff",
        redirectUrl: "http://127.0.0.1:5173/return",
        checkMode: 1,
        idCardType: "HKIDCard",
        language: "zh-cn",
        livenessType: "ACTION",
        actions: ["blink"],
        sessionToken: "fes1.abc",
      },
    });
  });

  it('treats mode "webcam" as today\'s capture, and keeps it', () => {
    expect(parseCaptureRequest(request({ mode: "webcam", livenessType: "SILENT" }))).toEqual({
      ok: true,
      request: { type: "faceid-edge:capture-request", id: "req-1", mode: "webcam", livenessType: "SILENT" },
    });
  });

  it("lets a webcam request carry the hand-off's options, for the agent's Continue on phone", () => {
    const parsed = parseCaptureRequest(
      request({ livenessType: "SILENT", redirectUrl: RETURN, checkMode: 3, language: "en" }),
    );
    expect(parsed).toEqual({
      ok: true,
      request: {
        type: "faceid-edge:capture-request",
        id: "req-1",
        livenessType: "SILENT",
        redirectUrl: RETURN,
        checkMode: 3,
        language: "en",
      },
    });
  });

  it("accepts an IPv6 loopback and a query, and every documented check mode", () => {
    for (const checkMode of [1, 2, 3, 4]) {
      expect(
        parseCaptureRequest(request({ mode: "handoff", redirectUrl: "http://[::1]:8080/r?x=1", checkMode }))
          .ok,
      ).toBe(true);
    }
  });

  it.each([
    [{ mode: "phone", livenessType: "SILENT" }, "bad-mode"],
    [{ mode: 1, livenessType: "SILENT" }, "bad-mode"],
    [{ mode: "handoff" }, "missing-redirect-url"],
    [{ mode: "handoff", redirectUrl: 42 }, "bad-redirect-url"],
    [{ mode: "handoff", redirectUrl: "" }, "bad-redirect-url"],
    [{ mode: "handoff", redirectUrl: "/return" }, "bad-redirect-url"],
    [{ mode: "handoff", redirectUrl: "javascript:alert(1)" }, "bad-redirect-url"],
    [{ mode: "handoff", redirectUrl: "ftp://kyc.partner.example/return" }, "bad-redirect-url"],
    [{ mode: "handoff", redirectUrl: "https://user:pw@kyc.partner.example/return" }, "bad-redirect-url"],
    [{ mode: "handoff", redirectUrl: "https://kyc.partner.example/return#done" }, "bad-redirect-url"],
    [{ mode: "handoff", redirectUrl: "https://kyc.partner.example/a b" }, "bad-redirect-url"],
    [{ mode: "handoff", redirectUrl: `https://kyc.partner.example/${"a".repeat(2048)}` }, "bad-redirect-url"],
    [{ mode: "handoff", redirectUrl: RETURN, checkMode: 5 }, "bad-check-mode"],
    [{ mode: "handoff", redirectUrl: RETURN, checkMode: "2" }, "bad-check-mode"],
    [{ mode: "handoff", redirectUrl: RETURN, checkMode: 1.5 }, "bad-check-mode"],
    [{ mode: "handoff", redirectUrl: RETURN, idCardType: "Passport" }, "bad-id-card-type"],
    [{ mode: "handoff", redirectUrl: RETURN, language: "fr" }, "bad-language"],
    [{ mode: "handoff", redirectUrl: RETURN, language: "EN" }, "bad-language"],
    [{ mode: "handoff", redirectUrl: RETURN, referenceImage: "#id-photo" }, "reference-image-not-allowed"],
    [{ mode: "handoff", redirectUrl: RETURN, livenessType: "LOUD" }, "bad-liveness-type"],
    [{ mode: "handoff", redirectUrl: RETURN, livenessType: "ACTION" }, "missing-actions"],
    [
      { mode: "handoff", redirectUrl: RETURN, livenessType: "SILENT", actions: ["nod"] },
      "actions-not-allowed",
    ],
    [{ livenessType: "SILENT", checkMode: 2 }, "hosted-options-without-redirect-url"],
    [{ livenessType: "SILENT", language: "en" }, "hosted-options-without-redirect-url"],
    [{ livenessType: "SILENT", redirectUrl: "kyc.partner.example/return" }, "bad-redirect-url"],
  ])("answers %j with %s", (fields, problem) => {
    expect(parseCaptureRequest(request(fields))).toEqual({ ok: false, id: "req-1", problem });
  });

  it("still needs livenessType for a webcam capture", () => {
    expect(parseCaptureRequest(request({ redirectUrl: RETURN }))).toEqual({
      ok: false,
      id: "req-1",
      problem: "bad-liveness-type",
    });
  });

  it("describes each hand-off problem in one sentence naming the field", () => {
    expect(describeCaptureRequestProblem("bad-mode")).toBe('mode must be "webcam" or "handoff".');
    expect(describeCaptureRequestProblem("missing-redirect-url")).toBe(
      'mode "handoff" needs redirectUrl, the page Tencent sends the phone back to.',
    );
    expect(describeCaptureRequestProblem("bad-redirect-url")).toBe(
      "redirectUrl must be an absolute http(s) URL of at most 2048 characters, without credentials or fragment.",
    );
    expect(describeCaptureRequestProblem("bad-check-mode")).toBe("checkMode must be one of 1, 2, 3, 4.");
    expect(describeCaptureRequestProblem("bad-id-card-type")).toContain("HKIDCard, MLIDCard");
    expect(describeCaptureRequestProblem("bad-language")).toBe(
      "language must be one of th, en, zh-cn, zh-tc, id.",
    );
    expect(describeCaptureRequestProblem("hosted-options-without-redirect-url")).toBe(
      "checkMode, idCardType and language are only allowed with redirectUrl.",
    );
    expect(describeCaptureRequestProblem("reference-image-not-allowed")).toBe(
      'referenceImage is not allowed with mode "handoff": Tencent\'s page takes the photos on the phone.',
    );
  });
});

describe("classifyReferenceImage", () => {
  it("recognises an image data URL", () => {
    expect(classifyReferenceImage(PNG_DATA_URL)).toEqual({ kind: "data-url", dataUrl: PNG_DATA_URL });
  });

  it("treats anything else as a CSS selector, trimmed", () => {
    expect(classifyReferenceImage("  #id-photo img ")).toEqual({
      kind: "selector",
      selector: "#id-photo img",
    });
  });

  it("refuses selectors with control characters", () => {
    expect(classifyReferenceImage("#a\u0000b")).toBeNull();
  });
});

describe("message recognition", () => {
  it("tells capture requests apart from every other message on the window", () => {
    expect(isCaptureRequestLike({ type: "faceid-edge:capture-request" })).toBe(true);
    expect(isCaptureRequestLike({ type: "faceid-edge:ready", version: "1" })).toBe(false);
    expect(isCaptureRequestLike("faceid-edge:capture-request")).toBe(false);
    expect(isCaptureRequestLike(null)).toBe(false);
  });

  it("lets a page recognise the extension's own messages", () => {
    expect(isExtensionMessage({ type: "faceid-edge:ready", version: "0.1.0" })).toBe(true);
    expect(
      isExtensionMessage({ type: "faceid-edge:capture-error", id: "1", code: "cancelled", message: "" }),
    ).toBe(true);
    expect(isExtensionMessage({ type: "faceid-edge:capture-request", id: "1" })).toBe(false);
  });
});
