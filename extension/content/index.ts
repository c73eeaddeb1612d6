/**
 * The content script on enabled partner pages. It stays inert until the background confirms that this exact
 * origin is an enabled partner site, then announces the extension to the page and runs captures: requested by
 * the page (postMessage) or by the agent from the popup. One capture at a time per page.
 *
 * It sends each verification to the Worker itself (capture/attempt.ts, upload.ts), with the page's own session
 * token or one the background minted for this page's origin. It never sees the agent key.
 */

import browser, { type Runtime } from "webextension-polyfill";
import {
  type CaptureRequestMessage,
  classifyReferenceImage,
  type HostedVerificationOptions,
  PAGE_MESSAGE_TYPE,
} from "../../shared/page-protocol";
import { askBackground } from "../messaging/client";
import { ExtensionError, replyError, replyOk } from "../messaging/errors";
import { type BackgroundToContent, isEnvelope, type Reply } from "../messaging/protocol";
import { t } from "../ui/i18n";
import { useBrowserLanguage } from "../ui/i18n-browser";
import { describeCause } from "./capture/error-cause";
import { type CaptureJob, runCaptureFlow } from "./capture/flow";
import { useCaptureLanguage } from "./capture-language";
import { extensionHost } from "./extension-host";
import { listenForCaptureRequests, postToPage } from "./page-bridge";

/** A second injection (after the site was re-enabled, or an update) must not start a second copy. */
const GUARD = "__faceIdEdgeContentScript";

let capturing = false;

async function main(): Promise<void> {
  const scope = globalThis as Record<string, unknown>;
  if (scope[GUARD]) return;
  scope[GUARD] = true;

  useBrowserLanguage();
  browser.runtime.onMessage.addListener(answerBackground);
  const hello = await askBackground("page.hello", {});
  if (!hello.active) return;
  listenForCaptureRequests(onPageRequest);
  postToPage({ type: PAGE_MESSAGE_TYPE.ready, version: hello.version });
}

function onPageRequest(request: CaptureRequestMessage): void {
  if (capturing) {
    postToPage({
      type: PAGE_MESSAGE_TYPE.captureError,
      id: request.id,
      code: "busy",
      message: t("busy_already_capturing_on_page"),
    });
    return;
  }
  const token = request.sessionToken !== undefined ? { pageSessionToken: request.sessionToken } : {};
  const job: CaptureJob =
    request.mode === "handoff"
      ? {
          mode: "handoff",
          source: "page",
          hosted: hostedOptionsOf(request.redirectUrl, request),
          liveness: request.livenessType
            ? { livenessType: request.livenessType, actions: request.actions ?? [] }
            : null,
          ...token,
        }
      : {
          mode: "webcam",
          source: "page",
          livenessType: request.livenessType,
          actions: request.actions ?? [],
          reference: request.referenceImage ? classifyReferenceImage(request.referenceImage) : null,
          hosted: request.redirectUrl !== undefined ? hostedOptionsOf(request.redirectUrl, request) : null,
          ...token,
        };
  void runCapture(job, request.id, request.locale);
}

/** The hosted verification's fields of a request, for its redirect URL. */
function hostedOptionsOf(
  redirectUrl: string,
  request: Partial<HostedVerificationOptions>,
): HostedVerificationOptions {
  return {
    redirectUrl,
    ...(request.checkMode !== undefined ? { checkMode: request.checkMode } : {}),
    ...(request.idCardType !== undefined ? { idCardType: request.idCardType } : {}),
    ...(request.language !== undefined ? { language: request.language } : {}),
  };
}

/** `locale`: the language the page asked for; without one (or for the agent), the browser's. */
async function runCapture(job: CaptureJob, pageRequestId: string | null, locale?: string): Promise<void> {
  capturing = true;
  try {
    await useCaptureLanguage(locale);
    const host = extensionHost({
      source: job.source,
      hasPageSessionToken: job.pageSessionToken !== undefined,
    });
    const end = await runCaptureFlow(job, host, (verdict) => {
      if (pageRequestId === null) return;
      postToPage({
        type: PAGE_MESSAGE_TYPE.captureResult,
        id: pageRequestId,
        passed: verdict.passed,
        result: verdict.result,
        description: verdict.description,
        similarity: verdict.similarity,
        tencentRequestId: verdict.tencentRequestId,
        verdictToken: verdict.verdictToken,
      });
    });
    if (end.kind === "error" && pageRequestId !== null) {
      postToPage({
        type: PAGE_MESSAGE_TYPE.captureError,
        id: pageRequestId,
        code: end.error.code,
        message: end.error.message,
      });
    }
  } catch (error) {
    // The flow answers every way it ends; should it still throw (the overlay failing to close), the page
    // is never left waiting for an answer.
    if (pageRequestId !== null) {
      postToPage({
        type: PAGE_MESSAGE_TYPE.captureError,
        id: pageRequestId,
        code: "internal_error",
        message: `${t("error_unexpected")} (${describeCause(error)})`,
      });
    }
  } finally {
    capturing = false;
  }
}

/** Requests from the background (relayed from the popup): only from this extension, never from a tab. */
function answerBackground(
  message: unknown,
  sender: Runtime.MessageSender,
): Promise<Reply<unknown>> | undefined {
  if (!isEnvelope(message) || sender.id !== browser.runtime.id || sender.tab) return undefined;
  const kind = message.kind as keyof BackgroundToContent;
  if (kind === "content.ping") return Promise.resolve(replyOk({ ready: true }));
  if (kind === "capture.start") {
    if (capturing)
      return Promise.resolve(replyError(new ExtensionError("busy", t("busy_already_capturing"))));
    const { livenessType, actions } = message.payload as BackgroundToContent["capture.start"]["request"];
    // The agent picks the reference photo in the overlay; the popup closes when the page takes focus.
    void runCapture(
      { mode: "webcam", source: "agent", livenessType, actions, reference: null, hosted: null },
      null,
    );
    return Promise.resolve(replyOk(null));
  }
  return undefined;
}

void main().catch(() => {
  // The background is unreachable (extension reloading): stay inert on this page.
});
