/**
 * A stand-in for Tencent FaceID on loopback, shared by the benchmark and the resilience suite. It reads every
 * request body to the end and hashes it (as Tencent must, to check the signature), answers like Tencent
 * (`{"Response":{...,"RequestId"}}`, HTTP 200), and misbehaves on demand, per action: hangs, 5xx, connection
 * resets, malformed JSON, a trickled body, a delay. It counts calls and records their arrival per action.
 *
 * Control from the same process with `stub.setFault(...)`, or over HTTP (`GET /__stub/stats`,
 * `POST /__stub/fault`, `POST /__stub/reset`) when it runs in its own process (bench/stub-process.ts).
 */
import { createHash, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export type StubFault =
  | { kind: "normal" }
  /** Never answer; the connection stays open until the client gives up. */
  | { kind: "hang" }
  /** Answer with this HTTP status and a Tencent-looking body. */
  | { kind: "status"; status: number }
  /** Read the request, then destroy the connection without a response. */
  | { kind: "reset" }
  /** HTTP 200 whose body is not JSON. */
  | { kind: "malformed" }
  /** HTTP 200 with a valid answer sent one chunk at a time, `intervalMs` apart, over about `totalMs`. */
  | { kind: "trickle"; totalMs: number }
  /** A normal answer after `ms`. */
  | { kind: "delay"; ms: number };

export interface StubCall {
  action: string;
  /** `performance.timeOrigin + performance.now()` when the request headers arrived, in ms. */
  arrivedAt: number;
  bytes: number;
  /** The request's Content-Length, when it had one (not chunked). */
  contentLength: number | undefined;
  sha256: string;
  /** Whether the Authorization header has TC3-HMAC-SHA256's shape (the stub does not verify signatures). */
  authorizationShaped: boolean;
}

export interface StubStats {
  counts: Record<string, number>;
  calls: StubCall[];
}

export interface FaceIdStubOptions {
  port?: number;
  /**
   * The SdkToken every ApplyLivenessToken answers. By default each answers a new one, as Tencent does; the
   * benchmark fixes it, so the SdkToken its gateway's partner obtains is the one every system then reads by.
   */
  sdkToken?: string;
}

export interface FaceIdStub {
  url: string;
  port: number;
  /** `action` "*" sets the default for every action without its own fault. */
  setFault(action: string, fault: StubFault): void;
  stats(): StubStats;
  /** Forgets calls and faults. */
  reset(): void;
  close(): Promise<void>;
}

/** Body of a normal answer per action, without RequestId. */
const ANSWERS: Record<string, () => Record<string, unknown>> = {
  CompareFaceLiveness: () => ({
    Result: "Success",
    Description: "Success",
    Sim: 88.5,
    BestFrameBase64: null,
  }),
  ApplyLivenessToken: () => ({ SdkToken: randomUUID() }),
  GetLivenessResult: () => ({
    Result: "0",
    Description: "Success",
    BestFrame: { Url: "https://stub.invalid/best-frame.jpg", MD5: "0".repeat(32), Size: 1024 },
    Video: { Url: "https://stub.invalid/video.mp4", MD5: "0".repeat(32), Size: 52714 },
  }),
};

const TC3_AUTHORIZATION =
  /^TC3-HMAC-SHA256 Credential=[^/\s]+\/\d{4}-\d{2}-\d{2}\/[^/\s]+\/tc3_request, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$/;

/** How many calls the stub remembers, so a long benchmark does not grow it without bound. */
const MAX_RECORDED_CALLS = 20_000;

export async function startFaceIdStub(options: FaceIdStubOptions = {}): Promise<FaceIdStub> {
  const { sdkToken } = options;
  const answers: Record<string, () => Record<string, unknown>> =
    sdkToken === undefined ? ANSWERS : { ...ANSWERS, ApplyLivenessToken: () => ({ SdkToken: sdkToken }) };
  const faults = new Map<string, StubFault>();
  let counts: Record<string, number> = {};
  let calls: StubCall[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const later = (ms: number, run: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, ms);
    timers.add(timer);
  };

  const server: Server = createServer((request, response) => {
    if (request.url?.startsWith("/__stub/")) {
      control(request, response);
      return;
    }
    const arrivedAt = performance.timeOrigin + performance.now();
    const action = String(request.headers["x-tc-action"] ?? "");
    const hash = createHash("sha256");
    let bytes = 0;
    request.on("data", (chunk: Buffer) => {
      hash.update(chunk);
      bytes += chunk.length;
    });
    request.on("end", () => {
      counts[action] = (counts[action] ?? 0) + 1;
      if (calls.length < MAX_RECORDED_CALLS) {
        calls.push({
          action,
          arrivedAt,
          bytes,
          contentLength:
            request.headers["content-length"] === undefined
              ? undefined
              : Number(request.headers["content-length"]),
          sha256: hash.digest("hex"),
          authorizationShaped: TC3_AUTHORIZATION.test(String(request.headers.authorization ?? "")),
        });
      }
      const fault = faults.get(action) ?? faults.get("*") ?? { kind: "normal" };
      answer(request, response, action, fault);
    });
  });

  function answer(request: IncomingMessage, response: ServerResponse, action: string, fault: StubFault) {
    const requestId = `stub-${randomUUID()}`;
    switch (fault.kind) {
      case "normal":
        send(response, 200, normalAnswer(request, answers, action, requestId));
        return;
      case "delay":
        later(fault.ms, () => send(response, 200, normalAnswer(request, answers, action, requestId)));
        return;
      case "hang":
        return;
      case "status":
        send(response, fault.status, tencentError("InternalError", "stub failure", requestId));
        return;
      case "reset":
        request.socket.destroy();
        return;
      case "malformed":
        send(response, 200, '{"Response":{"Result":"Success","RequestId":');
        return;
      case "trickle": {
        const body = Buffer.from(normalAnswer(request, answers, action, requestId));
        const pieces = Math.min(body.length, 20);
        const size = Math.ceil(body.length / pieces);
        const intervalMs = fault.totalMs / pieces;
        response.writeHead(200, { "Content-Type": "application/json", "Content-Length": body.length });
        response.flushHeaders();
        for (let i = 0; i < pieces; i++) {
          later(intervalMs * (i + 1), () => {
            if (response.destroyed) return;
            const piece = body.subarray(i * size, (i + 1) * size);
            if (i === pieces - 1) response.end(piece);
            else response.write(piece);
          });
        }
        return;
      }
    }
  }

  function control(request: IncomingMessage, response: ServerResponse) {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      if (request.url === "/__stub/stats") {
        send(response, 200, JSON.stringify({ counts, calls }));
      } else if (request.url === "/__stub/fault" && request.method === "POST") {
        const { action, fault } = JSON.parse(Buffer.concat(chunks).toString("utf8")) as {
          action: string;
          fault: StubFault;
        };
        faults.set(action, fault);
        send(response, 204, "");
      } else if (request.url === "/__stub/reset" && request.method === "POST") {
        reset();
        send(response, 204, "");
      } else {
        send(response, 404, "");
      }
    });
  }

  function reset() {
    faults.clear();
    counts = {};
    calls = [];
  }

  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    setFault: (action, fault) => faults.set(action, fault),
    stats: () => ({ counts: { ...counts }, calls: [...calls] }),
    reset,
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function normalAnswer(
  request: IncomingMessage,
  answers: Record<string, () => Record<string, unknown>>,
  action: string,
  requestId: string,
): string {
  if (!TC3_AUTHORIZATION.test(String(request.headers.authorization ?? ""))) {
    return tencentError(
      "AuthFailure.InvalidAuthorization",
      "Authorization is not TC3-HMAC-SHA256.",
      requestId,
    );
  }
  const fields = answers[action]?.() ?? {};
  return JSON.stringify({ Response: { ...fields, RequestId: requestId } });
}

function tencentError(code: string, message: string, requestId: string): string {
  return JSON.stringify({ Response: { Error: { Code: code, Message: message }, RequestId: requestId } });
}

function send(response: ServerResponse, status: number, body: string) {
  response.writeHead(status, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(body),
  });
  response.end(body);
}
