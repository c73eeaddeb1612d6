// A pass-through in front of the local gateway that keeps what the browser uploaded. Firefox's WebDriver BiDi
// reports requests but not a multipart body, and the test must see the video's own bytes: the extension is
// configured with the tap's address, and every request and answer passes through unchanged.
import { createServer, request as forward, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";

export interface TappedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  status: number;
  /** The gateway's answer, as text. */
  answer: string;
}

export interface GatewayTap {
  url: string;
  requests: TappedRequest[];
  /** The file of a multipart part (`name`) of a request the tap saw. */
  part(request: TappedRequest, name: string): Promise<Uint8Array>;
  close(): Promise<void>;
}

export async function startGatewayTap(gatewayUrl: string): Promise<GatewayTap> {
  const upstream = new URL(gatewayUrl);
  const requests: TappedRequest[] = [];
  const server: Server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => {
      const body = Buffer.concat(chunks);
      const relay = forward(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: incoming.method,
          path: incoming.url,
          headers: incoming.headers,
        },
        (answer) => {
          const parts: Buffer[] = [];
          answer.on("data", (chunk: Buffer) => parts.push(chunk));
          answer.on("end", () => {
            const text = Buffer.concat(parts);
            requests.push({
              method: incoming.method ?? "",
              path: incoming.url ?? "",
              headers: incoming.headers,
              body,
              status: answer.statusCode ?? 0,
              answer: decoded(text, answer.headers["content-encoding"]),
            });
            outgoing.writeHead(answer.statusCode ?? 502, answer.headers).end(text);
          });
        },
      );
      relay.on("error", () => outgoing.writeHead(502).end());
      relay.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    async part(request, name) {
      const form = await new Response(new Uint8Array(request.body), {
        headers: { "content-type": String(request.headers["content-type"]) },
      }).formData();
      const file = form.get(name);
      if (!(file instanceof Blob)) throw new Error(`the request has no file part "${name}"`);
      return new Uint8Array(await file.arrayBuffer());
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The answer's text as the gateway meant it, whatever compression it chose for the browser; a body that does
 * not decompress (an empty one, say) is kept as it is, so the tap never stands in the browser's way.
 */
function decoded(body: Buffer, encoding: string | undefined): string {
  try {
    switch (encoding) {
      case "gzip":
        return gunzipSync(body).toString("utf8");
      case "br":
        return brotliDecompressSync(body).toString("utf8");
      case "deflate":
        return inflateSync(body).toString("utf8");
      default:
        return body.toString("utf8");
    }
  } catch {
    return body.toString("latin1");
  }
}
