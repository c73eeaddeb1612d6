// A partner's own KYC page with the <faceid-capture> web component and no extension, served on loopback with
// the strict CSP the README gives partners (no 'unsafe-inline', no 'unsafe-eval'), and a second site that
// frames it with allow="camera". Each page records the component's events and every CSP violation it sees.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { CAMERA_FIXTURE, ROOT } from "./browser";
import { serve } from "./partner-site";

/**
 * The page's CSP: the README's, or (a control, showing the recorder sees what that CSP forbids) the same
 * without the gateway in connect-src.
 */
export type PagePolicy = "readme" | "gateway-not-in-connect-src";

export interface ComponentSite {
  origin: string;
  /** The page with `<faceid-capture>` and these attributes (a value of true: present without a value). */
  pageUrl(attributes: Record<string, string | true>, policy?: PagePolicy): string;
  close(): Promise<void>;
}

export interface FramingSite {
  origin: string;
  /** A page of this site that frames `src`, with allow="camera" unless told otherwise. */
  pageUrl(src: string, allowCamera?: boolean): string;
  close(): Promise<void>;
}

/** What a partner's page needs for the component, as README "The web component" says (plus its own 'self'). */
export function partnerCsp(gatewayUrl: string): string {
  return [
    "default-src 'none'",
    `script-src 'self' ${gatewayUrl}`,
    `connect-src 'self' ${gatewayUrl}`,
    `frame-src ${gatewayUrl}`,
    "img-src 'self'",
    "style-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
}

/** Listens before the component loads, so a violation caused by loading it is seen too. */
const RECORDER_SCRIPT = `
window.captured = { events: [], violations: [] };
document.addEventListener("securitypolicyviolation", (event) => {
  window.captured.violations.push(event.violatedDirective + " " + event.blockedURI);
}, true);
for (const type of ["faceid-capture:result", "faceid-capture:error"]) {
  document.addEventListener(type, (event) => window.captured.events.push({ type, detail: event.detail }));
}`;

const PAGE_CSS = `body { font: 16px/1.5 system-ui, sans-serif; margin: 24px; color: #111827; }
main { max-width: 40rem; }`;

export async function startComponentSite(sdk: {
  gatewayUrl: string;
  path: string;
  integrity: string;
}): Promise<ComponentSite> {
  const reference = await readFile(join(ROOT, "test/fixtures/camera/reference.jpg"));
  const policies: Record<PagePolicy, string> = {
    readme: partnerCsp(sdk.gatewayUrl),
    "gateway-not-in-connect-src": partnerCsp(sdk.gatewayUrl).replace(
      `connect-src 'self' ${sdk.gatewayUrl}`,
      "connect-src 'self'",
    ),
  };
  const site = await serve((url) => {
    switch (url.pathname) {
      case "/":
        return { type: "text/html", body: componentPage(sdk, url.searchParams), csp: policies.readme };
      case "/control/":
        return {
          type: "text/html",
          body: componentPage(sdk, url.searchParams),
          csp: policies["gateway-not-in-connect-src"],
        };
      case "/recorder.js":
        return { type: "text/javascript", body: RECORDER_SCRIPT };
      case "/page.css":
        return { type: "text/css", body: PAGE_CSS };
      case "/reference.jpg":
        return { type: "image/jpeg", body: reference };
      default:
        return null;
    }
  });
  return {
    ...site,
    pageUrl: (attributes, policy = "readme") => {
      const query = new URLSearchParams();
      for (const [name, value] of Object.entries(attributes)) query.set(name, value === true ? "" : value);
      return `${site.origin}${policy === "readme" ? "/" : "/control/"}?${query}`;
    },
  };
}

export async function startFramingSite(framedOrigin: string): Promise<FramingSite> {
  const csp = `default-src 'none'; frame-src ${framedOrigin}; script-src 'self'; style-src 'self'`;
  const site = await serve((url) => {
    if (url.pathname === "/") {
      const src = url.searchParams.get("src") ?? "";
      const allow = url.searchParams.get("allow") === "camera" ? ' allow="camera"' : "";
      return {
        type: "text/html",
        body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Partner portal</title>
<script src="/recorder.js"></script></head><body><h1>Partner portal</h1>
<iframe src="${escapeHtml(src)}"${allow} title="Identity check" width="700" height="760"></iframe>
</body></html>`,
        csp,
      };
    }
    if (url.pathname === "/recorder.js") return { type: "text/javascript", body: RECORDER_SCRIPT };
    return null;
  });
  return {
    ...site,
    pageUrl: (src, allowCamera = true) =>
      `${site.origin}/?${new URLSearchParams({ src, allow: allowCamera ? "camera" : "" })}`,
  };
}

/**
 * Chromium with no extension and a fake camera playing `cameraFixture` (by default the committed one): "deny"
 * refuses it as a person clicking Block, "absent" is a machine with no camera at all. `insecureHost` resolves
 * to loopback, so a page served by this name over http is no secure context (loopback itself is one).
 */
export async function launchCameraBrowser(
  camera: "allow" | "deny" | "absent",
  options: { cameraFixture?: string; insecureHost?: string } = {},
) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    timeout: 60_000,
    args: [
      camera === "absent"
        ? "--use-fake-device-for-media-stream=device-count=0"
        : "--use-fake-device-for-media-stream",
      camera === "deny" ? "--use-fake-ui-for-media-stream=deny" : "--use-fake-ui-for-media-stream",
      // A file camera is there whatever device-count says.
      ...(camera === "absent"
        ? []
        : [`--use-file-for-fake-video-capture=${options.cameraFixture ?? CAMERA_FIXTURE}`]),
      ...(options.insecureHost ? [`--host-resolver-rules=MAP ${options.insecureHost} 127.0.0.1`] : []),
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
    ],
  });
}

function componentPage(sdk: { gatewayUrl: string; path: string; integrity: string }, query: URLSearchParams) {
  const attributes = [...query]
    .map(([name, value]) => (value === "" ? name : `${name}="${escapeHtml(value)}"`))
    .join(" ");
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Acme Bank · verify your identity</title>
<link rel="stylesheet" href="/page.css">
<script src="/recorder.js"></script>
<script src="${sdk.gatewayUrl}${sdk.path}" integrity="${sdk.integrity}" crossorigin="anonymous"></script>
</head>
<body><main>
<h1>Verify your identity</h1>
<p>Acme Bank compares your face with the photo on your ID.</p>
<img id="id-photo" src="/reference.jpg" alt="ID photo" width="150" height="200">
<faceid-capture ${attributes}></faceid-capture>
</main></body>
</html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
