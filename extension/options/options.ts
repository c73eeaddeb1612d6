/**
 * The options page: the Worker URL and agent key, the partner sites, the default camera and the recording
 * settings. Saving asks the browser for the host permissions the settings need (the Worker and each site),
 * which it can do only here, in the click that saves: `permissions.request` needs a user gesture.
 */
import browser from "webextension-polyfill";
import { askBackground } from "../messaging/client";
import { ExtensionError } from "../messaging/errors";
import type { SettingsView } from "../messaging/protocol";
import {
  COUNTDOWN_SECONDS,
  describeUrlProblem,
  type ExtensionSettings,
  MAX_PARTNER_SITES,
  normalizeSiteOrigin,
  normalizeWorkerUrl,
  originPermissionPattern,
  RECORDING_SECONDS,
} from "../settings/settings";
import { h, replaceChildren } from "../ui/dom";
import { t } from "../ui/i18n";
import { useBrowserLanguage } from "../ui/i18n-browser";
import { formatSeconds } from "../ui/i18n-format";
import { localizePage } from "../ui/i18n-page";

useBrowserLanguage();
localizePage(document);

const form = element<HTMLFormElement>("options-form");
const workerUrl = element<HTMLInputElement>("worker-url");
const agentKey = element<HTMLInputElement>("agent-key");
const agentKeyStatus = element("agent-key-status");
const connectionStatus = element("connection-status");
const sitesList = element("sites");
const newSite = element<HTMLInputElement>("new-site");
const siteError = element("site-error");
const camera = element<HTMLSelectElement>("camera");
const recordingSeconds = element<HTMLSelectElement>("recording-seconds");
const countdownSeconds = element<HTMLSelectElement>("countdown-seconds");
const saveStatus = element("save-status");

let saved: SettingsView | null = null;
let sites: string[] = [];

fillRange(recordingSeconds, RECORDING_SECONDS.min, RECORDING_SECONDS.max, (n) => formatSeconds(n));
fillRange(countdownSeconds, COUNTDOWN_SECONDS.min, COUNTDOWN_SECONDS.max, (n) =>
  n === 0 ? t("options_no_countdown") : formatSeconds(n),
);

element("add-site").addEventListener("click", addSite);
newSite.addEventListener("keydown", (event) => {
  if (event.key === "Enter") {
    event.preventDefault();
    addSite();
  }
});
element("check-connection").addEventListener("click", () => void checkConnection());
element("find-cameras").addEventListener("click", () => void findCameras());
element("remove-agent-key").addEventListener("click", () => void removeAgentKey());
form.addEventListener("submit", onSave);

void load();

async function load(): Promise<void> {
  show(await askBackground("settings.load", {}));
}

function show(view: SettingsView): void {
  saved = view;
  const settings = view.settings;
  workerUrl.value = settings.workerUrl ?? "";
  agentKey.value = "";
  agentKey.placeholder = t(
    view.agentKeySet ? "options_key_saved_placeholder" : "options_key_paste_placeholder",
  );
  agentKeyStatus.textContent = t(view.agentKeySet ? "options_key_saved" : "options_key_none");
  sites = [...settings.partnerSites];
  renderSites(view.sitesWithoutPermission);
  recordingSeconds.value = String(settings.recordingSeconds);
  countdownSeconds.value = String(settings.countdownSeconds);
  setCameraOptions(settings.cameraLabel ? [settings.cameraLabel] : [], settings.cameraLabel);
}

function onSave(event: SubmitEvent): void {
  event.preventDefault();
  const settings = readForm();
  if (!settings) return;
  const origins = [
    ...new Set(
      [settings.workerUrl, ...settings.partnerSites]
        .filter((url): url is string => !!url)
        .map(originPermissionPattern),
    ),
  ];
  // Called in the click's own task, before any await: the browser only prompts inside a user gesture.
  const granted = origins.length > 0 ? browser.permissions.request({ origins }) : Promise.resolve(true);
  setStatus(saveStatus, t("options_waiting_permission"), "");
  void granted
    .then(async (ok) => {
      if (!ok) {
        setStatus(saveStatus, t("options_permission_refused"), "error");
        return;
      }
      const key = agentKey.value.trim();
      show(await askBackground("settings.save", { settings, ...(key ? { agentKey: key } : {}) }));
      setStatus(saveStatus, t("options_saved"), "ok");
    })
    .catch((error: unknown) => setStatus(saveStatus, messageOf(error, t("options_not_saved")), "error"));
}

