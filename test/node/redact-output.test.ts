// What `npm start` prints of wrangler's output: handles and tokens in URLs redacted, the rest as it was.
import { describe, expect, it, vi } from "vitest";
import { REDACTED, redactingWriter, redactUrls } from "../../scripts/redact-output.mjs";

const ESC = "\u001b";
const SESSION_TOKEN = "fes1.eyJwIjoicHRuX0FBQUEifQ.c2lnbmF0dXJl";
const SDK_TOKEN = "5B1D8C4E-2F4A-4C7E-9D3B-7A6F1E2C8B90";

describe("redactUrls", () => {
  it.each([
    [
      `[wrangler:info] GET /v1/liveness/results/${SDK_TOKEN} 200 OK (12ms)`,
      `[wrangler:info] GET /v1/liveness/results/${REDACTED} 200 OK (12ms)`,
    ],
    [
      `[wrangler:info] GET /v1/web-verifications/${SDK_TOKEN}/result 404 Not Found (3ms)`,
      `[wrangler:info] GET /v1/web-verifications/${REDACTED} 404 Not Found (3ms)`,
    ],
    [
      `[wrangler:info] DELETE /v1/sessions/${SESSION_TOKEN} 204 No Content (4ms)`,
      `[wrangler:info] DELETE /v1/sessions/${REDACTED} 204 No Content (4ms)`,
    ],
    [
      `✘ [ERROR] Error inside ProxyWorker: GET http://127.0.0.1:8787/v1/liveness/results/${SDK_TOKEN}?lang=en (failed)`,
      `✘ [ERROR] Error inside ProxyWorker: GET http://127.0.0.1:8787/v1/liveness/results/${REDACTED}?${REDACTED} (failed)`,
    ],
    ["GET /demo?sessionToken=abc&x=1 200 OK", `GET /demo?${REDACTED} 200 OK`],
    [
      `"url":"http://127.0.0.1:8787/v1/sessions/${SESSION_TOKEN}"`,
      `"url":"http://127.0.0.1:8787/v1/sessions/${REDACTED}"`,
    ],
  ])("redacts %j", (line, expected) => {
    expect(redactUrls(line)).toBe(expected);
  });

  it("stops at a colour code, so the line keeps its colours", () => {
    const line = `${ESC}[32m[wrangler:info]${ESC}[39m ${ESC}[0m${ESC}[1mGET${ESC}[22m /v1/liveness/results/${SDK_TOKEN}${ESC}[32m ${ESC}[1m200${ESC}[22m OK ${ESC}[39m`;
    expect(redactUrls(line)).toBe(line.replace(SDK_TOKEN, REDACTED));
  });

  it.each([
    "[wrangler:info] POST /v1/sessions 201 Created (30ms)",
    "[wrangler:info] POST /v1/liveness/compare 200 OK (1840ms)",
    "[wrangler:info] GET /healthz 200 OK (1ms)",
    '{"requestId":"r","method":"GET","route":"/v1/liveness/results/:sdkToken","status":200}',
    "? Would you like to report this error to Cloudflare? Wrangler's output and the error details will be shared",
    "If you think this is a bug then please create an issue at https://github.com/cloudflare/workers-sdk/issues/new/choose",
    "⎔ Reloading local server...",
  ])("leaves %j as it is", (line) => {
    expect(redactUrls(line)).toBe(line);
  });
});

describe("redactingWriter", () => {
  it("redacts a token split across two pieces of output, and writes whole lines", () => {
    const written: string[] = [];
    const writer = redactingWriter((text) => written.push(text));
    writer.write(`[wrangler:info] GET /v1/liveness/results/${SDK_TOKEN.slice(0, 10)}`);
    expect(written).toEqual([]);
    writer.write(`${SDK_TOKEN.slice(10)} 200 OK (12ms)\nnext`);
    expect(written).toEqual([`[wrangler:info] GET /v1/liveness/results/${REDACTED} 200 OK (12ms)\n`]);
    writer.flush();
    expect(written.join("")).toBe(`[wrangler:info] GET /v1/liveness/results/${REDACTED} 200 OK (12ms)\nnext`);
  });

  it("prints an unfinished line (a prompt) after a short wait", () => {
    vi.useFakeTimers();
    try {
      const written: string[] = [];
      const writer = redactingWriter((text) => written.push(text), { holdMs: 50 });
      writer.write("? Would you like to report this error to Cloudflare? ");
      vi.advanceTimersByTime(49);
      expect(written).toEqual([]);
      vi.advanceTimersByTime(1);
      expect(written).toEqual(["? Would you like to report this error to Cloudflare? "]);
    } finally {
      vi.useRealTimers();
    }
  });
});
