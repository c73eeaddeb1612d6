/**
 * The capture's host in the extension (capture/host.ts): the background holds the settings, mints session
 * tokens with the agent key (which never reaches this script) and keeps the agent's history; the overlay is a
 * modal dialog over the partner's page. The agent may always override a failing face check.
 */
import type { CompareResult } from "../../shared/rest/api";
import { askBackground } from "../messaging/client";
import type { CaptureHost, Liveness, SessionRequest } from "./capture/host";
import { thumbnailFromBase64 } from "./capture/thumbnail";
import { extensionDetectorPage } from "./extension-detector";
import { CaptureOverlay } from "./overlay/overlay";

export interface ExtensionHostOptions {
  source: "page" | "agent";
  /** Whether the page's request brought its own session token (otherwise the agent key must be set). */
  hasPageSessionToken: boolean;
  /** The page protocol's `locale`, when the request named one. */
  locale?: string | null;
}

export function extensionHost(options: ExtensionHostOptions): CaptureHost {
  return {
    openOverlay: () =>
      new CaptureOverlay(
        options.source === "page"
          ? `Requested by ${location.host}`
          : `Started by the agent on ${location.host}`,
      ),
    prepare: () => askBackground("capture.prepare", { hasPageSessionToken: options.hasPageSessionToken }),
    mintSession: (request) => mintSession(request),
    recordVerdict: (source, liveness, verdict) => recordInHistory(source, liveness, verdict),
    allowOverride: true,
    detectorPage: extensionDetectorPage(),
    locale: options.locale ?? null,
  };
}

async function mintSession(request: SessionRequest): Promise<string> {
  const session =
    request.purpose === "capture"
      ? await askBackground("capture.session", {
          flowId: request.flowId,
          livenessType: request.livenessType,
          actions: request.actions,
        })
      : await askBackground("handoff.session", { flowId: request.flowId, liveness: request.liveness });
  return session.sessionToken;
}

/**
 * The small record the background keeps: the verdict's fields and a thumbnail, never the video. A phone check
 * that asked for no liveness is recorded as SILENT, as the gateway's own session record has it.
 */
async function recordInHistory(
  source: "page" | "agent",
  liveness: Liveness,
  verdict: CompareResult,
): Promise<void> {
  await askBackground("history.record", {
    source,
    livenessType: liveness?.livenessType ?? "SILENT",
    actions: liveness?.livenessType === "ACTION" ? liveness.actions : [],
    passed: verdict.passed,
    result: verdict.result,
    similarity: verdict.similarity,
    tencentRequestId: verdict.tencentRequestId,
    requestId: verdict.requestId,
    thumbnail: await thumbnailFromBase64(verdict.bestFrameBase64),
  });
}
