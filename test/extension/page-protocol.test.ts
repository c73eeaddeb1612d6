import { describe, expect, it } from "vitest";
import {
  classifyReferenceImage,
  describeCaptureRequestProblem,
  isCaptureRequestLike,
  isExtensionMessage,
  MAX_ID_LENGTH,
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
