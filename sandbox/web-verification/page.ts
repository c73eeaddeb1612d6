/**
 * The page at VerificationURL: the sandbox's stand-in for Tencent's hosted verification page, and one clear
 * page for each BizToken it cannot run (unknown, expired, already used). Markup and styles only; its behaviour
 * is ./page-script.ts, served as its own file so the page's CSP can forbid inline script. It says on every
 * screen that it is the sandbox, not Tencent, and it speaks English whatever Language asked for, which it shows.
 */
import { html, type SafeHtml } from "../../worker/docs/html";
import { type CheckMode, LANGUAGES, type SecurityLevel, type WebVerificationConfig } from "./config";
import { STEP_OUTCOME_CODES, webErrorMessage } from "./error-codes";
import type { FlowView } from "./flow-view";
import { stepsOf } from "./outcomes";
import { FLOW_ENDPOINTS, WEB_VERIFICATION_PATH } from "./paths";

/** Own script only; the camera preview is a MediaStream (no URL), uploads go to the sandbox itself. */
export const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'unsafe-inline'",
  "img-src data: blob:",
  "media-src blob:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

/** The seconds the page records for a liveness attempt. */
export const RECORDING_SECONDS = 3;

export function verificationPage(view: FlowView, config: WebVerificationConfig): string {
  const steps = stepsOf(config.checkMode);
  const flow = {
    token: view.bizToken,
    base: WEB_VERIFICATION_PATH,
    endpoints: FLOW_ENDPOINTS,
    steps,
    autoSkip: config.autoSkip,
    showIntro: !(config.autoSkipStartPage && config.skipPrivacyPolicy),
    askConsent: !config.skipPrivacyPolicy,
    recordingSeconds: RECORDING_SECONDS,
    view,
  };
  const documentName = config.idCardType ?? "";
  const body = html`
<section id="intro" aria-labelledby="intro-title" hidden>
<h2 id="intro-title">Before you start</h2>
<p>You will ${steps.map((step, i) => html`${i > 0 ? " then " : ""}${STEP_SUMMARY[step]}`)}. You can use the
camera or choose files instead.</p>
${
  flow.askConsent
    ? html`<p><label><input type="checkbox" id="consent"> I agree to the privacy notice (a sandbox stand-in:
the photos and videos stay on this machine).</label></p>`
    : ""
}
<button type="button" id="start">Start verification</button>
</section>

<section id="capture" aria-label="Camera" hidden>
<video id="camera" autoplay muted playsinline></video>
<p><button type="button" id="start-camera">Start camera</button></p>
</section>

<section id="document-step" aria-labelledby="document-title" hidden>
<h2 id="document-title">Step ${1}: photograph your document (${documentName})</h2>
<p>Hold the front of the document flat in the frame.</p>
<p><button type="button" id="take-photo" disabled>Take document photo</button></p>
<p><label for="document-file">Or choose a document photo</label>
<input type="file" id="document-file" accept="image/jpeg,image/png"></p>
</section>

<section id="liveness-step" aria-labelledby="liveness-title" hidden>
<h2 id="liveness-title">Step ${steps.length}: liveness</h2>
<p>${livenessInstruction(config.securityLevel, config.actionList)} The page records ${RECORDING_SECONDS} seconds.</p>
<p><button type="button" id="record" disabled>Record liveness video</button></p>
<p><label for="video-file">Or choose a liveness video</label>
<input type="file" id="video-file" accept="video/mp4,video/webm,video/x-msvideo,video/x-flv"></p>
</section>

<p id="exit-row" hidden><button type="button" id="exit">Exit verification</button></p>

<section id="result" aria-labelledby="result-title" hidden>
<h2 id="result-title">Verification finished</h2>
<p id="result-text"></p>
<p><button type="button" id="next">Next</button></p>
</section>

<details class="controls">
<summary>Sandbox controls</summary>
<p><label for="outcome">Outcome of the next step</label>
<select id="outcome">
<option value="">Default: pass, or what the reference image's marker asks for</option>
${STEP_OUTCOME_CODES.map((code) => html`<option value="${code}">${code} · ${webErrorMessage(code)}</option>`)}
</select></p>
<p class="hint">Flow status: <code>GET ${WEB_VERIFICATION_PATH}${FLOW_ENDPOINTS.status}?token=…</code></p>
</details>

<p id="status" role="status" aria-live="polite">Loading…</p>`;
  return shell({
    title: "Verify your identity",
    themeColor: config.themeColor,
    script: `${WEB_VERIFICATION_PATH}${FLOW_ENDPOINTS.script}`,
    flowData: JSON.stringify(flow),
    settings: settingsList(config),
    body,
  });
}

export type RefusalPage = "unknown" | "expired" | "results-expired" | "completed";

/** A BizToken the page cannot run: what happened, in plain words, with Tencent's code where it has one. */
export function refusalPage(kind: RefusalPage, view?: FlowView): string {
  const { title, text } = REFUSALS[kind];
  const back =
    kind === "completed" && view?.redirectUrl
      ? html`<p><a href="${view.redirectUrl}">Return to the page that sent you here</a></p>`
      : "";
  const outcome =
    kind === "completed" && view?.errorCode !== null && view?.errorCode !== undefined
      ? html`<p>It ended with ErrorCode ${view.errorCode}: ${view.errorMsg ?? ""}.</p>`
      : "";
  return shell({
    title,
    themeColor: "",
    script: null,
    flowData: null,
    settings: "",
    body: html`<section aria-labelledby="refusal-title"><h2 id="refusal-title">${title}</h2><p>${text}</p>
${outcome}${back}</section>`,
  });
}

