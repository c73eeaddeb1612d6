/**
 * Is this frame good enough to record? One reading of the detector in, the first thing to fix out (or null).
 * The geometry is the overlay's: a 640×480 stage showing the camera mirrored and cropped to fill it
 * (`object-fit: cover`), with the oval guide drawn on it.
 */
import type { DetectedFace, FrameReading, Point } from "./face-detector";

export type FaceProblem =
  | "too_dark"
  | "too_bright"
  | "no_face"
  | "multiple_faces"
  | "outside_oval"
  | "too_far"
  | "too_close"
  | "not_frontal";

export interface Oval {
  cx: number;
  cy: number;
  rx: number;
  ry: number;
}

export const STAGE = { width: 640, height: 480 } as const;

/**
 * The limits, measured on the real-face fixtures (test/fixtures/camera/REAL-FACES.md) as Chromium shows them:
 * a good take has mean luma 156–159 and a face box 0.62–0.70 of the oval's width; too dark is 22, too far 0.31.
 */
export const LIMITS = {
  minLuma: 50,
  maxLuma: 220,
  /** The face box's width over the oval's. */
  minWidthInOval: 0.45,
  maxWidthInOval: 1,
  /** How far the box's centre may be from the oval's, as a fraction of the oval's radii. */
  maxOffCentre: 0.4,
  /** The nose's offset from between the eyes, over the distance between the eyes: about 0 when frontal. */
  maxYaw: 0.25,
} as const;

/** The first problem to fix, in the order a person can fix them: light, then who is in view, then where. */
export function findFaceProblem(reading: FrameReading, oval: Oval): FaceProblem | null {
  if (reading.meanLuma < LIMITS.minLuma) return "too_dark";
  if (reading.meanLuma > LIMITS.maxLuma) return "too_bright";
  const [face, ...others] = reading.faces;
  if (!face) return "no_face";
  if (others.length > 0) return "multiple_faces";
  const toStage = stageMapping(reading.frameWidth, reading.frameHeight);
  const centre = toStage(face.box);
  const offCentre = Math.hypot((centre.x - oval.cx) / oval.rx, (centre.y - oval.cy) / oval.ry);
  if (offCentre > LIMITS.maxOffCentre) return "outside_oval";
  const width = Math.abs(
    toStage({ x: face.box.x + face.box.width / 2, y: 0 }).x -
      toStage({ x: face.box.x - face.box.width / 2, y: 0 }).x,
  );
  if (width < LIMITS.minWidthInOval * 2 * oval.rx) return "too_far";
  if (width > LIMITS.maxWidthInOval * 2 * oval.rx) return "too_close";
  if (Math.abs(yaw(face)) > LIMITS.maxYaw) return "not_frontal";
  return null;
}

/** How far the head is turned: the nose's sideways offset from the eyes' midpoint, per eye distance. */
export function yaw(face: DetectedFace): number {
  const { leftEye, rightEye, nose } = face.keypoints;
  const eyes = Math.hypot(leftEye.x - rightEye.x, leftEye.y - rightEye.y);
  if (eyes === 0) return 0;
  return (nose.x - (leftEye.x + rightEye.x) / 2) / eyes;
}

/** Frame coordinates (0–1, unmirrored) to stage pixels, as the mirrored, cropped preview shows them. */
export function stageMapping(frameWidth: number, frameHeight: number): (point: Point) => Point {
  const scale = Math.max(STAGE.width / frameWidth, STAGE.height / frameHeight);
  const offsetX = (STAGE.width - frameWidth * scale) / 2;
  const offsetY = (STAGE.height - frameHeight * scale) / 2;
  return (point) => ({
    x: STAGE.width - (offsetX + point.x * frameWidth * scale),
    y: offsetY + point.y * frameHeight * scale,
  });
}
