/**
 * How a step's outcome is chosen, so tests can assert exact results: a step passes (ErrorCode 0) unless asked
 * otherwise, by the step's own `outcome` (the page's sandbox control, or `?outcome=` on the step endpoint), or
 * else by the outcome marker in CompareImageBase64 (../outcome-marker.ts: `faceid-sandbox-outcome=<code>` in a
 * JPEG comment or PNG tEXt chunk), which then applies to every step it can apply to.
 *
 * Which codes a step can end with follows the stage of each code (./error-codes.ts): the document (OCR) step
 * ends with 0 or a process code (internal error, timeout); a liveness attempt also with a liveness code, and,
 * where the flow compares faces, a comparison code.
 */
import { type CheckMode, modeHasLiveness, modeHasOcr } from "./config";
import { STEP_OUTCOME_CODES, webErrorCode } from "./error-codes";

export type FlowStep = "document" | "liveness";

/** The mode and whether the flow compares faces (mode 1 always; mode 2 when it has CompareImageBase64). */
export interface StepContext {
  checkMode: CheckMode;
  compares: boolean;
}

/** The steps of a mode, in the order the page runs them. */
export function stepsOf(mode: CheckMode): FlowStep[] {
  return [
    ...(modeHasOcr(mode) ? ["document" as const] : []),
    ...(modeHasLiveness(mode) ? ["liveness" as const] : []),
  ];
}

/** A requested code as a number, or undefined when the text is not a code a step can end with. */
export function parseStepOutcome(text: string): number | undefined {
  if (!/^-?\d{1,6}$/.test(text)) return undefined;
  const code = Number(text);
  return STEP_OUTCOME_CODES.includes(code) ? code : undefined;
}

/** Whether `code` is an outcome this step can have in this flow. */
export function outcomeFits(code: number, step: FlowStep, context: StepContext): boolean {
  switch (webErrorCode(code)?.stage) {
    case "success":
    case "process":
      return true;
    case "liveness":
      return step === "liveness";
    case "compare":
      return step === "liveness" && context.compares;
    default:
      return false;
  }
}

/** The code a step ends with: its own request, else the flow's marker where it fits the step, else 0. */
export function stepOutcome(
  step: FlowStep,
  context: StepContext,
  requested: number | undefined,
  marker: number | undefined,
): number {
  if (requested !== undefined) return requested;
  if (marker !== undefined && outcomeFits(marker, step, context)) return marker;
  return 0;
}
