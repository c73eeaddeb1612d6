// The requests a page sends to one gateway path, as the browser's network stack saw them: the DevTools
// protocol's Network domain of the page reports what its content scripts send too.
import type { CDPSession, Page } from "playwright-core";

export interface SeenRequest {
  method: string;
  url: string;
  /** Lower-case names: the headers the script set and those the browser added (Origin). */
  headers: Record<string, string>;
  status: number | null;
}

export class RequestWatch {
  private readonly sent = new Map<string, { method: string; url: string; headers: Record<string, string> }>();
  /** The text bodies the page sent (JSON; a multipart upload's is not kept). */
  private readonly bodies = new Map<string, string>();
  /** The headers as they went on the wire, reported apart and in either order. */
  private readonly wireHeaders = new Map<string, Record<string, string>>();
  private readonly statuses = new Map<string, number>();

  private constructor(private readonly cdp: CDPSession) {}

  static async start(page: Page, path: string): Promise<RequestWatch> {
    const cdp = await page.context().newCDPSession(page);
    const watch = new RequestWatch(cdp);
    cdp.on("Network.requestWillBeSent", ({ requestId, request }) => {
      if (new URL(request.url).pathname !== path) return;
      watch.sent.set(requestId, {
        method: request.method,
        url: request.url,
        headers: lowerCased(request.headers),
      });
      if (typeof request.postData === "string") watch.bodies.set(requestId, request.postData);
    });
    cdp.on("Network.requestWillBeSentExtraInfo", ({ requestId, headers }) => {
      watch.wireHeaders.set(requestId, lowerCased(headers));
    });
    cdp.on("Network.responseReceived", ({ requestId, response }) => {
      watch.statuses.set(requestId, response.status);
    });
    await cdp.send("Network.enable");
    return watch;
  }

  /** What was sent to the path so far, CORS preflights included (method OPTIONS). */
  requests(): SeenRequest[] {
    return [...this.sent].map(([id, request]) => ({
      ...request,
      headers: { ...request.headers, ...this.wireHeaders.get(id) },
      status: this.statuses.get(id) ?? null,
    }));
  }

  /** The text body of each request of `method` so far, as the page sent it. */
  requestBodies(method = "POST"): string[] {
    return [...this.sent]
      .filter(([id, request]) => request.method === method && this.bodies.has(id))
      .map(([id]) => this.bodies.get(id) ?? "");
  }

  /** The body of each answer to a request of `method` so far, as the page received it. */
  async responseBodies(method = "POST"): Promise<string[]> {
    const ids = [...this.sent].filter(([id, request]) => request.method === method && this.statuses.has(id));
    return Promise.all(
      ids.map(async ([requestId]) => {
        const { body, base64Encoded } = await this.cdp.send("Network.getResponseBody", { requestId });
        return base64Encoded ? Buffer.from(body, "base64").toString("utf8") : body;
      }),
    );
  }

  async stop(): Promise<void> {
    await this.cdp.detach().catch(() => undefined);
  }
}

function lowerCased(headers: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name.toLowerCase(), String(value)]),
  );
}
