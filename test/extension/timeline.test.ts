import { describe, expect, it } from "vitest";
import {
  LEAD_IN_MS,
  MIN_RECORDING_MS,
  planRecording,
  promptAt,
} from "../../extension/content/capture/timeline";

describe("planRecording", () => {
  it("gives SILENT one hold-still prompt for the whole recording", () => {
    expect(planRecording("SILENT", [], 5)).toEqual({
      livenessType: "SILENT",
      totalMs: 5000,
      steps: [{ kind: "hold_still", index: 1, startMs: 0, endMs: 5000 }],
      actionCount: 1,
    });
  });

  it("gives ACTION a lead-in, then one equal slot per action in the requested order", () => {
    const plan = planRecording("ACTION", ["shake_head", "blink"], 5);
    expect(plan.totalMs).toBe(5000);
    expect(plan.steps).toEqual([
      { kind: "look_at_camera", index: 0, startMs: 0, endMs: LEAD_IN_MS },
      { kind: "shake_head", index: 1, startMs: 600, endMs: 2800 },
      { kind: "blink", index: 2, startMs: 2800, endMs: 5000 },
    ]);
  });

  it("keeps the recording between 3 and 6 seconds whatever the setting says", () => {
    expect(planRecording("SILENT", [], 1).totalMs).toBe(3000);
    expect(planRecording("SILENT", [], 60).totalMs).toBe(6000);
    expect(planRecording("SILENT", [], Number.NaN).totalMs).toBe(3000);
  });

  it("never plans less than the 2.5-second floor", () => {
    for (const seconds of [0, 1, 2, 3]) {
      expect(planRecording("ACTION", ["blink"], seconds).totalMs).toBeGreaterThanOrEqual(MIN_RECORDING_MS);
    }
  });

  it("lengthens a short recording so that two actions get 1.5 s each", () => {
    const plan = planRecording("ACTION", ["nod", "open_mouth"], 3);
    expect(plan.totalMs).toBe(LEAD_IN_MS + 2 * 1500);
    for (const step of plan.steps.slice(1)) expect(step.endMs - step.startMs).toBeGreaterThanOrEqual(1500);
  });

  it("covers the whole recording with no gap or overlap", () => {
    const plan = planRecording("ACTION", ["open_mouth", "nod"], 6);
    plan.steps.forEach((step, i) => {
      expect(step.startMs).toBe(i === 0 ? 0 : plan.steps[i - 1]?.endMs);
    });
    expect(plan.steps.at(-1)?.endMs).toBe(plan.totalMs);
  });
});

describe("promptAt", () => {
  const plan = planRecording("ACTION", ["shake_head", "blink"], 5);

  it("shows the prompts one after the other, in order", () => {
    const kinds = [0, 599, 600, 2799, 2800, 4999].map((ms) => promptAt(plan, ms).step.kind);
    expect(kinds).toEqual(["look_at_camera", "look_at_camera", "shake_head", "shake_head", "blink", "blink"]);
  });

  it("reports overall and per-step progress for the ring", () => {
    const midway = promptAt(plan, 1700);
    expect(midway.progress).toBeCloseTo(0.34);
    expect(midway.stepProgress).toBeCloseTo(0.5);
    expect(midway.done).toBe(false);
  });

  it("is done at the planned length and stays on the last prompt", () => {
    const end = promptAt(plan, 5000);
    expect(end).toMatchObject({ done: true, progress: 1, stepProgress: 1 });
    expect(end.step.kind).toBe("blink");
    expect(promptAt(plan, 9000).step.kind).toBe("blink");
  });

  it("treats a clock that reads before the start as the start", () => {
    expect(promptAt(plan, -50)).toMatchObject({ progress: 0, done: false });
  });
});
