// The partner's KYC page and a foreign site, each a tiny HTTP server on loopback. The partner page is served
// with a strict CSP (no inline script or style, images from itself only), as a careful partner would: the
// overlay must work under it. The page records every message the extension posts to it.
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { ROOT } from "./browser";

export interface TestSite {
  origin: string;
  close(): Promise<void>;
}

const PARTNER_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; frame-src *";

const PARTNER_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Partner KYC</title>
<link rel="stylesheet" href="/page.css"><script src="/page.js"></script></head>
<body>
  <h1>Acme Bank · identity check</h1>
  <p>Customer: Jane Example · Case 4711</p>
  <figure><img id="id-photo" src="/reference.jpg" alt="ID photo" width="150" height="200"><figcaption>ID photo</figcaption></figure>
  <div id="frames"></div>
</body>
</html>`;

/** Hostile page CSS: the overlay must look the same regardless. */
const PARTNER_CSS = `* { font-family: "Comic Sans MS", cursive !important; color: magenta !important; }
dialog, button, video, div { border: 5px dashed lime !important; background: yellow !important; }
faceid-edge-overlay { display: none !important; opacity: 0 !important; }
body { background: #fafafa; margin: 24px; }`;

const PARTNER_SCRIPT = `
window.faceid = { messages: [] };
window.addEventListener("message", (event) => {
  if (event.source !== window || !event.data || typeof event.data.type !== "string") return;
  if (event.data.type.startsWith("faceid-edge:") && event.data.type !== "faceid-edge:capture-request") {
    window.faceid.messages.push(event.data);
  }
});
window.requestCapture = (fields) =>
  window.postMessage(Object.assign({ type: "faceid-edge:capture-request" }, fields), location.origin);
/** Loads a page of another origin in a frame; resolves once that frame has posted its own request to us. */
window.loadForeignFrame = (url) => new Promise((resolve) => {
  window.addEventListener("message", function done(event) {
    if (event.data && event.data.type === "test:foreign-done") {
      window.removeEventListener("message", done);
      resolve();
    }
  });
  const frame = document.createElement("iframe");
  frame.src = url;
  document.getElementById("frames").append(frame);
});`;

/** Where Tencent's hosted page sends the phone back (the partner's registered redirect URL). */
export const PARTNER_RETURN_PATH = "/return";
const RETURN_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Back at Acme Bank</title></head>
<body><h1>Back at Acme Bank</h1><p>Thank you: you can return to the agent.</p></body></html>`;

const FOREIGN_PAGE = `<!doctype html><html><head><meta charset="utf-8"><script src="/foreign.js"></script></head>
<body>Another site</body></html>`;

/** Posts a capture request to the page that framed it, as a malicious or careless third party could. */
const FOREIGN_SCRIPT = `
parent.postMessage({ type: "faceid-edge:capture-request", id: "foreign-1", livenessType: "SILENT", referenceImage: "#id-photo" }, "*");
parent.postMessage({ type: "test:foreign-done" }, "*");`;

/**
 * `connectSrc`: origins the page's CSP lets it connect to (its gateway). Firefox holds a Manifest V3 content
 * script's requests to the page's CSP, so there the partner must allow the gateway; Chromium does not.
 */
export async function startPartnerSite(options: { connectSrc?: string } = {}): Promise<TestSite> {
  const reference = await readFile(join(ROOT, "test/fixtures/camera/reference.jpg"));
  const csp = options.connectSrc ? `${PARTNER_CSP}; connect-src 'self' ${options.connectSrc}` : PARTNER_CSP;
  return serve(({ pathname }) => {
    switch (pathname) {
      case "/":
        return { type: "text/html", body: PARTNER_PAGE, csp };
      case "/page.js":
        return { type: "text/javascript", body: PARTNER_SCRIPT };
      case "/page.css":
        return { type: "text/css", body: PARTNER_CSS };
      case "/reference.jpg":
        return { type: "image/jpeg", body: reference };
      case PARTNER_RETURN_PATH:
        return { type: "text/html", body: RETURN_PAGE, csp: PARTNER_CSP };
      default:
        return null;
    }
  });
}

export async function startForeignSite(): Promise<TestSite> {
  return serve(({ pathname }) => {
    if (pathname === "/") return { type: "text/html", body: FOREIGN_PAGE };
    if (pathname === "/foreign.js") return { type: "text/javascript", body: FOREIGN_SCRIPT };
    return null;
  });
}

/** What a test site answers for a URL: a body of a type, under an optional CSP; null for 404. */
export type Route = (url: URL) => { type: string; body: string | Buffer; csp?: string } | null;

/** A loopback site on a free port answering by `route`, never cached. */
export async function serve(route: Route): Promise<TestSite> {
  const server: Server = createServer((request, response) => {
    const found = route(new URL(request.url ?? "/", "http://x"));
    if (!found) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, {
      "Content-Type": found.type,
      "Cache-Control": "no-store",
      ...(found.csp ? { "Content-Security-Policy": found.csp } : {}),
    });
    response.end(found.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
