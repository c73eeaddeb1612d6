// Large bodies on their way through the gateway: read once into one buffer whatever the stream, encoded to
// Tencent's JSON exactly as JSON.stringify would write it, and sent upstream byte for byte.

import { describe, expect, it } from "vitest";
import { encodeBase64 } from "../../shared/base64";
import { concatBytes } from "../../shared/bytes";
import { compareBodyChunks } from "../../worker/compare/tencent-body";
import { FaceIdClient } from "../../worker/faceid/client";
import { readBoundedBody } from "../../worker/http/body";
import { failureOf } from "../support/failure";

const MB = 1024 * 1024;

function bytesOf(length: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(length);
  for (let at = 0; at < length; at += 65536) crypto.getRandomValues(bytes.subarray(at, at + 65536));
  return bytes;
}

/** Compares large byte arrays by digest: an element-wise diff of megabytes is slow and unreadable. */
async function digestOf(bytes: ArrayBuffer | Uint8Array): Promise<string> {
  return encodeBase64(new Uint8Array(await crypto.subtle.digest("SHA-256", bytes)));
}

/** A request whose body arrives as a byte stream in pieces, as from the network, with or without a length. */
function streamedRequest(body: Uint8Array, declaredLength?: number): Request {
  const { readable, writable } = new IdentityTransformStream();
  const writer = writable.getWriter();
  (async () => {
    for (let at = 0; at < body.length; at += 100_000) await writer.write(body.subarray(at, at + 100_000));
    await writer.close();
  })().catch(() => {
    // The reader cancelled: the body was refused.
  });
  const headers: Record<string, string> =
    declaredLength === undefined ? {} : { "Content-Length": String(declaredLength) };
  return new Request("https://gateway.test/", { method: "POST", body: readable, headers });
}

describe("reading a request body", () => {
  it("reads a body of the declared length into one buffer, byte for byte", async () => {
    const body = bytesOf(3 * MB + 17);
    const read = await readBoundedBody(streamedRequest(body, body.length), 10 * MB);
    expect(read.byteLength).toBe(body.length);
    expect(await digestOf(read)).toBe(await digestOf(body));
  });

  it("reads a small body of the declared length, byte for byte", async () => {
    const body = new TextEncoder().encode('{"SdkToken":"ok"}');
    const read = await readBoundedBody(streamedRequest(body, body.length), 10 * MB);
    expect(new Uint8Array(read)).toEqual(body);
  });

  it("reads a body of no declared length, growing its buffer as it comes", async () => {
    const body = bytesOf(2 * MB + 5);
    const read = await readBoundedBody(streamedRequest(body), 10 * MB);
    expect(read.byteLength).toBe(body.length);
    expect(await digestOf(read)).toBe(await digestOf(body));
  });

  it("reads on past a declared length that was too short, within the limit", async () => {
    const body = bytesOf(300_000);
    const read = await readBoundedBody(streamedRequest(body, 1000), 10 * MB);
    expect(await digestOf(read)).toBe(await digestOf(body));
  });

  it("reads an empty body", async () => {
    const read = await readBoundedBody(streamedRequest(new Uint8Array(0), 0), 10 * MB);
    expect(read.byteLength).toBe(0);
  });

  it("refuses a body of no declared length once it passes the limit", async () => {
    expect(await failureOf(readBoundedBody(streamedRequest(bytesOf(MB + 1)), MB))).toEqual({
      kind: "body-too-large",
      limitBytes: MB,
    });
  });

  it("refuses a body longer than its declared length once it passes the limit", async () => {
    expect(await failureOf(readBoundedBody(streamedRequest(bytesOf(MB + 1), 1000), MB))).toEqual({
      kind: "body-too-large",
      limitBytes: MB,
    });
  });

  it("takes a body of exactly the limit", async () => {
    const body = bytesOf(MB);
    expect(await digestOf(await readBoundedBody(streamedRequest(body, MB), MB))).toBe(await digestOf(body));
    expect(await digestOf(await readBoundedBody(streamedRequest(body), MB))).toBe(await digestOf(body));
  });
});

describe("the CompareFaceLiveness body of an upload", () => {
  // Around the native encoder's 48 KB windows, and both paddings.
  it.each([0, 1, 2, 49151, 49152, 49153, 98305, 6 * MB - 1])(
    "is JSON.stringify's, for a %d-byte video",
    (length) => {
      const video = bytesOf(length);
      const image = bytesOf(1000);
      const body = concatBytes([
        ...compareBodyChunks({ image, video, livenessType: "ACTION", validateData: "4,2" }),
      ]);
      expect(new TextDecoder().decode(body)).toBe(
        JSON.stringify({
          ImageBase64: encodeBase64(image),
          VideoBase64: encodeBase64(video),
          LivenessType: "ACTION",
          ValidateData: "4,2",
        }),
      );
    },
  );
});

describe("sending a large body upstream", () => {
  it("sends the same bytes", async () => {
    const body = bytesOf(5 * MB);
    const received: { bytes: Uint8Array }[] = [];
    const client = new FaceIdClient({
      endpoint: new URL("https://faceid.intl.tencentcloudapi.com"),
      region: "ap-singapore",
      credentials: { secretId: "AKIDbodyTest", secretKey: "body-test-key" },
      timeoutMs: 5000,
      fetch: async (input, init) => {
        const request = new Request(input, init);
        received.push({ bytes: await request.bytes() });
        return new Response('{"Response":{"Result":"Success","RequestId":"r"}}');
      },
    });
    const answer = await client.send("CompareFaceLiveness", body);
    expect(answer.response.Result).toBe("Success");
    expect(received).toHaveLength(1);
    expect(received[0]?.bytes.length).toBe(body.length);
    expect(await digestOf(received[0]?.bytes ?? new Uint8Array())).toBe(await digestOf(body));
  });
});
