/**
 * What the person does on the page, as the sandbox records it: open the page, start, upload the document photo
 * (the modes with OCR), make liveness attempts (the modes with liveness), or give up. Each step's outcome is
 * chosen as ./outcomes.ts says; the flow ends by itself when a step settles it:
 * - the document step fails, or passes in CheckMode 4 (OCR only);
 * - a liveness attempt passes, or fails with no attempt left (LivenessRetryLimit);
 * - the person finishes: with the last attempt's code, or 1410 (user exited) before any attempt.
 * The flow's ErrorCode is that of the step that ended it. Each refusal is a reason, mapped to HTTP in
 * ./routes.ts.
 */
import { sniffImageType, sniffVideoContainer } from "../../shared/media/sniff";
import { sandboxSimilarity } from "../similarity";
import { comparesFaces } from "./apply-request";
import { USER_EXITED, webErrorCode } from "./error-codes";
import type { FlowRecord, FlowState, LivenessAttempt, WebVerificationStore } from "./flow-store";
import { type FlowView, flowView, nextStep } from "./flow-view";
import { type FlowStep, outcomeFits, parseStepOutcome, type StepContext, stepOutcome } from "./outcomes";

export type StepRefusal =
  | "unknown-token"
  | "results-expired"
  | "flow-expired"
  | "already-completed"
  | "wrong-step"
  | "unknown-outcome"
  | "outcome-not-applicable"
  | "not-an-image"
  | "not-a-video";

export type StepResult = { ok: true; view: FlowView } | { ok: false; refusal: StepRefusal; detail: string };

/** The page is being served: the flow is `opened` from now on (if it was only `issued`). */
export async function openPage(store: WebVerificationStore, token: string): Promise<FlowState> {
  const state = await store.state(token);
  if (state.status === "issued") {
    const record: FlowRecord = { ...state.record, openedAt: store.now() };
    await store.save(token, record);
    return { status: "opened", record };
  }
  return state;
}

export async function viewFlow(store: WebVerificationStore, token: string): Promise<StepResult> {
  const state = await store.state(token);
  if (state.status === "unknown") return refuse("unknown-token", "No hosted verification has this BizToken.");
  if (state.status === "results-expired") {
    return refuse("results-expired", "The BizToken is more than 3 days old: its result is gone.");
  }
  return { ok: true, view: flowView(token, state.status, state.record) };
}

export async function startFlow(store: WebVerificationStore, token: string): Promise<StepResult> {
  return withOpenFlow(store, token, async (record) => record);
}

export async function submitDocument(
  store: WebVerificationStore,
  token: string,
  photo: Uint8Array,
  requested: string | undefined,
): Promise<StepResult> {
  return withOpenFlow(store, token, async (record) => {
    const outcome = chooseOutcome(record, "document", requested);
    if (typeof outcome !== "number") return outcome;
    const imageType = sniffImageType(photo.subarray(0, 16));
    if (imageType !== "jpeg" && imageType !== "png") {
      return refuse("not-an-image", "The document photo must be a JPEG or PNG image.");
    }
    await store.putMedia(token, "document", photo);
    const now = store.now();
    const ends = outcome !== 0 || record.config.checkMode === 4;
    return {
      ...record,
      document: { at: now, imageType, errorCode: outcome },
      completion: ends ? { at: now, errorCode: outcome } : null,
    };
  });
}

export async function submitLivenessAttempt(
  store: WebVerificationStore,
  token: string,
  video: Uint8Array,
  requested: string | undefined,
): Promise<StepResult> {
  return withOpenFlow(store, token, async (record) => {
    const outcome = chooseOutcome(record, "liveness", requested);
    if (typeof outcome !== "number") return outcome;
    if (sniffVideoContainer(video.subarray(0, 16)) === "unknown") {
      return refuse("not-a-video", "The liveness recording must be an MP4, WebM, AVI or FLV video.");
    }
    const attempt = await livenessAttempt(store, token, record, video, outcome);
    await store.putMedia(token, "video", video);
    const attempts = [...record.attempts, attempt];
    const ends = outcome === 0 || attempts.length >= record.config.livenessRetryLimit;
    return { ...record, attempts, completion: ends ? { at: attempt.at, errorCode: outcome } : null };
  });
}

