// The web component's build (scripts/build-sdk.mjs) and the README's integration snippet: the snippet must name
// the URL and the Subresource Integrity hash of the file the gateway serves, or a partner copying it gets a
// page whose browser refuses the script.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ASSETS_DIR, buildSdk, integrityOf, sdkPath } from "../../scripts/build-sdk.mjs";

const ROOT = new URL("../../", import.meta.url).pathname;

describe("the web component's build", () => {
  it("is deterministic: two builds give the same bytes", async () => {
    const first = await buildSdk();
    const second = await buildSdk();
    expect(second).toEqual(first);
    expect(integrityOf(await readFile(join(ASSETS_DIR, first.path)))).toBe(first.integrity);
  });

  it("is named in README's snippet by its URL and its exact SRI hash", async () => {
    const built = await buildSdk();
    const readme = await readFile(join(ROOT, "README.md"), "utf8");
    const snippet =
      /<script src="https:\/\/[^"/]+(\/sdk\/[^"]+)"\s+integrity="([^"]+)" crossorigin="anonymous">/.exec(
        readme,
      );
    expect(snippet?.[1]).toBe(await sdkPath());
    // When this fails after a change to the capture, put the hash `npm run build:sdk` prints in README (and,
    // for a release already deployed, give the release a new version: its URL's bytes must never change).
    expect(snippet?.[2]).toBe(built.integrity);
  });
});
