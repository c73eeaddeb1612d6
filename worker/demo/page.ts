/**
 * The demo partner page: a webcam capture with the `<faceid-capture>` web component (the gateway's own
 * /sdk/<version>/capture.js), and as a fallback a form for a recorded video and a photo, with an upload
 * progress bar; then the verdict. Markup and inline styles only; its behaviour is /demo/app.js
 * (demo/app-script.ts), so the page's CSP can forbid inline script. The choices on offer come from the shared
 * constants the gateway validates with.
 */
import { MAX_IMAGE_BASE64_BYTES, MAX_VIDEO_BASE64_BYTES } from "../../shared/faceid/limits";
import { LIVENESS_ACTION_CODES } from "../../shared/faceid/types";
import { REST_PATHS } from "../../shared/rest/api";
import { maxRawBytes } from "../compare/rules";
import { html } from "../docs/html";

export interface DemoPaths {
  script: string;
  session: string;
  /** The web component, as the gateway serves it (wrangler.toml [assets]). */
  component: string;
}

/** What the webcam capture may ask for: each a liveness type and its actions, as the component takes them. */
const CAPTURE_PRESETS = [
  { label: "Silent: look at the camera", livenessType: "SILENT", actions: "" },
  { label: "Action: blink", livenessType: "ACTION", actions: "blink" },
  { label: "Action: shake your head, then blink", livenessType: "ACTION", actions: "shake_head,blink" },
] as const;

