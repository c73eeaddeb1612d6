import { describe, expect, it, vi } from "vitest";
import { ExtensionError } from "../../extension/messaging/errors";
import type { TransportOutcome, TransportRequest } from "../../extension/messaging/protocol";
import {
  buildTransportRequest,
  type CompareUpload,
  interpretCompareOutcome,
  RETRY_DELAY_MS,
  type UploadTransport,
  uploadForVerdict,
} from "../../extension/upload/compare-upload";
import type { CompareResult } from "../../shared/rest/api";

const UPLOAD: CompareUpload = {
  workerUrl: "https://gateway.example",
  sessionToken: "fes_token",
  livenessType: "ACTION",
  actions: ["shake_head", "blink"],
  videoBase64: "AAAA",
  imageBase64: "/9j/",
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
};

const ok = (body: unknown = VERDICT): TransportOutcome => ({
  kind: "response",
  status: 200,
  body: JSON.stringify(body),
  requestId: "req-1",
});

/** A transport that answers each attempt with the next scripted outcome, and records what it was asked. */
function scripted(...outcomes: TransportOutcome[]) {
  const requests: TransportRequest[] = [];
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

  it("sends the fields the REST contract names, with the actions in order", () => {
    const request = buildTransportRequest(UPLOAD);
    expect(request.url).toBe("https://gateway.example/v1/liveness/compare");
    expect(request.fields).toEqual({ livenessType: "ACTION", actions: "shake_head,blink" });
    expect(request.video).toMatchObject({ type: "video/mp4", fileName: "liveness.mp4" });
    expect(request.image).toMatchObject({ type: "image/jpeg" });
  });

  it("sends no actions field for SILENT", () => {
    expect(buildTransportRequest({ ...UPLOAD, livenessType: "SILENT", actions: [] }).fields).toEqual({
      livenessType: "SILENT",
    });
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

  it("maps a cancelled transfer to cancelled", () => {
    expect(() => interpretCompareOutcome({ kind: "aborted" })).toThrow(
      expect.objectContaining({ code: "cancelled" }),
    );
  });
});
