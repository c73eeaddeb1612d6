/** Where the extension serves its face detector's page: web-accessible on the partner sites (manifest.ts). */
import browser from "webextension-polyfill";
import { DETECTOR_PAGE } from "../detector/detector-protocol";

export function extensionDetectorPage(): string {
  return browser.runtime.getURL(DETECTOR_PAGE);
}
