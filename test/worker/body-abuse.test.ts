// Bodies that abuse the gateway, as the network delivers them (byte streams, which the gateway reads with
// readAtLeast: worker/http/body.ts): an oversize body of no declared length, and a body cut short of its
// declared Content-Length. Each gets an answer in its dialect, the gateway never throws, and none reaches FaceID.
// (An oversize body declared by Content-Length, and the REST dialect's oversize JavaScript stream, are in
// tencent-dialect.test.ts and rest.test.ts.)
import { beforeEach, describe, expect, it } from "vitest";
import { MAX_BODY_BYTES } from "../../shared/faceid/limits";
import {
  createPartner,
  GATEWAY_URL,
  restPartner,
  restRequest,
  silentCompareForm,
  tencentJson,
  testGateway,
} from "../support/gateway";
import { partnerHeaders } from "../support/partner-signature";

const MB = 1024 * 1024;
const PIECE = 64 * 1024;
/** The REST limits are 10 MB (JSON) and about 9 MB (multipart): 12 MB is over both, and over Tencent's 10 MB. */
const OVERSIZE = 12 * MB;

let gateway: ReturnType<typeof testGateway>;
let partner: Awaited<ReturnType<typeof createPartner>>;

beforeEach(async () => {
  gateway = testGateway();
  partner = await createPartner();
});

interface Sent {
  /** Bytes the gateway has taken from the body so far. */
  taken: number;
}

/**
 * A body as the network delivers it: a byte stream, in 64 KB pieces, with no length of its own. `end` "abort"
 * ends it with the error workerd gives a Worker whose client went away mid-body.
 */
function networkBody(bytes: Uint8Array | number, end: "close" | "abort" = "close") {
  const total = typeof bytes === "number" ? bytes : bytes.byteLength;
  const { readable, writable } = new IdentityTransformStream();
  const writer = writable.getWriter();
  const sent: Sent = { taken: 0 };
  (async () => {
    for (let at = 0; at < total; at += PIECE) {
      const piece =
        typeof bytes === "number" ? new Uint8Array(Math.min(PIECE, total - at)) : bytes.slice(at, at + PIECE);
      await writer.write(piece);
      sent.taken += piece.byteLength;
    }
    if (end === "abort") await writer.abort(new Error("Network connection lost."));
    else await writer.close();
  })().catch(() => {
    // The gateway cancelled the body: it refused it.
  });
  return { body: readable, sent };
}

/** A body that stops with an error after `sentBytes` of its declared length, three ways workerd lets us make one. */
const CUT_SHORT = {
  /** workerd's own check of a declared length (what FaceIdClient sends upstream with): an error at the end. */
  "a fixed-length stream closed early": (sentBytes: number, declared: number) => {
    const { readable, writable } = new FixedLengthStream(declared);
    const writer = writable.getWriter();
    (async () => {
      for (let at = 0; at < sentBytes; at += PIECE) await writer.write(new Uint8Array(PIECE));
      await writer.close();
    })().catch(() => {
      // The close fails: fewer bytes than declared.
    });
    return readable;
  },
  /** The client went away mid-body (wrangler dev's Worker sees "Network connection lost."). */
  "a byte stream broken off": (sentBytes: number) => networkBody(sentBytes, "abort").body,
  /** A stream made in JavaScript (no BYOB reader: read chunk by chunk) that errors midway. */
  "a JavaScript stream that errors": (sentBytes: number) => {
    let sent = 0;
    return new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= sentBytes) return controller.error(new Error("Network connection lost."));
        sent += PIECE;
        controller.enqueue(new Uint8Array(PIECE));
      },
    });
  },
} as const;
type CutShort = keyof typeof CUT_SHORT;

const DECLARED = 1_000_000;
const SENT = 300_000;

/** A Tencent-dialect request with a streamed body, signed by the partner (over `signedBody`) or not at all. */
async function tencentRequest(body: ReadableStream, options: { signedBody?: Uint8Array; length?: number }) {
  const headers = new Headers(
    options.signedBody
      ? await partnerHeaders({
          secretId: partner.secretId,
          secretKey: partner.secretKey,
          action: "CompareFaceLiveness",
          body: options.signedBody as Uint8Array<ArrayBuffer>,
        })
      : { "Content-Type": "application/json", "X-TC-Action": "CompareFaceLiveness" },
  );
  headers.set("Host", "127.0.0.1:8787");
  if (options.length !== undefined) headers.set("Content-Length", String(options.length));
  return new Request(GATEWAY_URL, { method: "POST", body, headers, duplex: "half" } as RequestInit);
}

function restCompare(body: ReadableStream, token: string | undefined, headers: Record<string, string>) {
  return restRequest("/v1/liveness/compare", token, {
    method: "POST",
    body,
    headers,
    duplex: "half",
  } as RequestInit);
}

/** Tencent's error shape, HTTP 200, with our request id as its RequestId. */
async function tencentError(response: Response): Promise<{ Code: string; Message: string }> {
  expect(response.status).toBe(200);
  const json = await tencentJson(response);
  expect(json.Response.RequestId).toBe(response.headers.get("X-Request-Id"));
  return json.Response.Error as { Code: string; Message: string };
}

