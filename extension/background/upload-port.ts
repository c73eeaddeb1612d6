/**
 * The background's side of an upload: the content script opens a port, sends the recorded video and the
 * reference photo, and receives progress, then the verdict or the error. The session token is the page's own,
 * or one minted here with the agent key (which never leaves the background). Closing the port cancels.
 */
import type { Runtime } from "webextension-polyfill";
import { describeCompareResult } from "../../shared/faceid/result-codes";
import { ExtensionError, toWireError } from "../messaging/errors";
import type { CaptureUpload, UploadCommand, UploadEvent, VerificationRecord } from "../messaging/protocol";
import { type UploadTransport, uploadForVerdict } from "../upload/compare-upload";
import type { VerificationHistory } from "./history";
import { requireWorker } from "./requests";
import type { ClassifiedSender } from "./sender";
import type { SessionTokens } from "./session-tokens";
import { loadAgentKey, loadSettings } from "./settings-store";
import { thumbnailFromBase64 } from "./thumbnail";
import { WorkerClient } from "./worker-client";

export interface UploadPortDeps {
  transport: UploadTransport;
  history: VerificationHistory;
  sessions: SessionTokens;
}

/**
 * Listeners are attached at once, before the sender is classified: a port message that arrives while no
 * listener exists is lost.
 */
export function serveUploadPort(
  port: Runtime.Port,
  sender: Promise<ClassifiedSender>,
  deps: UploadPortDeps,
): void {
  const controller = new AbortController();
  let started = false;
  const post = (event: UploadEvent) => {
    if (!controller.signal.aborted) port.postMessage(event);
  };
  port.onDisconnect.addListener(() => controller.abort());
  port.onMessage.addListener((message: unknown) => {
    const command = message as UploadCommand;
    if (command?.kind === "cancel") {
      controller.abort();
      return;
    }
    if (command?.kind !== "start" || started) return;
    started = true;
    sender
      .then((classified) => {
        if (classified.kind !== "content" || !classified.enabled) {
          throw new ExtensionError("forbidden", "Uploads are accepted only from enabled partner pages.");
        }
        return runUpload(command.upload, classified.origin, deps, controller.signal, post);
      })
      .then((verdict) => post({ kind: "verdict", verdict }))
      .catch((error: unknown) => post({ kind: "failed", error: toWireError(error) }));
  });
}

async function runUpload(
  upload: CaptureUpload,
  origin: string,
  deps: UploadPortDeps,
  signal: AbortSignal,
  post: (event: UploadEvent) => void,
) {
  const settings = await loadSettings();
  const workerUrl = await requireWorker(settings);
  const sessionToken = upload.pageSessionToken ?? (await mintForFlow(upload, origin, workerUrl, deps));
  let lastProgressAt = 0;
  const verdict = await uploadForVerdict({ workerUrl, sessionToken, ...upload }, deps.transport, {
    signal,
    onRetry: () => post({ kind: "retrying" }),
    onProgress: (sentBytes, totalBytes) => {
      // At most ~20 messages a second: a port is not free, and the bar cannot move faster anyway.
      const now = performance.now();
      if (now - lastProgressAt < 50 && sentBytes < totalBytes) return;
      lastProgressAt = now;
      post({ kind: "progress", sentBytes, totalBytes });
    },
  });
  const record: VerificationRecord = {
    id: verdict.requestId || crypto.randomUUID(),
    at: Date.now(),
    origin,
    source: upload.source,
    livenessType: upload.livenessType,
    actions: upload.actions,
    passed: verdict.passed,
    result: verdict.result,
    description: describeCompareResult(verdict.result).description,
    similarity: verdict.similarity,
    tencentRequestId: verdict.tencentRequestId,
    requestId: verdict.requestId,
    thumbnail: await thumbnailFromBase64(verdict.bestFrameBase64),
  };
  // The history is the agent's record: it is written before the page and the overlay learn the verdict.
  await deps.history.add(record).catch(() => undefined);
  return verdict;
}

async function mintForFlow(
  upload: CaptureUpload,
  origin: string,
  workerUrl: string,
  deps: UploadPortDeps,
): Promise<string> {
  const agentKey = await loadAgentKey();
  if (!agentKey)
    throw new ExtensionError("not_configured", "No agent key is set: add it in the extension's options.");
  const client = new WorkerClient(workerUrl);
  return deps.sessions.get(`flow:${upload.flowId}`, () =>
    // Least privilege: a capture's session can verify, and nothing else.
    client.createSession(agentKey, {
      origin,
      calls: ["CompareFaceLiveness"],
      livenessType: upload.livenessType,
      ...(upload.livenessType === "ACTION" ? { actions: upload.actions } : {}),
    }),
  );
}
