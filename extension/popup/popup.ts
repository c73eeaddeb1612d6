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
import { ACTION_TITLES } from "../ui/action-labels";
import { h, replaceChildren } from "../ui/dom";
import { t } from "../ui/i18n";
import { useBrowserLanguage } from "../ui/i18n-browser";
import { formatDateTime, formatPercent, formatTimeAgo } from "../ui/i18n-format";
import { localizePage } from "../ui/i18n-page";

useBrowserLanguage();
localizePage(document);

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
      return t(state.sandbox ? "popup_connected_sandbox" : "popup_connected", state.version);
    case "not-configured":
      return t("popup_not_configured");
    case "no-permission":
      return t("popup_no_permission");
    case "unreachable":
      return t("popup_unreachable");
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
        status && !status.enabled ? status.reason : t("popup_open_partner_page"),
      ),
    );
    return;
  }
  const tabId = tab.id;
  const type = h(
    "select",
    { "aria-label": t("popup_liveness_type") },
    h("option", { value: "SILENT" }, t("popup_silent")),
    h("option", { value: "ACTION" }, t("popup_actions")),
  );
  const first = actionSelect(t("popup_first_action"), "blink", false);
  const second = actionSelect(t("popup_second_action"), "", true);
  const actionsRow = h("div", { class: "row", hidden: true }, first, second);
  type.addEventListener("change", () => {
    actionsRow.hidden = type.value !== "ACTION";
  });
  const message = h("p", { class: "error small", role: "alert" });
  const start = h("button", { class: "primary", type: "submit" }, t("popup_start"));
  const form = h(
    "form",
    { class: "verify-form" },
    h("p", { class: "muted small" }, t("popup_on_origin", status.origin)),
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
      message.textContent = t("popup_choose_actions");
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
      message.textContent = error instanceof ExtensionError ? error.message : t("popup_start_failed");
    }
  });
  replaceChildren(verify, form);
}

function actionSelect(label: string, selected: string, optional: boolean): HTMLSelectElement {
  return h(
    "select",
    { "aria-label": label },
    optional && h("option", { value: "" }, t("popup_no_second_action")),
    ...(Object.keys(LIVENESS_ACTION_CODES) as LivenessActionName[]).map((action) =>
      h("option", { value: action, selected: action === selected }, t(ACTION_TITLES[action])),
    ),
  );
}

async function lookUp(sdkToken: string): Promise<void> {
  replaceChildren(lookupResult, h("p", { class: "muted small" }, t("popup_looking_up")));
  try {
    const lookup = await askBackground("liveness.lookup", { sdkToken });
    replaceChildren(lookupResult, lookupCard(lookup));
  } catch (error) {
    replaceChildren(
      lookupResult,
      h(
        "p",
        { class: "error small", role: "alert" },
        error instanceof ExtensionError ? error.message : t("popup_lookup_failed"),
      ),
    );
  }
}

function lookupCard(lookup: LivenessLookup): HTMLElement {
  return h(
    "div",
    { class: "lookup-card" },
    lookup.bestFrameUrl
      ? h("img", { src: lookup.bestFrameUrl, alt: t("popup_best_frame"), referrerpolicy: "no-referrer" })
      : h("div", { class: "thumb", role: "img", "aria-label": t("popup_no_best_frame") }),
    h(
      "div",
      {},
      h(
        "p",
        {},
        h(
          "span",
          { class: `badge ${lookup.passed ? "pass" : "fail"}` },
          lookup.passed ? t("popup_passed") : t("popup_not_passed"),
        ),
        " ",
        h("code", {}, lookup.result),
      ),
      h("p", {}, lookup.description),
      h("p", { class: "muted small" }, `${t("popup_request_id")} `, h("code", {}, lookup.tencentRequestId)),
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
    replaceChildren(historyList, h("li", { class: "empty" }, t("popup_history_empty")));
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
        h(
          "span",
          { class: `badge ${record.passed ? "pass" : "fail"}` },
          record.passed ? t("popup_passed") : t("popup_not_passed"),
        ),
        " ",
        host,
      ),
      h("p", { class: "muted small", title: record.description }, record.result),
    ),
    h(
      "div",
      { class: "entry-side" },
      h("div", {}, record.similarity === null ? "—" : formatPercent(shownSimilarity(record.similarity))),
      h("div", { class: "muted", title: formatDateTime(record.at) }, formatTimeAgo(record.at)),
    ),
  );
}

function safeHost(origin: string): string {
  try {
    return new URL(origin).host;
  } catch {
    return origin;
  }
}

function element(id: string): HTMLElement {
  const found = document.getElementById(id);
  if (!found) throw new Error(`popup.html has no #${id}`);
  return found;
}
