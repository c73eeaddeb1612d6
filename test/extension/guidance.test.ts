import { describe, expect, it } from "vitest";
import { CAMERA_PROBLEMS, classifyCameraError, PROMPTS } from "../../extension/content/capture/guidance";
import { readSimilarity } from "../../extension/content/capture/similarity-gauge";

describe("classifyCameraError", () => {
  it.each([
    ["NotAllowedError", "permission-denied", "camera_denied"],
    ["NotFoundError", "no-camera", "no_camera"],
    ["OverconstrainedError", "no-camera", "no_camera"],
    ["NotReadableError", "camera-in-use", "camera_in_use"],
    ["SecurityError", "unsupported", "camera_denied"],
    ["SomethingNew", "failed", "camera_in_use"],
  ] as const)("reads %s as %s, told to the page as %s", (name, problem, code) => {
    const error = Object.assign(new Error("x"), { name });
    expect(classifyCameraError(error)).toBe(problem);
    expect(CAMERA_PROBLEMS[problem].code).toBe(code);
  });

  it("tells the agent what to do for each problem", () => {
    for (const screen of Object.values(CAMERA_PROBLEMS)) expect(screen.steps.length).toBeGreaterThan(0);
  });

  it("offers Try again wherever it can help, and says to press it exactly where it is offered", () => {
    const final = Object.entries(CAMERA_PROBLEMS).filter(([, screen]) => !screen.canRetry);
    expect(final.map(([problem]) => problem)).toEqual(["unsupported"]);
    for (const screen of Object.values(CAMERA_PROBLEMS)) {
      expect(screen.steps.includes("camera_step_press_try_again")).toBe(screen.canRetry);
    }
  });

  it("has a prompt for every action Tencent knows", () => {
    expect(Object.keys(PROMPTS).sort()).toEqual([
      "blink",
      "hold_still",
      "look_at_camera",
      "nod",
      "open_mouth",
      "shake_head",
    ]);
  });
});

describe("readSimilarity", () => {
  it.each([
    [69.9, "below"],
    [70, "standard"],
    [79.99, "standard"],
    [80, "strict"],
    [100, "strict"],
  ] as const)("places %d in the %s band", (score, band) => {
    expect(readSimilarity(score)?.band).toBe(band);
  });

  it("clamps, and truncates to one decimal so a score never reads above its band", () => {
    expect(readSimilarity(120)?.score).toBe(100);
    expect(readSimilarity(85.26)?.score).toBe(85.2);
    expect(readSimilarity(79.99)).toMatchObject({ score: 79.9, band: "standard" });
  });

  it("has nothing to show without a score", () => {
    expect(readSimilarity(null)).toBeNull();
  });
});
