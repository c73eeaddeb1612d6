/**
 * The alternative a partner would build instead of the gateway: a plain Node HTTP backend that holds the
 * Tencent key and calls FaceID through the official intl Node SDK (TC3-HMAC-SHA256, as the SDK needs for
 * bodies over 1 MB). Run in its own process by the benchmark, like the gateway's workerd:
 *
 *   STUB_URL=http://127.0.0.1:P PROXY_API_KEY=... tsx bench/sdk-proxy.ts   → prints {"port":N}
 *
 * - `POST /tencent/<Action>`: the action's parameters as JSON, answered with the SDK's response as JSON.
 * - `POST /compare`: multipart (video, image, livenessType), base64-encoded here, sent as CompareFaceLiveness.
 * Callers authenticate with `Authorization: Bearer <PROXY_API_KEY>`, the least a partner's backend would ask.
 * It validates nothing: it does less work than the gateway, which checks every field at the edge.
 */
import { timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";

const require = createRequire(import.meta.url);
const tencentcloud = require("tencentcloud-sdk-nodejs-intl-en");
const ClientProfile = require("tencentcloud-sdk-nodejs-intl-en/tencentcloud/common/profile/client_profile.js");
const HttpProfile = require("tencentcloud-sdk-nodejs-intl-en/tencentcloud/common/profile/http_profile.js");
const Credential = require("tencentcloud-sdk-nodejs-intl-en/tencentcloud/common/credential.js");

type SdkCallback = (error: { code?: string; message?: string } | null, response: unknown) => void;
type SdkClient = Record<string, (request: unknown, callback: SdkCallback) => void>;

const stub = new URL(requiredEnv("STUB_URL"));
const apiKey = Buffer.from(requiredEnv("PROXY_API_KEY"));
const client: SdkClient = new tencentcloud.faceid.v20180301.Client(
  new Credential(requiredEnv("TENCENT_SECRET_ID"), requiredEnv("TENCENT_SECRET_KEY")),
  "ap-singapore",
  new ClientProfile("TC3-HMAC-SHA256", new HttpProfile("http://", stub.host)),
);

const server = createServer((request, response) => {
  handle(request, response).catch((error: unknown) => {
    json(response, 500, { error: error instanceof Error ? error.name : "error" });
  });
});
server.keepAliveTimeout = 30_000;
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});

async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (!authorised(request.headers.authorization)) {
    request.resume();
    json(response, 401, { error: "unauthorized" });
    return;
  }
  const action = /^\/tencent\/([A-Za-z]+)$/.exec(request.url ?? "")?.[1];
  let parameters: Record<string, unknown>;
  if (action !== undefined && request.method === "POST") {
    parameters = JSON.parse((await readAll(request)).toString("utf8"));
  } else if (request.url === "/compare" && request.method === "POST") {
    parameters = await compareParameters(request);
  } else {
    request.resume();
    json(response, 404, { error: "not_found" });
    return;
  }
  try {
    json(response, 200, await call(action ?? "CompareFaceLiveness", parameters));
  } catch (error) {
    const code = (error as { code?: string }).code;
    json(response, code ? 200 : 502, { error: code ?? "upstream_error" });
  }
}

/** What a partner's Node backend does with an upload: parse the form, base64 the files, call the SDK. */
async function compareParameters(request: IncomingMessage): Promise<Record<string, unknown>> {
  const form = await new Request("http://proxy.invalid/compare", {
    method: "POST",
    headers: request.headers as Record<string, string>,
    body: Readable.toWeb(request) as ReadableStream<Uint8Array>,
    duplex: "half",
  } as RequestInit).formData();
  const video = form.get("video");
  const image = form.get("image");
  if (!(video instanceof Blob) || !(image instanceof Blob)) throw new Error("video and image are required");
  return {
    ImageBase64: Buffer.from(await image.arrayBuffer()).toString("base64"),
    VideoBase64: Buffer.from(await video.arrayBuffer()).toString("base64"),
    LivenessType: String(form.get("livenessType") ?? "SILENT"),
  };
}

function call(action: string, parameters: Record<string, unknown>): Promise<unknown> {
  const method = client[action];
  if (typeof method !== "function") return Promise.reject(new Error(`unknown action ${action}`));
  return new Promise((resolve, reject) =>
    method.call(client, parameters, (error, answer) => (error ? reject(error) : resolve(answer))),
  );
}

function authorised(header: string | undefined): boolean {
  const given = Buffer.from(/^Bearer (.+)$/.exec(header ?? "")?.[1] ?? "");
  return given.length === apiKey.length && timingSafeEqual(given, apiKey);
}

async function readAll(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function json(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(text),
  });
  response.end(text);
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}
