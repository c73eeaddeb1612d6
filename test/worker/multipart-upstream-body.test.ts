// A multipart compare upload's Tencent body is never held whole (issue 17, item 4): made a chunk at a time to
// hash it and again to send it. Upstream must still get byte for byte what the whole-body encoding wrote, under
// a signature over those bytes, with their exact length; a resend makes the same bytes again, and a send that
// breaks off fails as any unreachable upstream does.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { encodeBase64 } from "../../shared/base64";
import { concatBytes } from "../../shared/bytes";
import { MAX_VIDEO_BASE64_BYTES } from "../../shared/faceid/limits";
import { compareBodyChunks, compareBodyLength } from "../../worker/compare/tencent-body";
import { ChunkedBody } from "../../worker/faceid/chunked-body";
import { FaceIdClient } from "../../worker/faceid/client";
import { Tc3Verifier } from "../../worker/tc3/verifier";
import { failureOf } from "../support/failure";
import { fixtureBytes } from "../support/fixtures";
import { compareForm, GatewayClock, restPartner, restRequest, testGateway } from "../support/gateway";

const KB = 1024;

function randomBytes(length: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(length);
  for (let at = 0; at < length; at += 65536) crypto.getRandomValues(bytes.subarray(at, at + 65536));
  return bytes;
}

/** A real MP4 grown to `size` by a trailing `free` box (ISO/IEC 14496-12 §8.1.2) of random bytes. */
function paddedMp4(size: number): Uint8Array<ArrayBuffer> {
  const video = fixtureBytes("video-3s.mp4");
  const out = randomBytes(size);
  out.set(video);
  new DataView(out.buffer).setUint32(video.length, size - video.length);
  out.set(new TextEncoder().encode("free"), video.length + 4);
  return out;
}

/** The real JPEG with random bytes after its end-of-image marker. */
function paddedJpeg(size: number): Uint8Array<ArrayBuffer> {
  const out = randomBytes(size);
  out.set(fixtureBytes("face.jpg"));
  return out;
}

async function sha256(bytes: Uint8Array): Promise<string> {
  return encodeBase64(new Uint8Array(await crypto.subtle.digest("SHA-256", bytes)));
}

function concat(chunks: Iterable<Uint8Array>): Uint8Array<ArrayBuffer> {
  return concatBytes([...chunks]);
}

describe("a multipart upload's body at Tencent", () => {
  it.each([
    {
      // The largest video whose base64 fits Tencent's 8 MB, and a photo whose length leaves base64 padding.
      name: "SILENT at the size limit",
      video: () => paddedMp4((MAX_VIDEO_BASE64_BYTES / 4) * 3),
      image: () => paddedJpeg(1_000_001),
      fields: { livenessType: "SILENT" } as Record<string, string>,
      livenessType: "SILENT" as const,
      validateData: undefined,
    },
    {
      name: "ACTION, ValidateData last",
      video: () => fixtureBytes("video-3s.mp4"),
      image: () => fixtureBytes("face.jpg"),
      fields: { livenessType: "ACTION", actions: "shake_head,blink" } as Record<string, string>,
      livenessType: "ACTION" as const,
      validateData: "4,2",
    },
  ])("$name: the whole-body encoding's bytes, signed, of their exact length", async (upload) => {
    const clock = new GatewayClock();
    const gateway = testGateway({ clock: clock.read });
    const partner = await restPartner(gateway);
    const video = upload.video();
    const image = upload.image();
    const response = await gateway.fetch(
      restRequest("/v1/liveness/compare", await partner.session(), {
        method: "POST",
        body: compareForm({ video, image, ...upload.fields }),
      }),
    );
    expect(response.status).toBe(200);
    expect(((await response.json()) as { passed: boolean }).passed).toBe(true);

    // What JSON.stringify makes of Tencent's body: the reference the chunks must match byte for byte.
    const expected = new TextEncoder().encode(
      JSON.stringify({
        ImageBase64: encodeBase64(image),
        VideoBase64: encodeBase64(video),
        LivenessType: upload.livenessType,
        ...(upload.validateData ? { ValidateData: upload.validateData } : {}),
      }),
    );
    expect(gateway.upstreamCalls).toHaveLength(1);
    const call = gateway.upstreamCalls[0] as Request;
    const received = new Uint8Array(await call.arrayBuffer());
    expect(received.length).toBe(expected.length);
    expect(await sha256(received)).toBe(await sha256(expected));

    const verification = await new Tc3Verifier({ acceptsService: () => true, clock: clock.read }).verify(
      {
        method: call.method,
        url: new URL(call.url),
        headers: call.headers,
        bodyHash: [...new Uint8Array(await crypto.subtle.digest("SHA-256", expected))]
          .map((byte) => byte.toString(16).padStart(2, "0"))
          .join(""),
      },
      async (secretId) => (secretId === env.TENCENT_SECRET_ID ? env.TENCENT_SECRET_KEY : undefined),
    );
    expect(verification).toMatchObject({ ok: true, secretId: env.TENCENT_SECRET_ID });
  });
});

