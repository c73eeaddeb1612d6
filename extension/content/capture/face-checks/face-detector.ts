/**
 * The seam between the face checks and whatever finds faces: the extension's detector runs BlazeFace in an
 * extension page (../face-detector-frame.ts); a web page may bring its own. Everything here is in the frame's
 * own coordinates, 0–1 from the top-left corner of the unmirrored camera image.
 */

export interface Point {
  x: number;
  y: number;
}

export interface FaceBox {
  /** Centre of the box. */
  x: number;
  y: number;
  width: number;
  height: number;
}

/** BlazeFace's six key points, from the person's point of view (their right eye is on the image's left). */
export interface FaceKeypoints {
  rightEye: Point;
  leftEye: Point;
  nose: Point;
  mouth: Point;
  rightEar: Point;
  leftEar: Point;
}

export interface DetectedFace {
  box: FaceBox;
  keypoints: FaceKeypoints;
  /** 0–1. */
  score: number;
}

/** What one look at a camera frame found: the faces, and the light (mean Rec. 601 luma, 0–255). */
export interface FrameReading {
  faces: DetectedFace[];
  meanLuma: number;
  /** The frame's size in pixels, so the checks can place it in the stage as the preview shows it. */
  frameWidth: number;
  frameHeight: number;
}

export interface FaceDetector {
  /** Reads one frame; the detector may take ownership of `frame` (an ImageBitmap is transferred). */
  read(frame: ImageBitmap): Promise<FrameReading>;
  close(): void;
}
