import { afterEach, describe, expect, it } from "vitest";
import type { DetectedFace, FrameReading } from "../../extension/content/capture/face-checks/face-detector";
import { findFaceProblem, stageMapping, yaw } from "../../extension/content/capture/face-checks/frame-checks";
import { meanLuma } from "../../extension/content/capture/face-checks/frame-luma";
import { FACE_PROBLEM_TEXTS } from "../../extension/content/capture/face-checks/problem-texts";
import {
  HOLD_MS,
  holdProgress,
  LAPSE_MS,
  observe,
  takeIsLost,
} from "../../extension/content/capture/face-checks/steady-checks";
import { GUIDE_OVAL } from "../../extension/content/overlay/overlay";
import { installTranslator, t } from "../../extension/ui/i18n";
import { BUNDLED_CATALOGUES } from "../../extension/ui/i18n-bundled";
import { catalogueProvider } from "../../extension/ui/i18n-catalogue";
import { ENGLISH } from "../../extension/ui/i18n-english";
import { describeCompareResult } from "../../shared/faceid/result-codes";

/** A frontal face of the good take's size, centred in the oval (frame coordinates, 640×480). */
function face(changes: { x?: number; y?: number; width?: number; noseX?: number } = {}): DetectedFace {
  const x = changes.x ?? 0.5;
  const y = changes.y ?? 236 / 480;
  const width = changes.width ?? 0.3;
  return {
    box: { x, y, width, height: width * 1.33 },
    keypoints: {
      rightEye: { x: x - 0.06, y: y - 0.1 },
      leftEye: { x: x + 0.06, y: y - 0.1 },
      nose: { x: changes.noseX ?? x, y },
      mouth: { x, y: y + 0.08 },
      rightEar: { x: x - 0.14, y: y - 0.05 },
      leftEar: { x: x + 0.14, y: y - 0.05 },
    },
    score: 0.95,
  };
}

function reading(faces: DetectedFace[], meanLumaValue = 150): FrameReading {
  return { faces, meanLuma: meanLumaValue, frameWidth: 640, frameHeight: 480 };
}

describe("meanLuma", () => {
  it("weighs red, green and blue as Rec. 601 does, and ignores alpha", () => {
    expect(meanLuma(new Uint8ClampedArray([255, 0, 0, 0]))).toBeCloseTo(76.245, 10);
    expect(meanLuma(new Uint8ClampedArray([0, 255, 0, 255]))).toBeCloseTo(149.685, 10);
    expect(meanLuma(new Uint8ClampedArray([0, 0, 255, 255]))).toBeCloseTo(29.07, 10);
    expect(meanLuma(new Uint8ClampedArray([255, 255, 255, 255, 0, 0, 0, 255]))).toBeCloseTo(127.5, 10);
  });

  it("is 0 for no pixels", () => {
    expect(meanLuma(new Uint8ClampedArray([]))).toBe(0);
  });
});

describe("findFaceProblem", () => {
  it("passes one frontal face of the right size in the oval, in good light", () => {
    expect(findFaceProblem(reading([face()]), GUIDE_OVAL)).toBeNull();
  });

  it.each([
    ["too_dark", reading([face()], 49.9)],
    ["too_bright", reading([face()], 220.1)],
    ["no_face", reading([])],
    ["multiple_faces", reading([face({ x: 0.3 }), face({ x: 0.7 })])],
    ["outside_oval", reading([face({ x: 0.75 })])],
    ["outside_oval", reading([face({ y: 0.75 })])],
    ["too_far", reading([face({ width: 0.2 })])],
    ["too_close", reading([face({ width: 0.47 })])],
    ["not_frontal", reading([face({ noseX: 0.535 })])],
  ] as const)("finds %s", (problem, input) => {
    expect(findFaceProblem(input, GUIDE_OVAL)).toBe(problem);
  });

  it("names light first: a dark frame with no face is too dark", () => {
    expect(findFaceProblem(reading([], 20), GUIDE_OVAL)).toBe("too_dark");
  });

  it("accepts the limits themselves", () => {
    expect(findFaceProblem(reading([face()], 50), GUIDE_OVAL)).toBeNull();
    expect(findFaceProblem(reading([face()], 220), GUIDE_OVAL)).toBeNull();
    // 0.45 of the oval's 296 px is 133.2 px: just above it passes, just below it is too far.
    expect(findFaceProblem(reading([face({ width: 133.5 / 640 })]), GUIDE_OVAL)).toBeNull();
    expect(findFaceProblem(reading([face({ width: 132.9 / 640 })]), GUIDE_OVAL)).toBe("too_far");
  });
});

describe("yaw", () => {
  it("is the nose's offset from between the eyes, per eye distance", () => {
    expect(yaw(face())).toBe(0);
    expect(yaw(face({ noseX: 0.53 }))).toBeCloseTo(0.25, 10);
    expect(yaw(face({ noseX: 0.47 }))).toBeCloseTo(-0.25, 10);
  });
});