/** The REST error shape, with our request id. */
async function restError(response: Response): Promise<{ status: number; code: string; message: string }> {
  const { error } = (await response.json()) as {
    error: { code: string; message: string; requestId: string };
  };
  expect(error.requestId).toBe(response.headers.get("X-Request-Id"));
  return { status: response.status, code: error.code, message: error.message };
}

describe("an oversize body of no declared length (chunked), as the network delivers it", () => {
  it("Tencent dialect → RequestSizeLimitExceeded once past 10 MB, signed or not, never reaching FaceID", async () => {
    for (const signed of [true, false]) {
      const { body, sent } = networkBody(OVERSIZE);
      const request = await tencentRequest(body, signed ? { signedBody: new Uint8Array(OVERSIZE) } : {});
      const error = await tencentError(await gateway.fetch(request));
      expect(error.Code, `signed: ${signed}`).toBe("RequestSizeLimitExceeded");
      // The signature needs the whole body, so the body is read first: up to the limit, and not much further.
      expect(sent.taken).toBeLessThanOrEqual(MAX_BODY_BYTES + 2 * PIECE);
    }
    expect(gateway.upstreamCalls).toHaveLength(0);
  });

  it.each([
    ["multipart", "multipart/form-data; boundary=x"],
    ["JSON", "application/json"],
  ])(
    "REST %s upload with a session token → 413 payload_too_large, never reaching FaceID",
    async (_, contentType) => {
      const token = await (await restPartner(gateway)).session();
      const { body, sent } = networkBody(OVERSIZE);
      const response = await gateway.fetch(restCompare(body, token, { "Content-Type": contentType }));
      expect(await restError(response)).toMatchObject({ status: 413, code: "payload_too_large" });
      expect(sent.taken).toBeLessThanOrEqual(MAX_BODY_BYTES + 64 * 1024 + 2 * PIECE);
      expect(gateway.upstreamCalls).toHaveLength(0);
    },
  );

  it("REST upload with no session token → 401 unauthorized, before reading the body", async () => {
    const { body, sent } = networkBody(OVERSIZE);
    const response = await gateway.fetch(
      restCompare(body, undefined, { "Content-Type": "multipart/form-data; boundary=x" }),
    );
    expect(await restError(response)).toMatchObject({ status: 401, code: "unauthorized" });
    expect(sent.taken).toBeLessThanOrEqual(PIECE);
    expect(gateway.upstreamCalls).toHaveLength(0);
  });
});

describe("a body that errors before its declared Content-Length", () => {
  for (const kind of Object.keys(CUT_SHORT) as CutShort[]) {
    it(`${kind}: refused in each dialect as the client's fault (not an internal error), never reaching FaceID`, async () => {
      const tencent = await gateway.fetch(
        await tencentRequest(CUT_SHORT[kind](SENT, DECLARED), {
          signedBody: new Uint8Array(DECLARED),
          length: DECLARED,
        }),
      );
      expect(await tencentError(tencent)).toEqual({
        Code: "InvalidParameter",
        Message: "The request body ended before it was complete.",
      });
      const token = await (await restPartner(gateway)).session();
      const rest = await gateway.fetch(
        restCompare(CUT_SHORT[kind](SENT, DECLARED), token, {
          "Content-Type": "multipart/form-data; boundary=x",
          "Content-Length": String(DECLARED),
        }),
      );
      expect(await restError(rest)).toMatchObject({
        status: 400,
        code: "invalid_request",
        message: "The request body ended before it was complete.",
      });
      expect(gateway.upstreamCalls).toHaveLength(0);
    });
  }
});

describe("a body that simply ends before its declared Content-Length (no error)", () => {
  // Not something the network can deliver (workerd errors the stream: "premature EOF ... did not reach
  // Content-Length"), but a stream can: the gateway reads what arrived, and what arrived is checked as the body.
  it("Tencent dialect → AuthFailure.SignatureFailure: the partner signed the whole body", async () => {
    const whole = new Uint8Array(DECLARED);
    const request = await tencentRequest(networkBody(whole.subarray(0, SENT)).body, {
      signedBody: whole,
      length: DECLARED,
    });
    expect((await tencentError(await gateway.fetch(request))).Code).toBe("AuthFailure.SignatureFailure");
    expect(gateway.upstreamCalls).toHaveLength(0);
  });

  it("REST multipart upload → 400 invalid_request: the form is cut off", async () => {
    const token = await (await restPartner(gateway)).session();
    const form = new Request(GATEWAY_URL, { method: "POST", body: silentCompareForm() });
    const bytes = new Uint8Array(await form.arrayBuffer());
    const response = await gateway.fetch(
      restCompare(networkBody(bytes.subarray(0, bytes.byteLength >> 1)).body, token, {
        "Content-Type": form.headers.get("Content-Type") ?? "",
        "Content-Length": String(bytes.byteLength),
      }),
    );
    expect(await restError(response)).toMatchObject({ status: 400, code: "invalid_request" });
    expect(gateway.upstreamCalls).toHaveLength(0);
  });
});
