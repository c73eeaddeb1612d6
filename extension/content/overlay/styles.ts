/**
 * The overlay's stylesheets. They live in the shadow root as constructable stylesheets: the page's CSS cannot
 * reach inside, and a page CSP without 'unsafe-inline' styles cannot block them. The host rules are
 * `!important` because, for important declarations, the shadow tree's `:host` wins over the page's own rules.
 */

/** The extension's host element: a full-viewport layer over the page (the web component has its own). */
export const OVERLAY_HOST_CSS = `
:host {
  all: initial !important;
  position: fixed !important;
  inset: 0 !important;
  z-index: 2147483647 !important;
  display: block !important;
  pointer-events: none !important;
}
`;

/** The dialog and its screens, wherever the dialog is placed. */
export const OVERLAY_CSS = `
* { box-sizing: border-box; }
dialog {
  pointer-events: auto;
  width: min(94vw, 600px);
  max-height: 92vh;
  /* Anchored to the top: screens differ in height, and a re-centred dialog would jump at every step. */
  margin: 4vh auto auto;
  overflow: auto;
  padding: 0;
  border: 0;
  border-radius: 18px;
  background: #ffffff;
  color: #0f172a;
  box-shadow: 0 24px 64px rgba(2, 6, 23, 0.45);
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  -webkit-font-smoothing: antialiased;
}
dialog::backdrop { background: rgba(2, 6, 23, 0.72); }
.header {
  display: flex; align-items: center; gap: 12px;
  padding: 14px 16px 10px 20px;
  border-bottom: 1px solid #e2e8f0;
}
.brand {
  width: 30px; height: 30px; border-radius: 8px; flex: none;
  background: linear-gradient(135deg, #2563eb, #0ea5e9);
  display: grid; place-items: center; color: #fff; font-weight: 700; font-size: 13px;
}
.titles { flex: 1; min-width: 0; }
.title { margin: 0; font-size: 16px; font-weight: 650; }
.subtitle { margin: 0; font-size: 12.5px; color: #64748b; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.icon-button {
  width: 36px; height: 36px; border-radius: 10px; border: 0; background: transparent;
  color: #475569; font-size: 22px; line-height: 1; cursor: pointer;
}
.icon-button:hover { background: #f1f5f9; }
.stage {
  position: relative; margin: 16px 20px 0; aspect-ratio: 4 / 3;
  border-radius: 14px; overflow: hidden; background: #0b1220;
}
.stage[hidden] { display: none; }
.stage video {
  position: absolute; inset: 0; width: 100%; height: 100%; object-fit: cover;
  /* A mirror is what people expect to see of themselves; the recording itself is not mirrored. */
  transform: scaleX(-1);
}
.stage svg { position: absolute; inset: 0; width: 100%; height: 100%; }
.guide-outline { fill: none; stroke: rgba(255, 255, 255, 0.9); stroke-width: 4; stroke-dasharray: 10 8; }
.guide-progress { fill: none; stroke: #22c55e; stroke-width: 8; stroke-linecap: round; transition: stroke-dashoffset 80ms linear; }
.stage[data-mode="recording"] .guide-outline { stroke: rgba(255, 255, 255, 0.35); stroke-dasharray: none; }
/* The face checks' verdict on the oval itself, where the person is looking: amber to fix, green when held. */
.stage[data-mode="preview"][data-guide="fix"] .guide-outline { stroke: #f59e0b; }
.stage[data-mode="preview"][data-guide="good"] .guide-outline { stroke: #22c55e; stroke-dasharray: none; }
.countdown {
  position: absolute; inset: 0; display: grid; place-items: center;
  font-size: 112px; font-weight: 700; color: #fff; text-shadow: 0 4px 24px rgba(0, 0, 0, 0.6);
}
.countdown[hidden] { display: none; }
.rec {
  position: absolute; top: 12px; inset-inline-start: 12px; padding: 4px 10px; border-radius: 999px;
  background: rgba(185, 28, 28, 0.92); color: #fff; font-size: 12px; font-weight: 650; letter-spacing: 0.04em;
}
.rec[hidden] { display: none; }
.rec::before { content: ""; display: inline-block; width: 8px; height: 8px; margin-inline-end: 6px; border-radius: 50%; background: #fff; vertical-align: 1px; }
.body { padding: 16px 20px 20px; }
.body h3 { margin: 0 0 6px; font-size: 18px; font-weight: 650; }
.body p { margin: 0 0 10px; color: #334155; }
.muted { color: #64748b !important; font-size: 13px; }
ol.steps { margin: 4px 0 12px; padding-inline-start: 22px; color: #334155; }
ol.steps li { margin: 4px 0; }
.actions { display: flex; flex-wrap: wrap; gap: 10px; justify-content: flex-end; margin-top: 16px; }
button.button {
  min-height: 42px; padding: 0 18px; border-radius: 10px; border: 1px solid #cbd5e1;
  background: #fff; color: #0f172a; font: inherit; font-weight: 600; cursor: pointer;
}
button.button:hover { background: #f8fafc; }
button.button.primary { background: #2563eb; border-color: #2563eb; color: #fff; }
button.button.primary:hover { background: #1d4ed8; }
button:focus-visible, select:focus-visible, input:focus-visible {
  outline: 3px solid #93c5fd; outline-offset: 2px;
}
.field { display: flex; align-items: center; gap: 10px; margin: 10px 0 0; font-size: 14px; color: #334155; }
.field select {
  flex: 1; min-width: 0; height: 38px; border-radius: 9px; border: 1px solid #cbd5e1; padding: 0 10px;
  font: inherit; background: #fff; color: #0f172a;
}
.plan { display: flex; flex-wrap: wrap; gap: 8px; margin: 6px 0 0; padding: 0; list-style: none; }
.plan li { padding: 5px 11px; border-radius: 999px; background: #eff6ff; color: #1e40af; font-size: 13.5px; font-weight: 600; }
.step-count { font-size: 13px; color: #64748b; margin: 0 0 2px !important; font-weight: 600; }
.body .prompt-title { margin: 0 0 2px; font-size: 28px; line-height: 1.15; font-weight: 750; color: #0f172a; }
.body .prompt-hint { font-size: 15px; }
.progress { height: 10px; border-radius: 999px; background: #e2e8f0; overflow: hidden; margin: 12px 0 6px; }
.progress > div { height: 100%; width: 0; background: #2563eb; transition: width 120ms linear; }
.spinner {
  width: 28px; height: 28px; border-radius: 50%; border: 3px solid #bfdbfe; border-top-color: #2563eb;
  animation: spin 0.9s linear infinite; flex: none;
}
@keyframes spin { to { transform: rotate(360deg); } }
.busy { display: flex; align-items: center; gap: 14px; padding: 8px 0; }
.notice { display: flex; gap: 12px; padding: 12px 14px; border-radius: 12px; background: #fef2f2; color: #7f1d1d; }
.notice.info { background: #eff6ff; color: #1e3a8a; }
.notice h3 { color: inherit; }
.notice p, .notice ol { color: inherit; }
.picker { display: grid; grid-template-columns: repeat(auto-fill, minmax(112px, 1fr)); gap: 10px; margin: 10px 0 4px; }
.picker button {
  aspect-ratio: 3 / 4; padding: 0; border-radius: 10px; border: 2px solid #e2e8f0; background: #f8fafc;
  overflow: hidden; cursor: pointer;
}
.picker button:hover, .picker button:focus-visible { border-color: #2563eb; }
.picker img { width: 100%; height: 100%; object-fit: cover; display: block; }
.verdict { display: grid; grid-template-columns: 132px 1fr; gap: 18px; align-items: start; }
.verdict canvas, .verdict .no-frame {
  width: 132px; height: 176px; border-radius: 12px; background: #e2e8f0; object-fit: cover; display: block;
}
.verdict .no-frame { display: grid; place-items: center; color: #64748b; font-size: 12px; text-align: center; padding: 8px; }
.outcome { margin: 0; font-size: 40px; line-height: 1.05; font-weight: 800; letter-spacing: -0.01em; }
.outcome.passed { color: #15803d; }
.outcome.failed { color: #b91c1c; }
/* Codes, links and ids read left to right inside right-to-left text. */
.result-code, .request-id code, .handoff-url, .handoff-code { direction: ltr; unicode-bidi: isolate; }
.result-code { margin: 4px 0 8px; font: 12.5px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; color: #64748b; word-break: break-all; }
.gauge { margin: 14px 0 4px; }
.gauge-label { display: flex; justify-content: space-between; font-size: 13px; color: #334155; font-weight: 600; }
.gauge-track { position: relative; height: 12px; margin: 6px 0 22px; border-radius: 999px; background: linear-gradient(90deg, #fee2e2 0 70%, #fef3c7 70% 80%, #dcfce7 80% 100%); }
.gauge-fill { position: absolute; inset-inline-start: 0; top: 0; bottom: 0; border-radius: 999px; }
/* Right to left (Arabic), the scale runs from the right like the fill and the marks. */
dialog[dir="rtl"] .gauge-track { background: linear-gradient(270deg, #fee2e2 0 70%, #fef3c7 70% 80%, #dcfce7 80% 100%); }
.gauge-fill.below { background: #dc2626; }
.gauge-fill.standard { background: #d97706; }
.gauge-fill.strict { background: #16a34a; }
.gauge-mark { position: absolute; top: -4px; bottom: -4px; width: 2px; background: #0f172a; }
.gauge-mark span { position: absolute; top: 20px; left: 50%; transform: translateX(-50%); white-space: nowrap; font-size: 11.5px; font-weight: 600; color: #475569; }
.request-id { display: flex; align-items: center; gap: 8px; margin-top: 14px; padding: 8px 10px; border-radius: 10px; background: #f1f5f9; }
.request-id code { flex: 1; min-width: 0; font: 12.5px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; word-break: break-all; user-select: all; }
.request-id button { min-height: 32px; padding: 0 12px; font-size: 13px; }
/* The muted grey reads 4.34:1 on this row's tint (axe, in the web component's e2e test); 12.5 px needs 4.5:1. */
.request-id .muted { color: #475569 !important; }
.handoff { display: grid; grid-template-columns: 200px 1fr; gap: 18px; align-items: center; margin: 10px 0 4px; }
/* Crisp modules at any zoom: the canvas holds whole pixels per module, the browser must not smooth them. */
.handoff canvas.qr { display: block; justify-self: center; max-width: 100%; image-rendering: pixelated; background: #fff; }
.handoff-links { min-width: 0; }
.handoff-links p { margin: 0 0 4px; }
.handoff-url { display: block; margin: 0 0 12px; font: 12.5px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; word-break: break-all; user-select: all; }
.body .handoff-code { margin: 0 0 10px; font: 700 28px/1.1 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; letter-spacing: 0.08em; color: #0f172a; }
.handoff-steps { display: flex; gap: 6px; margin: 12px 0 8px; padding: 0; list-style: none; counter-reset: step; }
.handoff-steps li { flex: 1; padding: 6px 8px; border-radius: 8px; background: #f1f5f9; color: #64748b; font-size: 13px; font-weight: 600; text-align: center; }
.handoff-steps li.done { background: #dcfce7; color: #166534; }
.handoff-steps li.current { background: #2563eb; color: #fff; }
.handoff-status { font-weight: 600; }
.notice[hidden] { display: none; }
.face-status { margin: 8px 0 12px; padding: 10px 14px; border-radius: 12px; background: #f1f5f9; border-left: 6px solid #94a3b8; }
.face-status[data-guide="fix"] { background: #fffbeb; border-left-color: #d97706; }
.face-status[data-guide="good"] { background: #f0fdf4; border-left-color: #16a34a; }
.body .face-status-title { margin: 0; font-size: 20px; font-weight: 750; color: #0f172a; }
.body .face-status-hint { margin: 2px 0 0; }
@media (max-width: 520px) { .handoff { grid-template-columns: 1fr; justify-items: center; } }
.sr-only { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
@media (prefers-reduced-motion: reduce) {
  .spinner { animation-duration: 3s; }
  .guide-progress, .progress > div { transition: none; }
}
`;
