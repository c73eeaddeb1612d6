/**
 * The face checks running on the overlay's live preview: a few readings a second from the detector, each
 * judged by the pure checks (face-checks/), told to whoever listens (the ready screen, the recording). The
 * detector loads once per capture and reads frames only while someone listens.
 */
import { GUIDE_OVAL } from "../overlay/overlay";
import type { FaceDetector } from "./face-checks/face-detector";
import { type FaceProblem, findFaceProblem } from "./face-checks/frame-checks";
import { holdProgress, observe, type SteadyState, takeIsLost } from "./face-checks/steady-checks";

export type FaceCheckStatus =
  | { kind: "loading" }
  | { kind: "unavailable"; message: string }
  | {
      kind: "checking";
      problem: FaceProblem | null;
      /** 0–1: how far the checks are through holding long enough to start. */
      progress: number;
      /** While recording: the face has been lost long enough to stop the take. */
      lost: boolean;
    };

/** The User Timing name of this page's own work per reading (main thread), for profiling and the e2e suite. */
export const FACE_CHECK_MEASURE = "faceid-edge face check";
/** About seven readings a second: enough to follow a person, cheap for the page. */
const READ_INTERVAL_MS = 140;
/** The detector's input is 128 px square: a larger frame only costs more to move. */
const FRAME_LONG_SIDE = 128;

export class LiveFaceChecks {
  private status: FaceCheckStatus = { kind: "loading" };
  private readonly listeners = new Set<(status: FaceCheckStatus) => void>();
  private detector: FaceDetector | null = null;
  private steady: SteadyState | null = null;
  private running = false;
  private closed = false;
  private canvas: OffscreenCanvas | null = null;

  constructor(
    private readonly preview: HTMLVideoElement,
    detector: Promise<FaceDetector>,
  ) {
    detector.then(
      (loaded) => {
        if (this.closed) {
          loaded.close();
          return;
        }
        // The status stays "loading" until the first reading says something true.
        this.detector = loaded;
        this.steady = null;
        this.run();
      },
      (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        // The screen says it in plain words; the cause is for whoever debugs the page.
        console.warn(`FaceID Edge: recording without face checks. ${message}`);
        this.setStatus({ kind: "unavailable", message });
      },
    );
  }

  current(): FaceCheckStatus {
    return this.status;
  }

  /** Calls `listener` now and on every reading until the returned function is called. */
  subscribe(listener: (status: FaceCheckStatus) => void): () => void {
    this.listeners.add(listener);
    // A new listener starts from scratch: a hold from before (say, during the last take) does not count.
    this.steady = null;
    if (this.status.kind === "checking") this.status = { ...this.status, progress: 0, lost: false };
    listener(this.status);
    this.run();
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.closed = true;
    this.listeners.clear();
    this.detector?.close();
  }

  private setStatus(status: FaceCheckStatus): void {
    this.status = status;
    for (const listener of [...this.listeners]) listener(status);
  }

  private run(): void {
    if (this.running || !this.detector) return;
    this.running = true;
    void this.loop(this.detector).finally(() => {
      this.running = false;
    });
  }

  /**
   * The current picture at the detector's size, drawn small on a canvas and handed over without a copy:
   * measured in headless Chromium (software rendering), about 2 ms of the page's time per frame, against
   * 2–6 ms for createImageBitmap's own resize.
   */
  private shrink(video: HTMLVideoElement): ImageBitmap {
    const scale = FRAME_LONG_SIDE / Math.max(video.videoWidth, video.videoHeight);
    const width = Math.round(video.videoWidth * scale);
    const height = Math.round(video.videoHeight * scale);
    if (this.canvas?.width !== width || this.canvas.height !== height) {
      this.canvas = new OffscreenCanvas(width, height);
    }
    const context = this.canvas.getContext("2d");
    if (!context) throw new Error("no 2D canvas");
    context.drawImage(video, 0, 0, width, height);
    return this.canvas.transferToImageBitmap();
  }

  private async loop(detector: FaceDetector): Promise<void> {
    while (this.listeners.size > 0 && !this.closed) {
      const started = performance.now();
      const video = this.preview;
      if (video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA && video.videoWidth > 0) {
        const frame = this.shrink(video);
        performance.measure(FACE_CHECK_MEASURE, { start: started });
        try {
          const reading = await detector.read(frame);
          const judged = performance.now();
          this.steady = observe(this.steady, findFaceProblem(reading, GUIDE_OVAL), judged);
          this.setStatus({
            kind: "checking",
            problem: this.steady.problem,
            progress: holdProgress(this.steady, judged),
            lost: takeIsLost(this.steady, judged),
          });
          performance.measure(FACE_CHECK_MEASURE, { start: judged });
        } catch {
          // A frame that could not be read (the camera switching, the detector closing) is skipped.
        }
      }
      await new Promise((resolve) =>
        setTimeout(resolve, Math.max(0, READ_INTERVAL_MS - (performance.now() - started))),
      );
    }
  }
}
