/**
 * Time over readings: the checks must hold for a while before the recording starts, and a face must be gone
 * for a while before a recording stops, so that one odd frame neither starts nor spoils a take.
 * The clock is passed in; nothing here reads time.
 */
import type { FaceProblem } from "./frame-checks";

/** How long every check must pass before recording starts on its own. */
export const HOLD_MS = 500;
/**
 * How long a face may be lost while recording before the take restarts: long enough for a shaken head or a
 * nod to lose the detector for a moment, short enough that Tencent would have missed the face too.
 */
export const LAPSE_MS = 1000;
/** While recording the face turns, nods and moves with the actions: only these stop a take. */
const PROBLEMS_THAT_STOP_A_TAKE: readonly FaceProblem[] = ["no_face", "multiple_faces"];

export interface SteadyState {
  /** What the latest reading found. */
  problem: FaceProblem | null;
  /** Since when the readings have been good (problem null) or bad without a break, in ms. */
  since: number;
}

export function observe(previous: SteadyState | null, problem: FaceProblem | null, now: number): SteadyState {
  const wasGood = previous !== null && previous.problem === null;
  if (previous === null || wasGood !== (problem === null)) return { problem, since: now };
  return { problem, since: previous.since };
}

/** 0 while something is wrong, rising to 1 when the checks have held for HOLD_MS. */
export function holdProgress(state: SteadyState | null, now: number): number {
  if (state === null || state.problem !== null) return 0;
  return Math.min(1, (now - state.since) / HOLD_MS);
}

/** True when a recording should stop: the face has been lost (or joined by another) for LAPSE_MS. */
export function takeIsLost(state: SteadyState | null, now: number): boolean {
  return (
    state !== null &&
    state.problem !== null &&
    PROBLEMS_THAT_STOP_A_TAKE.includes(state.problem) &&
    now - state.since >= LAPSE_MS
  );
}