describe("stageMapping", () => {
  it("mirrors a 4:3 frame onto the 640×480 stage, as the preview shows it", () => {
    const toStage = stageMapping(640, 480);
    expect(toStage({ x: 0.2, y: 0.25 })).toEqual({ x: 512, y: 120 });
  });

  it("crops a 16:9 frame's sides, as object-fit: cover does", () => {
    const toStage = stageMapping(1280, 720);
    // Scaled by 2/3 to 853.33×480, centred: 106.67 px cut from each side.
    const centre = toStage({ x: 0.5, y: 0.5 });
    expect(centre.x).toBeCloseTo(320, 10);
    expect(centre.y).toBeCloseTo(240, 10);
    expect(toStage({ x: 0.125, y: 0 }).x).toBeCloseTo(640, 10);
  });
});

describe("the steady checks", () => {
  it("start when every check has held for HOLD_MS, not before", () => {
    let state = observe(null, null, 1000);
    expect(holdProgress(state, 1000)).toBe(0);
    state = observe(state, null, 1250);
    expect(holdProgress(state, 1250)).toBe(0.5);
    state = observe(state, null, 1000 + HOLD_MS);
    expect(holdProgress(state, 1000 + HOLD_MS)).toBe(1);
  });

  it("start the hold again after one bad reading", () => {
    let state = observe(null, null, 0);
    state = observe(state, "no_face", 400);
    expect(holdProgress(state, 400)).toBe(0);
    state = observe(state, null, 450);
    expect(state).toEqual({ problem: null, since: 450 });
    expect(holdProgress(state, 700)).toBe(0.5);
  });

  it("keep counting a bad spell through a change of problem", () => {
    let state = observe(null, "too_far", 100);
    state = observe(state, "no_face", 300);
    expect(state).toEqual({ problem: "no_face", since: 100 });
  });

  it("lose a take only when the face has been gone (or joined) for LAPSE_MS", () => {
    let state = observe(null, null, 0);
    state = observe(state, "no_face", 1000);
    expect(takeIsLost(state, 1000 + LAPSE_MS - 1)).toBe(false);
    expect(takeIsLost(state, 1000 + LAPSE_MS)).toBe(true);
    expect(takeIsLost(observe(null, "multiple_faces", 0), LAPSE_MS)).toBe(true);
  });

  it("never lose a take for what the actions themselves cause: a turned or moving head", () => {
    expect(takeIsLost(observe(null, "not_frontal", 0), 10_000)).toBe(false);
    expect(takeIsLost(observe(null, "outside_oval", 0), 10_000)).toBe(false);
  });
});

describe("the problems' texts", () => {
  afterEach(() => installTranslator(catalogueProvider("en", ENGLISH)));

  it("name a Tencent code that exists, whose failure the check prevents", () => {
    for (const text of Object.values(FACE_PROBLEM_TEXTS)) {
      if (text.tencentCode) expect(describeCompareResult(text.tencentCode).category).toBe("capture");
    }
  });

  it("read in English as the overlay shows them (the e2e tests match these words)", () => {
    const english = Object.fromEntries(
      Object.entries(FACE_PROBLEM_TEXTS).map(([problem, text]) => [problem, [t(text.title), t(text.hint)]]),
    );
    expect(english).toEqual({
      too_dark: ["Too dark", "The face is too dark. Move to a brighter place."],
      too_bright: ["Too bright", "The face is over-exposed. Avoid strong direct light or backlight."],
      no_face: ["No face found", "Keep the whole face in the frame, facing the camera."],
      multiple_faces: ["More than one face", "Make sure only the person verifying is in view."],
      outside_oval: ["Centre your face in the oval", "Move until your face is in the middle of the oval."],
      too_far: ["Move closer", "The face is too far from the camera. Move closer."],
      too_close: ["Move back a little", "The face is too close to the camera. Move back a little."],
      not_frontal: ["Look straight at the camera", "Turn your head to face the camera."],
    });
    expect(t("face_problem_restart_notice", t(FACE_PROBLEM_TEXTS.too_far.title))).toBe(
      "Move closer: the recording stopped. It starts again once the face checks pass.",
    );
  });

  it("give every problem its own title and hint, translated in the capture's language", () => {
    const keys = Object.values(FACE_PROBLEM_TEXTS).flatMap((text) => [text.title, text.hint]);
    expect(new Set(keys).size).toBe(keys.length);
    installTranslator(catalogueProvider("th", BUNDLED_CATALOGUES.th, ENGLISH));
    expect(t(FACE_PROBLEM_TEXTS.too_dark.title)).toBe("มืดเกินไป");
    expect(t("face_problem_restart_notice", t(FACE_PROBLEM_TEXTS.too_dark.title))).toMatch(/^มืดเกินไป: /);
  });
});