export function demoPage(paths: DemoPaths): string {
  const maxVideoBytes = maxRawBytes(MAX_VIDEO_BASE64_BYTES);
  const maxImageBytes = maxRawBytes(MAX_IMAGE_BASE64_BYTES);
  const actions = Object.keys(LIVENESS_ACTION_CODES);
  const actionOptions = actions.map((name) => html`<option value="${name}">${actionLabel(name)}</option>`);
  const presetOptions = CAPTURE_PRESETS.map(
    (preset) =>
      html`<option value="${preset.livenessType}" data-actions="${preset.actions}">${preset.label}</option>`,
  );
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Verify your identity · FaceID Edge demo partner</title>
<style>${STYLE}</style>
<script src="${paths.component}"></script>
<script src="${paths.script}" defer></script>
</head>
<body>
<main>
<header>
<p class="tag">Development only · reference integration</p>
<h1>Verify your identity</h1>
<p>This page is what a partner's KYC page does: it gets a session token and hands it to the
<code>&lt;faceid-capture&gt;</code> web component, which records the person with the camera, uploads the video and
the reference photo to <code>POST ${REST_PATHS.compare}</code>, and tells the page FaceID's verdict. Here the token
comes from the gateway's development-only <code>POST ${paths.session}</code>; a real page asks its own backend,
which calls <code>CreateCaptureSession</code> with its partner credentials.</p>
</header>

<section class="panel" aria-labelledby="webcam-title">
<h2 id="webcam-title">With your camera</h2>
<div class="field">
<label for="capture-preset">Liveness check</label>
<select id="capture-preset">${presetOptions}</select>
</div>
<p class="hint">The component asks for the reference photo (a JPG or PNG file) first, then for the camera.</p>
<faceid-capture id="capture" liveness-type="SILENT"></faceid-capture>
</section>

<details id="upload-fallback">
<summary>No camera? Upload a recorded video instead</summary>
<form id="verify-form" data-session-url="${paths.session}" data-compare-url="${REST_PATHS.compare}"
  data-max-video-bytes="${maxVideoBytes}" data-max-image-bytes="${maxImageBytes}">
<fieldset>
<legend>Files</legend>
<div class="field">
<label for="video">Liveness video</label>
<input type="file" id="video" name="video" required accept="video/mp4,video/x-msvideo,video/x-flv,.mp4,.avi,.flv" aria-describedby="video-hint">
<p class="hint" id="video-hint">MP4, AVI or FLV, longer than 2 seconds, at most ${mebibytes(maxVideoBytes)}.</p>
<video id="video-preview" class="preview" controls muted playsinline hidden></video>
</div>
<div class="field">
<label for="image">Reference photo</label>
<input type="file" id="image" name="image" required accept="image/jpeg,image/png" aria-describedby="image-hint">
<p class="hint" id="image-hint">JPG or PNG of the person's face, at most ${mebibytes(maxImageBytes)}.</p>
<img id="image-preview" class="preview" alt="The chosen reference photo" hidden>
</div>
</fieldset>

<fieldset>
<legend>Liveness check</legend>
<label class="choice"><input type="radio" name="livenessType" value="SILENT" checked> Silent: the person looks at the camera</label>
<label class="choice"><input type="radio" name="livenessType" value="ACTION"> Action: the person performs one or two actions</label>
<fieldset id="actions" class="actions" disabled>
<legend>Actions, in the order performed</legend>
<label for="action-1">First</label>
<select id="action-1" name="action1">${actionOptions}</select>
<label for="action-2">Second</label>
<select id="action-2" name="action2"><option value="">(none)</option>${actionOptions}</select>
</fieldset>
</fieldset>

<button type="submit" id="verify">Verify</button>
</form>
</details>

<section id="progress" class="panel" hidden aria-labelledby="progress-label">
<label id="progress-label" for="upload-progress">Uploading…</label>
<progress id="upload-progress" max="100" value="0"></progress>
<span id="progress-percent" aria-hidden="true">0 %</span>
</section>

<section id="verdict" class="panel" hidden aria-labelledby="verdict-title" aria-live="polite">
<h2 id="verdict-title">Verdict: <span id="verdict-outcome"></span></h2>
<p id="verdict-description"></p>
<dl>
<dt>Similarity</dt><dd id="verdict-similarity"></dd>
<dt>Result code</dt><dd><code id="verdict-result"></code></dd>
<dt>Tencent RequestId</dt><dd><code id="verdict-tencent-request-id"></code></dd>
<dt>Gateway request id</dt><dd><code id="verdict-request-id"></code></dd>
</dl>
<figure id="best-frame" hidden>
<img id="best-frame-image" alt="The video frame FaceID judged best">
<figcaption>Best frame</figcaption>
</figure>
</section>

<section id="failure" class="panel failure" hidden role="alert" aria-labelledby="failure-title">
<h2 id="failure-title">Could not verify</h2>
<p id="failure-message"></p>
<p class="hint" id="failure-detail"></p>
</section>
</main>
</body>
</html>`.value;
}

// ---------------------------------------------------------------------------------------------------------

function actionLabel(name: string): string {
  const text = name.replace("_", " ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function mebibytes(bytes: number): string {
  return `${Number((bytes / (1024 * 1024)).toFixed(2))} MiB`;
}

const STYLE = `
:root { color-scheme: light; --fg: #1d232b; --muted: #5b6570; --line: #d5dbe1; --bg: #f4f6f8; --accent: #0b5cad; --pass: #1a7f37; --fail: #b42318; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 16px/1.5 system-ui, sans-serif; }
main { max-width: 44rem; margin: 2rem auto; padding: 0 1rem; }
header p { color: var(--muted); }
.tag { display: inline-block; margin: 0; padding: 0.1rem 0.6rem; border-radius: 999px; background: #fff4d6; color: #7a5300; font-size: 0.8rem; }
h1 { margin: 0.4rem 0; }
form, .panel { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 1.25rem; margin: 1rem 0; }
fieldset { border: 0; padding: 0; margin: 0 0 1.25rem; }
legend { font-weight: 600; margin-bottom: 0.5rem; }
.field { margin-bottom: 1rem; }
.field label { display: block; font-weight: 500; }
.hint { color: var(--muted); font-size: 0.875rem; margin: 0.25rem 0; }
.choice { display: block; margin: 0.3rem 0; }
.actions { display: grid; grid-template-columns: auto 1fr; gap: 0.5rem 0.75rem; align-items: center; margin: 0.75rem 0 0 1.5rem; max-width: 22rem; }
.actions legend { grid-column: 1 / -1; font-weight: 500; }
.actions[disabled] { opacity: 0.5; }
select, input[type="file"] { font: inherit; }
select { padding: 0.25rem 0.4rem; border: 1px solid var(--line); border-radius: 4px; background: #fff; }
.panel h2 { margin-top: 0; }
.preview { display: block; max-width: 12rem; max-height: 9rem; margin-top: 0.5rem; border-radius: 6px; border: 1px solid var(--line); }
button { font: inherit; font-weight: 600; padding: 0.6rem 1.6rem; border: 0; border-radius: 6px; background: var(--accent); color: #fff; cursor: pointer; }
button:disabled { opacity: 0.6; cursor: progress; }
button:focus-visible, input:focus-visible, select:focus-visible { outline: 3px solid #7db7f0; outline-offset: 2px; }
#progress { display: flex; align-items: center; gap: 0.75rem; }
#progress progress { flex: 1; height: 1rem; }
#verdict-outcome.passed { color: var(--pass); }
#verdict-outcome.failed { color: var(--fail); }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; }
dt { color: var(--muted); }
dd { margin: 0; overflow-wrap: anywhere; }
figure { margin: 1rem 0 0; }
figure img { max-width: 16rem; border-radius: 6px; border: 1px solid var(--line); }
figcaption { color: var(--muted); font-size: 0.875rem; }
.failure { border-color: var(--fail); }
.failure h2 { color: var(--fail); margin-top: 0; }
details { margin: 1rem 0; }
summary { cursor: pointer; font-weight: 600; color: var(--accent); }
faceid-capture { margin-top: 0.75rem; }
[hidden] { display: none !important; }
`;