describe("the body's chunks", () => {
  // Around the 48 KB windows of media each chunk is made from, and both paddings.
  it.each([0, 1, 2, 49151, 49152, 49153, 5 * 49152 + 2])(
    "make JSON.stringify's bytes, again on every pass, for a %d-byte video",
    (length) => {
      const upload = {
        image: randomBytes(1000),
        video: randomBytes(length),
        livenessType: "ACTION" as const,
      };
      const withData = { ...upload, validateData: "4,2" };
      const json = JSON.stringify({
        ImageBase64: encodeBase64(upload.image),
        VideoBase64: encodeBase64(upload.video),
        LivenessType: "ACTION",
        ValidateData: "4,2",
      });
      const first = concat(compareBodyChunks(withData));
      expect(new TextDecoder().decode(first)).toBe(json);
      expect(first.length).toBe(compareBodyLength(withData));
      expect(new TextDecoder().decode(concat(compareBodyChunks(withData)))).toBe(json);
      expect(new TextDecoder().decode(concat(compareBodyChunks(upload)))).toBe(
        JSON.stringify({
          ImageBase64: encodeBase64(upload.image),
          VideoBase64: encodeBase64(upload.video),
          LivenessType: "ACTION",
        }),
      );
    },
  );

  it("are each at most 64 KB: what a body in flight holds beside its upload", () => {
    const upload = {
      image: randomBytes(1_000_001),
      video: randomBytes(6 * KB * KB),
      livenessType: "SILENT" as const,
    };
    const sizes = [...compareBodyChunks(upload)].map((chunk) => chunk.length);
    expect(Math.max(...sizes)).toBe(64 * KB);
  });
});

describe("sending a chunked body", () => {
  const upload = {
    image: randomBytes(300_001),
    video: randomBytes(2 * KB * KB),
    livenessType: "SILENT" as const,
  };
  const body = () => new ChunkedBody(compareBodyLength(upload), () => compareBodyChunks(upload));

  function client(fetch: typeof globalThis.fetch) {
    return new FaceIdClient({
      endpoint: new URL("https://faceid.intl.tencentcloudapi.com"),
      region: "ap-singapore",
      credentials: { secretId: "AKIDchunkedTest", secretKey: "chunked-test-key" },
      timeoutMs: 5000,
      fetch,
      sleep: async () => {},
    });
  }

  it("makes the same bytes again for a resend (a retry-safe action after a network error)", async () => {
    const received: Uint8Array[] = [];
    const answer = await client(async (input, init) => {
      received.push(await new Request(input, init).bytes());
      if (received.length === 1) throw new TypeError("Network connection lost.");
      return new Response('{"Response":{"Result":"Success","RequestId":"r"}}');
    }).send("GetLivenessResult", body());
    expect(answer.response.Result).toBe("Success");
    const expected = concat(compareBodyChunks(upload));
    expect(received.map((bytes) => bytes.length)).toEqual([expected.length, expected.length]);
    expect(await sha256(received[0] as Uint8Array)).toBe(await sha256(expected));
    expect(await sha256(received[1] as Uint8Array)).toBe(await sha256(expected));
  });

  it("sends CompareFaceLiveness once, and an upload broken off halfway is upstream-unreachable", async () => {
    let calls = 0;
    const failure = await failureOf(
      client(async (input, init) => {
        calls++;
        const reader = (new Request(input, init).body as ReadableStream<Uint8Array>).getReader();
        await reader.read();
        await reader.cancel();
        throw new TypeError("Network connection lost.");
      }).send("CompareFaceLiveness", body()),
    );
    expect(failure).toEqual({ kind: "upstream-unreachable", detail: "TypeError" });
    expect(calls).toBe(1);
  });

  it("declares its length to the upload: chunks one byte short of it fail the send, never a short body", async () => {
    // What the stream declares is what workerd sends as Content-Length (a FixedLengthStream's length).
    const short = new ChunkedBody(compareBodyLength(upload) + 1, () => compareBodyChunks(upload));
    const failure = await failureOf(
      client(async (input, init) => {
        await new Request(input, init).arrayBuffer();
        return new Response('{"Response":{"Result":"Success","RequestId":"r"}}');
      }).send("CompareFaceLiveness", short, { bodyHash: "0".repeat(64) }),
    );
    expect(failure).toMatchObject({ kind: "upstream-unreachable" });
  });

  it("refuses a body whose chunks disagree with its declared length, before anything is sent", async () => {
    let calls = 0;
    const wrong = new ChunkedBody(compareBodyLength(upload) + 1, () => compareBodyChunks(upload));
    await expect(
      client(async () => {
        calls++;
        return new Response("{}");
      }).send("CompareFaceLiveness", wrong),
    ).rejects.toThrow(/declared/);
    expect(calls).toBe(0);
  });
});
