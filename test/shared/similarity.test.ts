// The one rule for showing a similarity (overlay gauge, popup history): clamped, cut to one decimal, never
// rounded up past a threshold.
import { describe, expect, it } from "vitest";
import { meaningfulSimilarity, shownSimilarity } from "../../shared/faceid/similarity";

describe("shownSimilarity", () => {
  it.each([
    [79.6, 79.6],
    [79.96, 79.9],
    [69.99, 69.9],
    [80, 80],
    [87.53, 87.5],
    [100.4, 100],
    [-3, 0],
  ])("shows %d as %d", (similarity, shown) => {
    expect(shownSimilarity(similarity)).toBe(shown);
  });
});

describe("meaningfulSimilarity", () => {
  it("keeps Sim only for the results where Tencent says it means something", () => {
    expect(meaningfulSimilarity("Success", 87.5)).toBe(87.5);
    expect(meaningfulSimilarity("FailedOperation.CompareLowSimilarity", 41)).toBe(41);
    expect(meaningfulSimilarity("FailedOperation.SilentFaceDetectFail", 0)).toBeNull();
    expect(meaningfulSimilarity("Success", "87.5")).toBeNull();
  });
});
