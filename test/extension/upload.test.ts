import { describe, expect, it, vi } from "vitest";
import {
  buildCompareRequest,
  type CompareRequest,
  type CompareUpload,
  interpretCompareOutcome,
  RETRY_DELAY_MS,
  type TransportOutcome,
  UPLOAD_TIMEOUT_MS,
  type UploadTransport,
  uploadForVerdict,
} from "../../extension/content/upload";
import { ExtensionError } from "../../extension/messaging/errors";
import { encodeBase64 } from "../../shared/base64";
import type { CompareResult } from "../../shared/rest/api";
import { mediaFixture } from "./support";

const VIDEO = mediaFixture("video-3s.mp4");
const PHOTO = mediaFixture("face.jpg");

const UPLOAD: CompareUpload = {
  workerUrl: "https://gateway.example",
  sessionToken: "fes_token",
  livenessType: "ACTION",
  actions: ["shake_head", "blink"],
  video: VIDEO,
  image: PHOTO,
  imageType: "jpeg",
};

const VERDICT: CompareResult = {
  passed: true,
  result: "Success",
  description: "Passed.",
  similarity: 88.2,
  bestFrameBase64: null,
  tencentRequestId: "tc-1",
  requestId: "req-1",
  verdictToken: "eyJhbGciOiJFZERTQSJ9.eyJwYXNzZWQiOnRydWV9.c2lnbmF0dXJl",
};

const ok = (body: unknown = VERDICT): TransportOutcome => ({
  kind: "response",
  status: 200,
  body: JSON.stringify(body),
  requestId: "req-1",
});

/** A transport that answers each attempt with the next scripted outcome, and records what it was asked. */
function scripted(...outcomes: TransportOutcome[]) {
  const requests: CompareRequest[] = [];
  const transport: UploadTransport = {
    async send(request, onProgress) {
      requests.push(request);
      onProgress(50, 100);
      onProgress(100, 100);
      const next = outcomes.shift();
      if (!next) throw new Error("no more scripted outcomes");
      return next;
    },
  };
  return { transport, requests };
}

function hooks(signal = new AbortController().signal) {
  return {
    signal,
    onProgress: vi.fn(),
    onRetry: vi.fn(),
    sleep: vi.fn(async () => undefined),
  };
}

/** The form's text fields, by name. */
function textFields(form: FormData): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [name, value] of form) if (typeof value === "string") fields[name] = value;
  return fields;
}

/** The request as it goes on the wire: its Content-Type and the multipart body, read back by a real parser. */
async function onTheWire(request: CompareRequest) {
  const wire = new Request(request.url, { method: "POST", headers: request.headers, body: request.body });
  const contentType = wire.headers.get("content-type") ?? "";
  const body = new Uint8Array(await wire.clone().arrayBuffer());
  return { contentType, body, form: await wire.formData() };
}

async function bytesOf(part: FormDataEntryValue | null): Promise<Uint8Array> {
  if (!(part instanceof Blob)) throw new Error("not a binary part");
  return new Uint8Array(await part.arrayBuffer());
}