function readForm(): ExtensionSettings | null {
  let url: string | null = null;
  if (workerUrl.value.trim() !== "") {
    const checked = normalizeWorkerUrl(workerUrl.value);
    if (!checked.ok) {
      setStatus(connectionStatus, describeUrlProblem(checked.problem), "error");
      workerUrl.focus();
      return null;
    }
    url = checked.value;
  }
  return {
    workerUrl: url,
    partnerSites: sites,
    cameraLabel: camera.value || null,
    recordingSeconds: Number(recordingSeconds.value),
    countdownSeconds: Number(countdownSeconds.value),
  };
}

function addSite(): void {
  const checked = normalizeSiteOrigin(newSite.value);
  if (!checked.ok) {
    setStatus(siteError, describeUrlProblem(checked.problem), "error");
    return;
  }
  if (sites.length >= MAX_PARTNER_SITES) {
    setStatus(siteError, t("options_max_sites", MAX_PARTNER_SITES), "error");
    return;
  }
  if (!sites.includes(checked.value)) sites.push(checked.value);
  newSite.value = "";
  setStatus(siteError, "", "");
  renderSites(saved?.sitesWithoutPermission ?? []);
  setStatus(saveStatus, t("options_save_to_allow"), "");
}

function renderSites(withoutPermission: string[]): void {
  if (sites.length === 0) {
    replaceChildren(sitesList, h("li", { class: "muted" }, t("options_no_sites")));
    return;
  }
  replaceChildren(
    sitesList,
    ...sites.map((site) => {
      const label = t("options_remove_site", site);
      const remove = h("button", { type: "button", class: "link", "aria-label": label }, t("options_remove"));
      remove.addEventListener("click", () => {
        sites = sites.filter((other) => other !== site);
        renderSites(withoutPermission);
        setStatus(saveStatus, t("options_save_to_stop"), "");
      });
      const unsaved = !saved?.settings.partnerSites.includes(site);
      return h(
        "li",
        {},
        h("code", {}, site),
        unsaved
          ? h("span", { class: "warn" }, t("options_site_unsaved"))
          : withoutPermission.includes(site) && h("span", { class: "warn" }, t("options_site_not_allowed")),
        remove,
      );
    }),
  );
}

async function checkConnection(): Promise<void> {
  setStatus(connectionStatus, t("options_checking"), "");
  const state = await askBackground("connection.check", {}).catch(() => null);
  if (!state) return setStatus(connectionStatus, t("options_check_failed"), "error");
  switch (state.state) {
    case "connected":
      return setStatus(
        connectionStatus,
        t(
          state.sandbox ? "options_connected_sandbox" : "options_connected",
          state.workerUrl,
          state.version,
          state.latencyMs,
        ),
        "ok",
      );
    case "not-configured":
      return setStatus(connectionStatus, t("options_no_worker_url"), "error");
    case "no-permission":
      return setStatus(connectionStatus, t("options_worker_not_allowed", state.workerUrl), "error");
    case "unreachable":
      return setStatus(connectionStatus, t("options_unreachable", state.workerUrl, state.message), "error");
  }
}

/** Camera labels are readable only with camera access, so this page asks for it once, then lets go. */
async function findCameras(): Promise<void> {
  try {
    const stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: false });
    for (const track of stream.getTracks()) track.stop();
    const devices = await navigator.mediaDevices.enumerateDevices();
    const labels = devices
      .filter((device) => device.kind === "videoinput" && device.label)
      .map((device) => device.label);
    setCameraOptions(labels, camera.value || saved?.settings.cameraLabel || null);
  } catch {
    setStatus(saveStatus, t("options_cameras_failed"), "error");
  }
}

function setCameraOptions(labels: string[], selected: string | null): void {
  const all = selected && !labels.includes(selected) ? [selected, ...labels] : labels;
  replaceChildren(
    camera,
    h("option", { value: "" }, t("options_browser_default")),
    ...all.map((label) => h("option", { value: label, selected: label === selected }, label)),
  );
}

async function removeAgentKey(): Promise<void> {
  if (!saved) return;
  try {
    show(await askBackground("settings.save", { settings: saved.settings, agentKey: null }));
    setStatus(saveStatus, t("options_key_removed"), "ok");
  } catch (error) {
    setStatus(saveStatus, messageOf(error, t("options_key_remove_failed")), "error");
  }
}

function fillRange(select: HTMLSelectElement, min: number, max: number, label: (n: number) => string): void {
  for (let n = min; n <= max; n++) select.append(h("option", { value: n }, label(n)));
}

function setStatus(target: HTMLElement, text: string, tone: "ok" | "error" | ""): void {
  target.textContent = text;
  target.classList.toggle("ok", tone === "ok");
  target.classList.toggle("error", tone === "error");
}

function messageOf(error: unknown, fallback: string): string {
  return error instanceof ExtensionError ? error.message : fallback;
}

function element<T extends HTMLElement = HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`options.html has no #${id}`);
  return found as T;
}
