/**
 * The face detector's own page, embedded by the capture overlay as a hidden frame. It runs BlazeFace on
 * onnxruntime-web's WebAssembly backend here rather than in the content script because a content script's
 * WebAssembly compiles under the partner page's CSP, which may forbid it; this page has the extension's CSP
 * ('wasm-unsafe-eval'). It is also another process than the page in Chromium, so inference never janks the
 * preview. The model and the runtime ship inside the extension: nothing is fetched from elsewhere.
 */
import * as ort from "onnxruntime-web/wasm";
import {
  BLAZEFACE_INPUT_NAME,
  BLAZEFACE_INPUT_SIZE,
  BLAZEFACE_OUTPUT_NAMES,
  type BlazeFaceOutputs,
  decodeFaces,
  inputTensorData,
  type Letterbox,
  letterbox,
} from "../content/capture/face-checks/blazeface";
import type { FrameReading } from "../content/capture/face-checks/face-detector";
import { meanLuma } from "../content/capture/face-checks/frame-luma";
import {
  DETECTOR_CONNECT,
  DETECTOR_READ_MEASURE,
  DETECTOR_READY_MARK,
  type FromDetector,
  type ToDetector,
} from "./detector-protocol";

const MODEL_URL = new URL("blazeface-front-128.onnx", location.href).href;
// One thread: threads need cross-origin isolation and a worker built from a blob, neither of which fits here.
ort.env.wasm.numThreads = 1;
ort.env.wasm.wasmPaths = { wasm: new URL("ort-wasm-simd-threaded.wasm", location.href).href };

const session = ort.InferenceSession.create(MODEL_URL, { executionProviders: ["wasm"] }).then((model) => {
  performance.mark(DETECTOR_READY_MARK);
  return model;
});
const canvas = new OffscreenCanvas(BLAZEFACE_INPUT_SIZE, BLAZEFACE_INPUT_SIZE);
const context = canvas.getContext("2d", { willReadFrequently: true });

let connected = false;
window.addEventListener("message", (event: MessageEvent) => {
  // Only the frame's parent, only once: the first port is the overlay's. The partner page is the same window
  // and could connect first; the overlay then never hears "ready" and records without checks, saying so.
  if (connected || event.source !== window.parent || event.data !== DETECTOR_CONNECT) return;
  const port = event.ports[0];
  if (!port) return;
  connected = true;
  void serve(port);
});

async function serve(port: MessagePort): Promise<void> {
  const send = (message: FromDetector) => port.postMessage(message);
  let model: ort.InferenceSession;
  try {
    if (!context) throw new Error("no 2D canvas");
    model = await session;
  } catch (error) {
    send({ kind: "unavailable", message: error instanceof Error ? error.message : String(error) });
    return;
  }
  port.onmessage = async (event: MessageEvent<ToDetector>) => {
    const { id, frame, frameWidth, frameHeight } = event.data;
    const started = performance.now();
    try {
      const reading = await read(model, frame, letterbox(frameWidth, frameHeight));
      send({ kind: "reading", id, reading });
    } catch (error) {
      send({ kind: "failed", id, message: error instanceof Error ? error.message : String(error) });
    } finally {
      frame.close();
      performance.measure(DETECTOR_READ_MEASURE, { start: started });
    }
  };
  send({ kind: "ready", backend: "wasm" });
}

async function read(model: ort.InferenceSession, frame: ImageBitmap, box: Letterbox): Promise<FrameReading> {
  const draw = context as OffscreenCanvasRenderingContext2D;
  draw.fillStyle = "#000";
  draw.fillRect(0, 0, BLAZEFACE_INPUT_SIZE, BLAZEFACE_INPUT_SIZE);
  draw.drawImage(frame, box.x, box.y, box.width, box.height);
  const input = draw.getImageData(0, 0, BLAZEFACE_INPUT_SIZE, BLAZEFACE_INPUT_SIZE).data;
  const light = meanLuma(draw.getImageData(box.x, box.y, box.width, box.height).data);
  const tensor = new ort.Tensor("float32", inputTensorData(input), [
    1,
    BLAZEFACE_INPUT_SIZE,
    BLAZEFACE_INPUT_SIZE,
    3,
  ]);
  const outputs = await model.run({ [BLAZEFACE_INPUT_NAME]: tensor });
  const data = (name: string) => outputs[name]?.data as Float32Array;
  const raw: BlazeFaceOutputs = {
    fineScores: data(BLAZEFACE_OUTPUT_NAMES.fineScores),
    coarseScores: data(BLAZEFACE_OUTPUT_NAMES.coarseScores),
    fineBoxes: data(BLAZEFACE_OUTPUT_NAMES.fineBoxes),
    coarseBoxes: data(BLAZEFACE_OUTPUT_NAMES.coarseBoxes),
  };
  return {
    faces: decodeFaces(raw, box),
    meanLuma: light,
    frameWidth: box.frameWidth,
    frameHeight: box.frameHeight,
  };
}
