/**
 * The toolbar popup: the Worker's connection state, a capture started by the agent on the current partner
 * page, the look-up of a liveness result by SdkToken, and the recent verifications of this device.
 */
import browser from "webextension-polyfill";
import { shownSimilarity } from "../../shared/faceid/similarity";
import { LIVENESS_ACTION_CODES, type LivenessActionName, type LivenessType } from "../../shared/faceid/types";
import { isLivenessActionName } from "../../shared/page-protocol";
import { askBackground } from "../messaging/client";
import { ExtensionError } from "../messaging/errors";
import type { ConnectionState, LivenessLookup, VerificationRecord } from "../messaging/protocol";
import { ACTION_LABELS } from "../ui/action-labels";
import { h, replaceChildren } from "../ui/dom";

const connection = element("connection");
const verify = element("verify");
const lookupForm = element("lookup-form") as HTMLFormElement;
const sdkTokenInput = element("sdk-token") as HTMLInputElement;
const lookupResult = element("lookup-result");
const historyList = element("history");

element("open-options").addEventListener("click", () => void browser.runtime.openOptionsPage());
element("clear-history").addEventListener("click", async () => {
  await askBackground("history.clear", {});
  await showHistory();
});
lookupForm.addEventListener("submit", (event) => {
  event.preventDefault();
  void lookUp(sdkTokenInput.value);
});

void showConnection();
void showVerify();
void showHistory();
// The list changes while the popup is open when a verification finishes on the page.
browser.storage.onChanged.addListener((changes, area) => {
  if (area === "local" && "history" in changes) void showHistory();
});

async function showConnection(): Promise<void> {
  let state: ConnectionState;
  try {
    state = await askBackground("connection.check", {});
  } catch {
    state = { state: "not-configured" };
  }
  connection.className = `pill ${state.state === "connected" ? "ok" : state.state === "not-configured" ? "idle" : "bad"}`;
  connection.textContent = connectionText(state);
  connection.title = "workerUrl" in state ? state.workerUrl : "";
}

function connectionText(state: ConnectionState): string {
  switch (state.state) {
    case "connected":
      return `Connected · v${state.version}${state.sandbox ? " · sandbox" : ""}`;
    case "not-configured":
      return "Not configured";
    case "no-permission":
      return "No access to the Worker";
    case "unreachable":
      return "Unreachable";
  }
}

async function showVerify(): Promise<void> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  const status =
    tab?.id !== undefined ? await askBackground("tab.status", { tabId: tab.id }).catch(() => null) : null;
  if (!tab?.id || !status?.enabled) {
    replaceChildren(
      verify,
      h(
        "p",
        { class: "muted small" },
        status && !status.enabled ? status.reason : "Open a partner's KYC page to verify someone.",
      ),
    );
    return;
  }
  const tabId = tab.id;
  const type = h(
    "select",
    { "aria-label": "Liveness type" },
    h("option", { value: "SILENT" }, "Silent (hold still)"),
    h("option", { value: "ACTION" }, "Actions"),
  );
  const first = actionSelect("First action", "blink", false);
  const second = actionSelect("Second action", "", true);
  const actionsRow = h("div", { class: "row", hidden: true }, first, second);
  type.addEventListener("change", () => {
    actionsRow.hidden = type.value !== "ACTION";
  });
  const message = h("p", { class: "error small", role: "alert" });
  const start = h("button", { class: "primary", type: "submit" }, "Start verification");
  const form = h(
    "form",
    { class: "verify-form" },
    h(
      "p",
      { class: "muted small" },
      `On ${status.origin}. You pick the reference photo on the page or from a file.`,
    ),
    h("div", { class: "row" }, type),
    actionsRow,
    h("div", { class: "row" }, start),
    message,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const livenessType = type.value as LivenessType;
    const actions = [first.value, second.value].filter(isLivenessActionName) as LivenessActionName[];
    if (livenessType === "ACTION" && (actions.length === 0 || new Set(actions).size !== actions.length)) {
      message.textContent = "Choose one action, or two different ones.";
      return;
    }
    try {
      await askBackground("capture.start-on-tab", {
        tabId,
        livenessType,
        actions: livenessType === "ACTION" ? actions : [],
      });
      window.close();
    } catch (error) {
      message.textContent = error instanceof ExtensionError ? error.message : "The capture could not start.";
    }
  });
  replaceChildren(verify, form);
}

