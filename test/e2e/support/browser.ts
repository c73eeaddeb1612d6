// A real headless Chromium (Debian's package, never a downloaded one) with the built extension loaded and a
// fake camera playing the committed fixture. Each launch gets a fresh profile in a temporary folder.
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Worker } from "playwright-core";

export const ROOT = new URL("../../../", import.meta.url).pathname;
export const CAMERA_FIXTURE = join(ROOT, "test/fixtures/camera/face.mjpeg");
const BUILT_EXTENSION = join(ROOT, "extension/dist/chrome");

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  serviceWorker: Worker;
  close(): Promise<void>;
}

/**
 * Launches Chromium with a copy of extension/dist/chrome whose only change is `host_permissions` for
 * loopback. Chrome's permission prompt is browser UI that no automation can answer, but a request for an
 * origin already granted resolves at once without it: the options page's real `permissions.request` then
 * runs as the agent's would after clicking Allow. Everything else is the shipped build.
 */
export async function launchExtensionBrowser(options: {
  camera: "allow" | "deny";
  /** The clip the fake camera plays in a loop (an absolute path); by default CAMERA_FIXTURE. */
  cameraFixture?: string;
  /** Files left out of the extension's copy (paths inside it), to see how it copes without them. */
  withoutFiles?: string[];
}): Promise<ExtensionBrowser> {
  const workDir = await mkdtemp(join(tmpdir(), "faceid-edge-e2e-"));
  const extensionDir = join(workDir, "extension");
  await cp(BUILT_EXTENSION, extensionDir, { recursive: true });
  for (const path of options.withoutFiles ?? []) await rm(join(extensionDir, path));
  const manifestPath = join(extensionDir, "manifest.json");
  const manifest = JSON.parse(await readFile(manifestPath, "utf8"));
  manifest.host_permissions = ["http://127.0.0.1/*"];
  await writeFile(manifestPath, JSON.stringify(manifest, null, 2));

  const context = await chromium.launchPersistentContext(join(workDir, "profile"), {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    viewport: { width: 1100, height: 820 },
    timeout: 60_000,
    args: [
      `--load-extension=${extensionDir}`,
      `--disable-extensions-except=${extensionDir}`,
      "--use-fake-device-for-media-stream",
      // "deny" answers every camera prompt with a refusal, as a person clicking Block would.
      options.camera === "deny" ? "--use-fake-ui-for-media-stream=deny" : "--use-fake-ui-for-media-stream",
      `--use-file-for-fake-video-capture=${options.cameraFixture ?? CAMERA_FIXTURE}`,
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  const serviceWorker =
    context.serviceWorkers().find((worker) => worker.url().endsWith("/background.js")) ??
    (await context.waitForEvent("serviceworker", { timeout: 30_000 }));
  const extensionId = new URL(serviceWorker.url()).host;
  return {
    context,
    extensionId,
    serviceWorker,
    async close() {
      await context.close().catch(() => undefined);
      await rm(workDir, { recursive: true, force: true });
    },
  };
}
