// What reading and converting Firefox's WebM adds to the content script, from esbuild's own accounting of the
// built bundle (the same options as scripts/build-extension.mjs for Firefox): bytes each source contributes.
import { join } from "node:path";
import * as esbuild from "esbuild";
import { ROOT } from "./browser";

export interface ConversionBundleBytes {
  /** The whole content script. */
  contentScript: number;
  /** All of Mediabunny (the remux Chromium needs too). */
  mediabunny: number;
  /** Mediabunny's Matroska/WebM reader and muxer files: there only to read what Firefox records. */
  webm: number;
  /** The content-script H.264 encoder and the realm copies Firefox needs. */
  firefoxOnly: number;
}

export async function measureConversionBundleBytes(): Promise<ConversionBundleBytes> {
  const result = await esbuild.build({
    entryPoints: [join(ROOT, "extension/content/index.ts")],
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "firefox140",
    tsconfig: join(ROOT, "extension/tsconfig.json"),
    charset: "utf8",
    minify: false,
    legalComments: "eof",
    define: { "process.env.NODE_ENV": '"production"' },
    write: false,
    outfile: "content.js",
    metafile: true,
    logLevel: "silent",
  });
  const [output] = Object.values(result.metafile.outputs);
  if (!output) throw new Error("esbuild produced no output");
  const bytesOf = (match: (path: string) => boolean) =>
    Object.entries(output.inputs)
      .filter(([path]) => match(path))
      .reduce((sum, [, input]) => sum + input.bytesInOutput, 0);
  return {
    contentScript: output.bytes,
    mediabunny: bytesOf((path) => path.includes("node_modules/mediabunny/")),
    webm: bytesOf((path) => path.includes("node_modules/mediabunny/") && path.includes("/matroska/")),
    firefoxOnly: bytesOf(
      (path) => path.endsWith("capture/content-script-encoder.ts") || path.endsWith("capture/own-bytes.ts"),
    ),
  };
}
