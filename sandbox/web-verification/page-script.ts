/**
 * The sandbox verification page's browser code, served as /sandbox/web-verification/page.js. Plain JavaScript
 * that runs as is in any current browser, no library. It can be driven by a person or by an automated browser
 * with a fake camera: every action is a button with a plain name or a labelled file input, what happens is
 * written to the status line, and nothing waits on a person's timing (a recording stops by itself).
 * (Kept as a string because the sandbox's TypeScript has no DOM types; it has no template placeholders.)
 */
export const PAGE_SCRIPT = `"use strict";

(function () {
  const main = document.getElementById("flow");
  const flow = JSON.parse(main.dataset.flow);
  const element = (id) => document.getElementById(id);
  const status = element("status");
  const camera = element("camera");
  let stream = null;
  let busy = false;

  const say = (text) => { status.textContent = text; };

  // --- Talking to the sandbox ------------------------------------------------------------------------

  /** POSTs to one of the flow's endpoints; resolves with the flow's new view, or throws the refusal. */
  async function post(endpoint, blob) {
    let url = flow.base + endpoint + "?token=" + encodeURIComponent(flow.token);
    const outcome = element("outcome").value;
    if (blob && outcome) url += "&outcome=" + encodeURIComponent(outcome);
    const init = { method: "POST" };
    if (blob) {
      init.body = blob;
      init.headers = { "Content-Type": blob.type || "application/octet-stream" };
    }
    const response = await fetch(url, init);
    const body = await response.json().catch(() => null);
    if (!response.ok) {
      throw new Error(body && body.error ? body.error.message : "The sandbox answered HTTP " + response.status + ".");
    }
    return body;
  }

  /** Runs one step at a time, with the buttons off while it runs. */
  async function step(work) {
    if (busy) return;
    busy = true;
    setButtons(false);
    try {
      await work();
    } catch (error) {
      say(error.message || String(error));
    } finally {
      busy = false;
      setButtons(true);
    }
  }

  function setButtons(enabled) {
    element("start-camera").hidden = Boolean(stream);
    for (const button of document.querySelectorAll("button")) {
      if (button.id === "take-photo" || button.id === "record") button.disabled = !enabled || !stream;
      else if (button.id === "start") button.disabled = !enabled || !consentGiven();
      else button.disabled = !enabled;
    }
  }

  function consentGiven() {
    return !flow.askConsent || element("consent").checked;
  }

  // --- Screens ---------------------------------------------------------------------------------------

  function show(ids) {
    for (const id of ["intro", "capture", "document-step", "liveness-step", "exit-row", "result"]) {
      element(id).hidden = !ids.includes(id);
    }
  }

  function render(view) {
    flow.view = view;
    if (view.errorCode !== null) return showResult(view);
    if (view.status === "expired") {
      show([]);
      return say("This verification link has expired: it works for 10 minutes.");
    }
    if (view.startedAt === null && flow.showIntro) {
      show(["intro"]);
      return say("Press Start verification to begin.");
    }
    const stepId = view.nextStep === "document" ? "document-step" : "liveness-step";
    show(["capture", stepId, "exit-row"]);
    const last = view.lastStep;
    if (last && last.errorCode !== 0) {
      say("Attempt " + view.attempts + " failed: " + last.errorMsg + " (ErrorCode " + last.errorCode + "). " +
        view.attemptsLeft + " attempts left: record again, or exit.");
    } else if (view.nextStep === "document") {
      say("Step 1: photograph your document, with the camera or from a file.");
    } else {
      say((last ? "Document photo accepted. " : "") + "Record a liveness video, or choose one.");
    }
  }

  function showResult(view) {
    stopCamera();
    show(["result"]);
    const passed = view.errorCode === 0;
    element("result-title").textContent = passed ? "Verification passed" : "Verification failed";
    element("result-text").textContent = "ErrorCode " + view.errorCode + ": " + view.errorMsg + ".";
    if (passed && flow.autoSkip) {
      say("Verification passed. Returning you to the page that sent you here.");
      location.assign(view.redirectUrl);
    } else {
      say((passed ? "Verification passed." : "Verification failed.") + " Press Next to return to the page that sent you here.");
    }
  }

  // --- Camera ----------------------------------------------------------------------------------------

  async function startCamera() {
    say("Asking for the camera…");
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 }, audio: false });
    } catch (error) {
      stream = null;
      say("The camera is not available (" + (error.name || "error") + "). Choose a file instead.");
      return;
    }
    camera.srcObject = stream;
    await camera.play().catch(() => {});
    if (camera.readyState < 2) {
      await new Promise((resolve) => camera.addEventListener("loadeddata", resolve, { once: true }));
    }
    say("Camera on.");
  }

  function stopCamera() {
    if (stream) for (const track of stream.getTracks()) track.stop();
    stream = null;
    camera.srcObject = null;
  }

  function photograph() {
    const canvas = document.createElement("canvas");
    canvas.width = camera.videoWidth;
    canvas.height = camera.videoHeight;
    canvas.getContext("2d").drawImage(camera, 0, 0);
    return new Promise((resolve) => canvas.toBlob(resolve, "image/jpeg", 0.9));
  }

  /** Records flow.recordingSeconds of video: MP4 where the browser can (Chromium), else WebM. */
  function record() {
    const types = ["video/mp4;codecs=avc1", "video/mp4", "video/webm;codecs=vp8", "video/webm"];
    const mimeType = types.find((type) => MediaRecorder.isTypeSupported(type));
    const recorder = new MediaRecorder(stream, mimeType ? { mimeType, videoBitsPerSecond: 500000 } : {});
    const chunks = [];
    recorder.addEventListener("dataavailable", (event) => { if (event.data.size > 0) chunks.push(event.data); });
    return new Promise((resolve, reject) => {
      recorder.addEventListener("stop", () => resolve(new Blob(chunks, { type: recorder.mimeType.split(";")[0] })));
      recorder.addEventListener("error", (event) => reject(event.error || new Error("The recording failed.")));
      recorder.start();
      let left = flow.recordingSeconds;
      say("Recording… " + left + " s left");
      const tick = setInterval(() => {
        left -= 1;
        if (left > 0) return say("Recording… " + left + " s left");
        clearInterval(tick);
        recorder.stop();
      }, 1000);
    });
  }

  // --- Steps -----------------------------------------------------------------------------------------

  async function uploadDocument(blob) {
    say("Uploading the document photo…");
    render(await post(flow.endpoints.document, blob));
  }

  async function uploadLiveness(blob) {
    say("Uploading the liveness video…");
    render(await post(flow.endpoints.liveness, blob));
  }

  function fileOf(input) {
    const file = input.files && input.files[0];
    input.value = "";
    return file;
  }

  element("start").addEventListener("click", () => step(async () => render(await post(flow.endpoints.start))));
  if (flow.askConsent) element("consent").addEventListener("change", () => setButtons(!busy));
  element("start-camera").addEventListener("click", () => step(startCamera));
  element("take-photo").addEventListener("click", () => step(async () => uploadDocument(await photograph())));
  element("record").addEventListener("click", () => step(async () => uploadLiveness(await record())));
  element("document-file").addEventListener("change", (event) => {
    const file = fileOf(event.target);
    if (file) step(() => uploadDocument(file));
  });
  element("video-file").addEventListener("change", (event) => {
    const file = fileOf(event.target);
    if (file) step(() => uploadLiveness(file));
  });
  element("exit").addEventListener("click", () => step(async () => render(await post(flow.endpoints.finish))));
  element("next").addEventListener("click", () => {
    say("Returning you to the page that sent you here.");
    location.assign(flow.view.redirectUrl);
  });

  setButtons(true);
  if (flow.view.startedAt === null && !flow.showIntro) step(async () => render(await post(flow.endpoints.start)));
  else render(flow.view);
})();
`;
