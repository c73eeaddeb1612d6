/**
 * The background's answers to the content script on an enabled partner page (the router has checked the
 * sender): whether the page is enabled, the capture settings, a session token for a capture, the history
 * entry after a verdict, and the texts of a capture in the language its page asked for. The content script sends the recording to the Worker itself; the agent key it never
 * sees, only tokens minted with it for its own page's origin.
 */

import type { CreateSessionRequest, CreateSessionResponse } from "../../shared/rest/api";
import { ExtensionError } from "../messaging/errors";
import type { ContentToBackground } from "../messaging/protocol";
import { t } from "../ui/i18n";
import { readShippedCatalogue } from "../ui/i18n-browser";
import { SHIPPED_LOCALES } from "../ui/i18n-locales";
import { type VerificationHistory, verificationRecordFrom } from "./history";
import type { ClassifiedSender } from "./sender";
import type { SessionTokens } from "./session-tokens";
import { loadAgentKey, loadSettings } from "./settings-store";
import { WorkerClient } from "./worker-client";
import { requireWorker } from "./worker-url";

export interface ContentServices {
  history: VerificationHistory;
  sessions: SessionTokens;
  version: string;
}

export type ContentRequestHandlers = {
  [K in keyof ContentToBackground]: (
    payload: ContentToBackground[K]["request"],
    sender: ClassifiedSender,
  ) => Promise<ContentToBackground[K]["response"]>;
};

/** A capture flow's id is the content script's `crypto.randomUUID()`. */
const FLOW_ID_PATTERN = /^[0-9a-f-]{36}$/;

export function createContentRequestHandlers(services: ContentServices): ContentRequestHandlers {
  return {
    // Only the shipped names reach the file path.
    "i18n.catalogue": async ({ locale }) =>
      (SHIPPED_LOCALES as readonly string[]).includes(locale) ? readShippedCatalogue(locale) : null,

    "page.hello": async (_payload, sender) => ({
      active: sender.kind === "content" && sender.enabled,
      version: services.version,
    }),

    "capture.prepare": async ({ hasPageSessionToken }) => {
      const settings = await loadSettings();
      const workerUrl = await requireWorker(settings);
      if (!hasPageSessionToken && !(await loadAgentKey())) {
        throw new ExtensionError("not_configured", t("error_no_agent_key"));
      }
      return {
        workerUrl,
        recordingSeconds: settings.recordingSeconds,
        countdownSeconds: settings.countdownSeconds,
        cameraLabel: settings.cameraLabel,
      };
    },

    "capture.session": async ({ flowId, livenessType, actions }, sender) => {
      const origin = pageOrigin(sender);
      const mint = await agentMinter(flowId);
      const sessionToken = await services.sessions.get(`flow:${origin}:${flowId}`, () =>
        // Least privilege: a capture's session can verify, from this page's origin, and nothing else. The
        // Worker checks the liveness type and actions, and refuses an origin the partner did not register.
        mint({
          origin,
          calls: ["CompareFaceLiveness"],
          livenessType,
          ...(livenessType === "ACTION" ? { actions } : {}),
        }),
      );
      return { sessionToken };
    },

    "handoff.session": async ({ flowId, liveness }, sender) => {
      const origin = pageOrigin(sender);
      const mint = await agentMinter(flowId);
      const sessionToken = await services.sessions.get(`handoff:${origin}:${flowId}`, () =>
        // Least privilege again: start a hosted verification and read its result, nothing else; the Worker
        // turns the session's liveness rules into the hosted page's (none: Tencent's default).
        mint({
          origin,
          calls: ["ApplyWebVerificationBizTokenIntl", "GetWebVerificationResultIntl"],
          ...(liveness ? { livenessType: liveness.livenessType } : {}),
          ...(liveness?.livenessType === "ACTION" ? { actions: liveness.actions } : {}),
        }),
      );
      return { sessionToken };
    },

    "history.record": async (report, sender) => {
      const record = verificationRecordFrom(report, pageOrigin(sender), Date.now());
      if (!record) throw new ExtensionError("invalid_request", t("error_verdict_record_malformed"));
      await services.history.add(record);
      return null;
    },
  };
}

/** Checks the flow id and readies a mint with the agent key, which stays in this context. */
async function agentMinter(
  flowId: unknown,
): Promise<(request: CreateSessionRequest) => Promise<CreateSessionResponse>> {
  if (typeof flowId !== "string" || !FLOW_ID_PATTERN.test(flowId)) {
    throw new ExtensionError("invalid_request", t("error_no_flow_id"));
  }
  const workerUrl = await requireWorker(await loadSettings());
  const agentKey = await loadAgentKey();
  if (!agentKey) throw new ExtensionError("not_configured", t("error_no_agent_key"));
  const client = new WorkerClient(workerUrl);
  return (request) => client.createSession(agentKey, request);
}

/** The page's origin, from the browser's own sender fields: never from the message. */
function pageOrigin(sender: ClassifiedSender): string {
  if (sender.kind !== "content") throw new ExtensionError("forbidden", t("error_partner_page_only"));
  return sender.origin;
}
