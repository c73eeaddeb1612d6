/**
 * When each prompt shows during a recording. Pure and clock-free: the recorder asks `promptAt(plan, elapsed)`
 * on every animation frame, and the tests ask it at chosen instants.
 *
 * ACTION: a short lead-in ("look at the camera", so the first frames show a neutral face), then one equal
 * slot per action in the requested order. SILENT: one hold-still prompt for the whole recording.
 */
import type { LivenessActionName, LivenessType } from "../../../shared/faceid/types";
import { RECORDING_SECONDS } from "../../settings/settings";

export type PromptKind = LivenessActionName | "look_at_camera" | "hold_still";

export interface PromptStep {
  kind: PromptKind;
  /** 1-based position among the action steps (0 for the lead-in), for "step 1 of 2". */
  index: number;
  startMs: number;
  endMs: number;
}

export interface RecordingPlan {
  livenessType: LivenessType;
  totalMs: number;
  /** Lead-in first (ACTION only), then the prompts in order; they cover [0, totalMs) without gaps. */
  steps: PromptStep[];
  /** How many steps are actions (or the hold-still), for "step i of n". */
  actionCount: number;
}

export interface PromptAt {
  step: PromptStep;
  /** 0–1 over the whole recording, for the progress ring. */
  progress: number;
  /** 0–1 within the current step. */
  stepProgress: number;
  done: boolean;
}

export const LEAD_IN_MS = 600;
/** Time a person needs to perform one action comfortably. */
export const MIN_ACTION_MS = 1500;
/** Never record less: Tencent refuses 2 s and under, and a recorder can lose a few frames at each end. */
export const MIN_RECORDING_MS = 2500;

export function planRecording(
  livenessType: LivenessType,
  actions: readonly LivenessActionName[],
  recordingSeconds: number,
): RecordingPlan {
  const requestedMs = clamp(recordingSeconds, RECORDING_SECONDS.min, RECORDING_SECONDS.max) * 1000;
  if (livenessType === "SILENT" || actions.length === 0) {
    const totalMs = Math.max(requestedMs, MIN_RECORDING_MS);
    return {
      livenessType,
      totalMs,
      steps: [{ kind: "hold_still", index: 1, startMs: 0, endMs: totalMs }],
      actionCount: 1,
    };
  }
  const totalMs = Math.min(
    RECORDING_SECONDS.max * 1000,
    Math.max(requestedMs, MIN_RECORDING_MS, LEAD_IN_MS + actions.length * MIN_ACTION_MS),
  );
  const slotMs = (totalMs - LEAD_IN_MS) / actions.length;
  const steps: PromptStep[] = [{ kind: "look_at_camera", index: 0, startMs: 0, endMs: LEAD_IN_MS }];
  actions.forEach((action, i) => {
    const startMs = Math.round(LEAD_IN_MS + i * slotMs);
    const endMs = i === actions.length - 1 ? totalMs : Math.round(LEAD_IN_MS + (i + 1) * slotMs);
    steps.push({ kind: action, index: i + 1, startMs, endMs });
  });
  return { livenessType, totalMs, steps, actionCount: actions.length };
}

export function promptAt(plan: RecordingPlan, elapsedMs: number): PromptAt {
  const elapsed = Math.max(0, elapsedMs);
  const done = elapsed >= plan.totalMs;
  const last = plan.steps[plan.steps.length - 1] as PromptStep;
  const step = done ? last : (plan.steps.find((candidate) => elapsed < candidate.endMs) ?? last);
  const stepLength = step.endMs - step.startMs;
  return {
    step,
    progress: Math.min(1, elapsed / plan.totalMs),
    stepProgress: done ? 1 : stepLength > 0 ? Math.min(1, (elapsed - step.startMs) / stepLength) : 1,
    done,
  };
}

function clamp(value: number, min: number, max: number): number {
  return Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : min;
}