/** The person stops: the flow ends with the last attempt's code, or 1410 before any attempt. */
export async function finishFlow(store: WebVerificationStore, token: string): Promise<StepResult> {
  return withOpenFlow(store, token, async (record) => ({
    ...record,
    completion: { at: store.now(), errorCode: record.attempts.at(-1)?.errorCode ?? USER_EXITED },
  }));
}

// ---------------------------------------------------------------------------------------------------------

/**
 * Runs a step on a flow that is still open, records it as started, and saves what `step` returns; a refusal
 * from `step` leaves the flow as it was.
 */
async function withOpenFlow(
  store: WebVerificationStore,
  token: string,
  step: (record: FlowRecord) => Promise<FlowRecord | Extract<StepResult, { ok: false }>>,
): Promise<StepResult> {
  const state = await store.state(token);
  switch (state.status) {
    case "unknown":
      return refuse("unknown-token", "No hosted verification has this BizToken.");
    case "results-expired":
    case "expired":
      return refuse(
        "flow-expired",
        "The BizToken's 10 minutes have passed: this verification can no longer be done.",
      );
    case "completed":
      return refuse("already-completed", "This verification has already been completed.");
    case "issued":
    case "opened":
    case "in-progress": {
      const now = store.now();
      const started: FlowRecord = { ...state.record, startedAt: state.record.startedAt ?? now };
      const record = await step(started);
      if ("ok" in record) return record;
      await store.save(token, record);
      return { ok: true, view: flowView(token, record.completion ? "completed" : "in-progress", record) };
    }
  }
}

function chooseOutcome(
  record: FlowRecord,
  step: FlowStep,
  requested: string | undefined,
): number | Extract<StepResult, { ok: false }> {
  if (nextStep(record) !== step) {
    return refuse("wrong-step", `This flow's next step is ${nextStep(record) ?? "none"}, not ${step}.`);
  }
  const context = stepContext(record);
  let code: number | undefined;
  if (requested !== undefined && requested !== "") {
    code = parseStepOutcome(requested);
    if (code === undefined) {
      return refuse(
        "unknown-outcome",
        `${JSON.stringify(requested.slice(0, 40))} is not a step outcome code.`,
      );
    }
    if (!outcomeFits(code, step, context)) {
      return refuse("outcome-not-applicable", `A ${step} step of this flow cannot end with ${code}.`);
    }
  }
  return stepOutcome(step, context, code, record.marker ?? undefined);
}

function stepContext(record: FlowRecord): StepContext {
  return {
    checkMode: record.config.checkMode,
    compares: comparesFaces(record.config, record.hasCompareImage),
  };
}

/** One VerificationDetail: which stage the code belongs to decides which of its codes are set. */
async function livenessAttempt(
  store: WebVerificationStore,
  token: string,
  record: FlowRecord,
  video: Uint8Array,
  code: number,
): Promise<LivenessAttempt> {
  const compares = stepContext(record).compares;
  const stage = webErrorCode(code)?.stage;
  const base = { at: store.now(), seq: crypto.randomUUID(), errorCode: code };
  const similarity = async (band: "match" | "low") => {
    const reference = await store.media(token, record.config.checkMode === 1 ? "document" : "compare-image");
    // Two decimals, as Tencent gives it.
    return reference === undefined
      ? null
      : Math.round((await sandboxSimilarity(reference, video, band)) * 100) / 100;
  };
  switch (stage) {
    case "success":
      return {
        ...base,
        livenessErrorCode: 0,
        compareErrorCode: compares ? 0 : null,
        similarity: compares ? await similarity("match") : null,
      };
    case "liveness":
      return { ...base, livenessErrorCode: code, compareErrorCode: null, similarity: null };
    case "compare":
      // Only a comparison that ran to a score has one: 2016, below the threshold.
      return {
        ...base,
        livenessErrorCode: 0,
        compareErrorCode: code,
        similarity: code === 2016 ? await similarity("low") : null,
      };
    default:
      return { ...base, livenessErrorCode: null, compareErrorCode: null, similarity: null };
  }
}

function refuse(refusal: StepRefusal, detail: string): Extract<StepResult, { ok: false }> {
  return { ok: false, refusal, detail };
}