describe("uploadForVerdict", () => {
  it("returns the verdict and reports upload progress", async () => {
    const { transport } = scripted(ok());
    const h = hooks();
    expect(await uploadForVerdict(UPLOAD, transport, h)).toEqual(VERDICT);
    expect(h.onProgress).toHaveBeenLastCalledWith(100, 100);
    expect(h.onRetry).not.toHaveBeenCalled();
  });

  it("retries once, after a pause, when the network failed before the Worker answered", async () => {
    const { transport, requests } = scripted({ kind: "network-error" }, ok());
    const h = hooks();
    expect(await uploadForVerdict(UPLOAD, transport, h)).toEqual(VERDICT);
    expect(requests).toHaveLength(2);
    expect(h.onRetry).toHaveBeenCalledTimes(1);
    expect(h.sleep).toHaveBeenCalledWith(RETRY_DELAY_MS, h.signal);
  });

  it("retries only once: a second network failure is the answer", async () => {
    const { transport, requests } = scripted({ kind: "network-error" }, { kind: "network-error" });
    await expect(uploadForVerdict(UPLOAD, transport, hooks())).rejects.toMatchObject({
      code: "network_error",
    });
    expect(requests).toHaveLength(2);
  });

  it("does not retry what the page's CSP refused, and says what the partner must allow", async () => {
    const { transport, requests } = scripted({
      kind: "refused-by-page-policy",
      origin: "https://gateway.example",
    });
    const error = await uploadForVerdict(UPLOAD, transport, hooks()).catch((e: unknown) => e);
    expect(error).toEqual(
      new ExtensionError(
        "not_configured",
        "This page's Content-Security-Policy does not allow connections to the Worker, and this browser applies it to the extension's upload. The partner's page must allow https://gateway.example in connect-src.",
      ),
    );
    expect(requests).toHaveLength(1);
  });

  it("does not retry a timeout: the Worker may still be running a billable verification", async () => {
    const { transport, requests } = scripted({ kind: "timeout" });
    await expect(uploadForVerdict(UPLOAD, transport, hooks())).rejects.toMatchObject({
      code: "network_error",
    });
    expect(requests).toHaveLength(1);
  });

  it("does not retry once the Worker answered, even with an error", async () => {
    const failure = { error: { code: "upstream_error", message: "Tencent failed.", requestId: "req-9" } };
    const { transport, requests } = scripted({
      kind: "response",
      status: 502,
      body: JSON.stringify(failure),
      requestId: "req-9",
    });
    await expect(uploadForVerdict(UPLOAD, transport, hooks())).rejects.toMatchObject({
      code: "upstream_error",
      message: "Tencent failed.",
      requestId: "req-9",
    });
    expect(requests).toHaveLength(1);
  });

  it("does not retry after a cancel", async () => {
    const controller = new AbortController();
    const transport: UploadTransport = {
      async send() {
        controller.abort();
        return { kind: "network-error" };
      },
    };
    await expect(uploadForVerdict(UPLOAD, transport, hooks(controller.signal))).rejects.toMatchObject({
      code: "cancelled",
    });
  });

  it("hands the transport the cancel signal, so a cancel aborts the request on the wire", async () => {
    const controller = new AbortController();
    const seen: AbortSignal[] = [];
    const transport: UploadTransport = {
      async send(_request, _onProgress, signal) {
        seen.push(signal);
        controller.abort();
        return { kind: "aborted" };
      },
    };
    await expect(uploadForVerdict(UPLOAD, transport, hooks(controller.signal))).rejects.toMatchObject({
      code: "cancelled",
    });
    expect(seen).toEqual([controller.signal]);
  });

  it("sends the very same request again on the retry", async () => {
    const { transport, requests } = scripted({ kind: "network-error" }, ok());
    await uploadForVerdict(UPLOAD, transport, hooks());
    expect(requests[1]).toBe(requests[0]);
  });

  it("sends the fields the REST contract names, with the actions in order", () => {
    const request = buildCompareRequest(UPLOAD);
    expect(request.url).toBe("https://gateway.example/v1/liveness/compare");
    expect(textFields(request.body)).toEqual({ livenessType: "ACTION", actions: "shake_head,blink" });
    expect(request.body.get("video")).toMatchObject({ type: "video/mp4", name: "liveness.mp4" });
    expect(request.body.get("image")).toMatchObject({ type: "image/jpeg", name: "reference.jpg" });
  });

  it("sends no actions field for SILENT", () => {
    const request = buildCompareRequest({ ...UPLOAD, livenessType: "SILENT", actions: [] });
    expect(textFields(request.body)).toEqual({ livenessType: "SILENT" });
    expect([...request.body.keys()]).toEqual(["livenessType", "video", "image"]);
  });

  it("names a PNG photo as one", () => {
    const png = mediaFixture("face.png");
    const request = buildCompareRequest({ ...UPLOAD, image: png, imageType: "png" });
    expect(request.body.get("image")).toMatchObject({ type: "image/png", name: "reference.png" });
  });

  it("authorises with the session token as bearer, and with nothing else", () => {
    const request = buildCompareRequest(UPLOAD);
    expect(request.headers).toEqual({ Authorization: "Bearer fes_token" });
    expect(request.timeoutMs).toBe(UPLOAD_TIMEOUT_MS);
  });

  it("puts the recorded video and the photo on the wire as multipart binary parts, byte for byte", async () => {
    const { contentType, body, form } = await onTheWire(buildCompareRequest(UPLOAD));
    expect(contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(await bytesOf(form.get("video"))).toEqual(VIDEO);
    expect(await bytesOf(form.get("image"))).toEqual(PHOTO);
    expect(textFields(form)).toEqual({ livenessType: "ACTION", actions: "shake_head,blink" });
    // Binary, not base64: the body is the two files plus a little framing, and holds no base64 of either.
    const framing = body.length - VIDEO.length - PHOTO.length;
    expect(framing).toBeGreaterThan(0);
    expect(framing).toBeLessThan(1024);
    const text = new TextDecoder("latin1").decode(body);
    expect(text).not.toContain(encodeBase64(VIDEO.subarray(0, 48)));
    expect(text).not.toContain(encodeBase64(PHOTO.subarray(0, 48)));
  });
});

describe("interpretCompareOutcome", () => {
  it("passes a REST error code through to the page", () => {
    const body = JSON.stringify({
      error: { code: "attempts_exhausted", message: "No attempts left.", requestId: "r" },
    });
    expect(() => interpretCompareOutcome({ kind: "response", status: 403, body, requestId: "r" })).toThrow(
      new ExtensionError("attempts_exhausted", "No attempts left.", "r"),
    );
  });

  it("names a non-JSON error by its HTTP status", () => {
    expect(() =>
      interpretCompareOutcome({ kind: "response", status: 504, body: "<html>", requestId: null }),
    ).toThrow(expect.objectContaining({ code: "upstream_timeout" }));
  });

  it("refuses a 200 answer that is not a verdict", () => {
    expect(() => interpretCompareOutcome(ok({ passed: "yes" }))).toThrow(
      expect.objectContaining({ code: "upstream_error" }),
    );
  });

  it("refuses a verdict without its verdictToken: the page never gets one its backend cannot confirm", () => {
    const { verdictToken: _, ...unsigned } = VERDICT;
    expect(() => interpretCompareOutcome(ok(unsigned))).toThrow(
      expect.objectContaining({ code: "upstream_error" }),
    );
  });

  it("maps a cancelled transfer to cancelled", () => {
    expect(() => interpretCompareOutcome({ kind: "aborted" })).toThrow(
      expect.objectContaining({ code: "cancelled" }),
    );
  });
});
