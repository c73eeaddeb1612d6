/**
 * The demo page's browser code, served as /demo/app.js. It is the reference integration for partner pages,
 * so it is plain, commented JavaScript that runs as is in any current browser: no build step, no library.
 * (Kept as a string because the Worker's TypeScript has no DOM types; it has no template placeholders.)
 */
export const DEMO_APP_SCRIPT = `// FaceID Edge: reference integration for a partner's KYC page.
//
// 1. Get a session token, the only credential a browser ever holds. A real page asks its own backend,
//    which calls the gateway's CreateCaptureSession (Tencent dialect, partner credentials) and passes the
//    token on. This demo uses the gateway's development-only POST /demo/session instead.
// 2. With a camera: give the token to <faceid-capture> (its session-token attribute). The component guides
//    the person, uploads, and dispatches "faceid-capture:result" (with the signed verdictToken for the
//    backend) or "faceid-capture:error" ({ code, message }).
//    Without one (the fallback form): upload a recorded video and the photo as multipart/form-data (binary:
//    25 % smaller than base64) to POST /v1/liveness/compare with "Authorization: Bearer <session token>".
//    XMLHttpRequest, not fetch, because only XMLHttpRequest reports upload progress.
// 3. Show the verdict, or the message of the error envelope {"error": {"code", "message", "requestId"}}.
"use strict";

(function () {
  const form = document.getElementById("verify-form");
  const config = {
    sessionUrl: form.dataset.sessionUrl,
    compareUrl: form.dataset.compareUrl,
    maxVideoBytes: Number(form.dataset.maxVideoBytes),
    maxImageBytes: Number(form.dataset.maxImageBytes),
  };
  const element = (id) => document.getElementById(id);

  // Error codes after which the token is of no further use: the next attempt gets a new one.
  const SPENT_TOKEN_CODES = ["token_expired", "token_revoked", "attempts_exhausted", "unauthorized"];

  /** The current session: { token, expiresAt } (expiresAt in ms), or null before the first one. */
  let session = null;

  // --- Step 1: the session token -------------------------------------------------------------------

  async function sessionToken() {
    // Reuse the token while it has a minute left: one session allows a few attempts.
    if (session && session.expiresAt - Date.now() > 60 * 1000) return session.token;
    const response = await fetch(config.sessionUrl, { method: "POST" });
    const body = await response.json().catch(() => null);
    if (!response.ok || !body || !body.sessionToken) throw apiError(response.status, body);
    session = { token: body.sessionToken, expiresAt: Date.parse(body.expiresAt) };
    return session.token;
  }

  // --- Step 2: the upload, with progress ---------------------------------------------------------

  /** Sends the form data; resolves with { status, body } whatever the status, rejects on network errors. */
  function uploadCompare(token, formData, onProgress) {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open("POST", config.compareUrl);
      xhr.setRequestHeader("Authorization", "Bearer " + token);
      // No Content-Type header: the browser sets multipart/form-data with its boundary itself.
      xhr.responseType = "json";
      xhr.upload.addEventListener("progress", (event) => {
        if (event.lengthComputable) onProgress(event.loaded / event.total);
      });
      // The bytes are sent; FaceID now judges the video, which takes a few seconds.
      xhr.upload.addEventListener("load", () => onProgress(null));
      xhr.addEventListener("load", () => resolve({ status: xhr.status, body: xhr.response }));
      xhr.addEventListener("error", () => reject(new Error("The network failed during the upload.")));
      xhr.addEventListener("abort", () => reject(new Error("The upload was cancelled.")));
      xhr.send(formData);
    });
  }

  async function verify() {
    const video = element("video").files[0];
    const image = element("image").files[0];
    const livenessType = form.elements.livenessType.value;
    const actions = [element("action-1").value, element("action-2").value].filter(Boolean);

    // Checks the gateway would make anyway, done first to spare the person a long upload.
    if (!video || !image) throw new Error("Choose a video and a photo.");
    if (video.size > config.maxVideoBytes) throw new Error("The video is too large (" + mebibytes(video.size) + ").");
    if (image.size > config.maxImageBytes) throw new Error("The photo is too large (" + mebibytes(image.size) + ").");

    const formData = new FormData();
    formData.append("video", video);
    formData.append("image", image);
    formData.append("livenessType", livenessType);
    if (livenessType === "ACTION") formData.append("actions", actions.join(","));

    const token = await sessionToken();
    showProgress(0);
    const { status, body } = await uploadCompare(token, formData, showProgress);
    if (status !== 200 || !body || typeof body.passed !== "boolean") {
      const error = apiError(status, body);
      if (SPENT_TOKEN_CODES.includes(error.code)) session = null;
      throw error;
    }
    return body;
  }

  // --- Step 3: the verdict -----------------------------------------------------------------------

  function showVerdict(result) {
    const outcome = element("verdict-outcome");
    outcome.textContent = result.passed ? "passed" : "not passed";
    outcome.className = result.passed ? "passed" : "failed";
    element("verdict-description").textContent = result.description;
    element("verdict-similarity").textContent = result.similarity === null ? "not applicable" : result.similarity + " / 100";
    element("verdict-result").textContent = result.result;
    element("verdict-tencent-request-id").textContent = result.tencentRequestId;
    // The component's event carries no gateway request id (its verdict token names the session).
    element("verdict-request-id").textContent = result.requestId || "—";
    // FaceID returns the best frame as a base64 JPEG; the page's CSP allows data: images for it.
    const frame = element("best-frame-image");
    if (result.bestFrameBase64) frame.src = "data:image/jpeg;base64," + result.bestFrameBase64;
    else frame.removeAttribute("src");
    element("best-frame").hidden = !result.bestFrameBase64;
    element("verdict").hidden = false;
  }

  function showFailure(error) {
    element("failure-message").textContent = error.message;
    element("failure-detail").textContent = error.code
      ? "Code " + error.code + (error.requestId ? " · request id " + error.requestId : "")
      : "";
    element("failure").hidden = false;
  }

  /** An Error from the REST error envelope, keeping its code and request id for support. */
  function apiError(status, body) {
    const envelope = body && body.error;
    const error = new Error(envelope ? envelope.message : "The gateway answered with HTTP " + status + ".");
    error.code = envelope ? envelope.code : "";
    error.requestId = envelope ? envelope.requestId : "";
    return error;
  }

  // --- Step 2, with a camera: the web component --------------------------------------------------

  const capture = element("capture");
  const preset = element("capture-preset");

  /** The component reads its attributes when the person presses Start: they are set before. */
  async function prepareCapture() {
    const option = preset.selectedOptions[0];
    capture.setAttribute("liveness-type", option.value);
    if (option.dataset.actions) capture.setAttribute("actions", option.dataset.actions);
    else capture.removeAttribute("actions");
    try {
      capture.setAttribute("session-token", await sessionToken());
    } catch (error) {
      showFailure(error);
    }
  }

  preset.addEventListener("change", prepareCapture);
  capture.addEventListener("faceid-capture:result", (event) => {
    element("failure").hidden = true;
    // A real page sends event.detail.verdictToken to its backend, which verifies it (README).
    showVerdict(event.detail);
    // This session has its verdict: the next capture gets a new one.
    session = null;
    prepareCapture();
  });
  capture.addEventListener("faceid-capture:error", (event) => {
    if (event.detail.code === "cancelled") return;
    const error = new Error(event.detail.message);
    error.code = event.detail.code;
    showFailure(error);
    if (SPENT_TOKEN_CODES.includes(event.detail.code)) {
      session = null;
      prepareCapture();
    }
  });
  prepareCapture();

  // --- Page wiring ---------------------------------------------------------------------------------

  /** fraction: 0–1 while uploading; null once the upload is done and the answer is awaited. */
  function showProgress(fraction) {
    const bar = element("upload-progress");
    element("progress").hidden = false;
    if (fraction === null) {
      bar.removeAttribute("value"); // an indeterminate bar: waiting for FaceID
      element("progress-label").textContent = "Verifying…";
      element("progress-percent").textContent = "";
    } else {
      const percent = Math.round(fraction * 100);
      bar.value = percent;
      element("progress-label").textContent = "Uploading…";
      element("progress-percent").textContent = percent + " %";
    }
  }

  function mebibytes(bytes) {
    return (bytes / (1024 * 1024)).toFixed(1) + " MiB";
  }

  function previewFile(input, preview) {
    const file = input.files[0];
    if (preview.src) URL.revokeObjectURL(preview.src);
    if (file) preview.src = URL.createObjectURL(file);
    else preview.removeAttribute("src");
    preview.hidden = !file;
  }

  element("video").addEventListener("change", () => previewFile(element("video"), element("video-preview")));
  element("image").addEventListener("change", () => previewFile(element("image"), element("image-preview")));

  // The actions apply to ACTION liveness only.
  for (const radio of form.elements.livenessType) {
    radio.addEventListener("change", () => {
      element("actions").disabled = form.elements.livenessType.value !== "ACTION";
    });
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const button = element("verify");
    button.disabled = true;
    element("verdict").hidden = true;
    element("failure").hidden = true;
    try {
      showVerdict(await verify());
    } catch (error) {
      showFailure(error);
    } finally {
      element("progress").hidden = true;
      button.disabled = false;
    }
  });
})();
`;