function actionSelect(label: string, selected: string, optional: boolean): HTMLSelectElement {
  return h(
    "select",
    { "aria-label": label },
    optional && h("option", { value: "" }, "(no second action)"),
    ...(Object.keys(LIVENESS_ACTION_CODES) as LivenessActionName[]).map((action) =>
      h("option", { value: action, selected: action === selected }, capitalise(ACTION_LABELS[action])),
    ),
  );
}

async function lookUp(sdkToken: string): Promise<void> {
  replaceChildren(lookupResult, h("p", { class: "muted small" }, "Looking up…"));
  try {
    const lookup = await askBackground("liveness.lookup", { sdkToken });
    replaceChildren(lookupResult, lookupCard(lookup));
  } catch (error) {
    replaceChildren(
      lookupResult,
      h(
        "p",
        { class: "error small", role: "alert" },
        error instanceof ExtensionError ? error.message : "The look-up failed.",
      ),
    );
  }
}

function lookupCard(lookup: LivenessLookup): HTMLElement {
  return h(
    "div",
    { class: "lookup-card" },
    lookup.bestFrameUrl
      ? h("img", { src: lookup.bestFrameUrl, alt: "Best frame", referrerpolicy: "no-referrer" })
      : h("div", { class: "thumb", role: "img", "aria-label": "No best frame" }),
    h(
      "div",
      {},
      h(
        "p",
        {},
        h(
          "span",
          { class: `badge ${lookup.passed ? "pass" : "fail"}` },
          lookup.passed ? "Passed" : "Not passed",
        ),
        " ",
        h("code", {}, lookup.result),
      ),
      h("p", {}, lookup.description),
      h("p", { class: "muted small" }, "Tencent RequestId: ", h("code", {}, lookup.tencentRequestId)),
    ),
  );
}

async function showHistory(): Promise<void> {
  let records: VerificationRecord[];
  try {
    records = await askBackground("history.list", {});
  } catch {
    records = [];
  }
  if (records.length === 0) {
    replaceChildren(historyList, h("li", { class: "empty" }, "No verifications in the last 24 hours."));
    return;
  }
  replaceChildren(historyList, ...records.map(historyEntry));
}

function historyEntry(record: VerificationRecord): HTMLElement {
  const host = safeHost(record.origin);
  return h(
    "li",
    { "data-request-id": record.requestId },
    record.thumbnail
      ? h("img", { class: "thumb", src: record.thumbnail, alt: "" })
      : h("div", { class: "thumb", "aria-hidden": "true" }),
    h(
      "div",
      { class: "entry-main" },
      h(
        "p",
        {},
        h("span", { class: `badge ${record.passed ? "pass" : "fail"}` }, record.passed ? "Passed" : "Failed"),
        " ",
        host,
      ),
      h("p", { class: "muted small", title: record.description }, record.result),
    ),
    h(
      "div",
      { class: "entry-side" },
      h("div", {}, record.similarity === null ? "—" : `${shownSimilarity(record.similarity)} %`),
      h("div", { class: "muted", title: new Date(record.at).toLocaleString() }, timeAgo(record.at)),
    ),
  );
}

function timeAgo(at: number): string {
  const minutes = Math.round((Date.now() - at) / 60_000);
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} min ago`;
  return `${Math.round(minutes / 60)} h ago`;
}

function safeHost(origin: string): string {
  try {
    return new URL(origin).host;
  } catch {
    return origin;
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function element(id: string): HTMLElement {
  const found = document.getElementById(id);
  if (!found) throw new Error(`popup.html has no #${id}`);
  return found;
}