// ---------------------------------------------------------------------------------------------------------

const STEP_SUMMARY = {
  document: "photograph the front of your identity document",
  liveness: "record a short video of your face",
} as const;

const MODE_TEXT: Readonly<Record<CheckMode, string>> = {
  1: "OCR + liveness + face comparison",
  2: "liveness + face comparison",
  3: "liveness",
  4: "OCR",
};

const LEVEL_TEXT: Readonly<Record<SecurityLevel, string>> = {
  1: "silent liveness",
  2: "action liveness",
  3: "light liveness",
  4: "action + light liveness",
};

const ACTION_TEXT: Readonly<Record<string, string>> = {
  blink: "blink",
  mouth: "open your mouth",
  nod: "nod",
  shake: "shake your head",
};

const REFUSALS: Readonly<Record<RefusalPage, { title: string; text: string }>> = {
  unknown: {
    title: "This verification link is not valid",
    text: "No verification has this link. Ask the page that sent you here for a new one.",
  },
  expired: {
    title: "This verification link has expired",
    text:
      "A verification link works for 10 minutes after it is made (Tencent's ErrorCode 15, Token expired). " +
      "Ask the page that sent you here for a new one.",
  },
  "results-expired": {
    title: "This verification link has expired",
    text: "This verification is more than 3 days old and no longer exists. Ask for a new link.",
  },
  completed: {
    title: "This verification has already been completed",
    text: "A verification link can be used once (Tencent's ErrorCode 14, Verification has been completed).",
  },
};

function livenessInstruction(level: SecurityLevel, actions: string | null): string {
  const look = "Look straight at the camera, face in the frame, in even light.";
  const doActions = actions
    ? ` Then ${actions
        .split(",")
        .map((action) => ACTION_TEXT[action] ?? action)
        .join(", then ")}.`
    : "";
  const light =
    level === 3 || level === 4
      ? " (Tencent's page flashes colours on the screen; the sandbox does not.)"
      : "";
  return look + doActions + light;
}

function settingsList(config: WebVerificationConfig): SafeHtml {
  const language = LANGUAGES[config.language] ?? config.language;
  return html`<dl class="settings">
<dt>CheckMode</dt><dd>${config.checkMode} · ${MODE_TEXT[config.checkMode]}</dd>
${config.idCardType ? html`<dt>IDCardType</dt><dd>${config.idCardType}</dd>` : ""}
${config.checkMode !== 4 ? html`<dt>SecurityLevel</dt><dd>${config.securityLevel} · ${LEVEL_TEXT[config.securityLevel]}${config.actionList ? html` (${config.actionList})` : ""}</dd>` : ""}
<dt>Language asked</dt><dd id="language">${config.language} · ${language}. This sandbox page speaks English only.</dd>
${config.checkMode !== 4 ? html`<dt>Liveness attempts</dt><dd>up to ${config.livenessRetryLimit}; timeout ${config.livenessTimeout} s (not enforced by the sandbox)</dd>` : ""}
</dl>`;
}

interface Shell {
  title: string;
  /** `#rrggbb`, or empty for the default. */
  themeColor: string;
  script: string | null;
  flowData: string | null;
  settings: SafeHtml | string;
  body: SafeHtml;
}

function shell(page: Shell): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${page.title} · FaceID sandbox</title>
<style>${STYLE}</style>
${page.script ? html`<script src="${page.script}" defer></script>` : ""}
</head>
<body${page.themeColor ? html` style="--theme: ${page.themeColor}"` : ""}>
<main id="flow"${page.flowData ? html` data-flow="${page.flowData}"` : ""}>
<p class="banner" role="note"><strong>FaceID sandbox</strong> · This page stands in for Tencent Cloud's hosted
verification page on this machine. It is not Tencent, and nothing on it is sent to Tencent.</p>
<h1>${page.title}</h1>
${page.settings}
${page.body}
</main>
</body>
</html>`.toString();
}

const STYLE = `
:root { --theme: #2d72f1; color-scheme: light; }
body { margin: 0; font: 16px/1.5 system-ui, sans-serif; color: #1d2330; background: #f4f6fa; }
main { max-width: 40rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
.banner { background: #fff4d6; border: 1px solid #e6c66a; border-radius: 6px; padding: 0.5rem 0.75rem; font-size: 0.9rem; }
h1 { font-size: 1.5rem; margin: 1rem 0 0.5rem; }
h2 { font-size: 1.15rem; margin: 1.25rem 0 0.5rem; }
.settings { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 0.75rem; font-size: 0.9rem; }
.settings dt { font-weight: 600; }
.settings dd { margin: 0; }
section { background: #fff; border-radius: 8px; padding: 0.75rem 1rem; margin: 1rem 0; box-shadow: 0 1px 2px #0001; }
video { width: 100%; max-height: 18rem; background: #111; border-radius: 6px; }
button { font: inherit; padding: 0.5rem 1rem; border: 0; border-radius: 6px; background: var(--theme); color: #fff; cursor: pointer; }
button:disabled { opacity: 0.45; cursor: default; }
#exit { background: #5b6475; }
#status { font-weight: 600; min-height: 1.5em; }
.controls { margin: 1.5rem 0 0.5rem; font-size: 0.9rem; }
.hint { color: #5b6475; }
`;
