/**
 * Where a similarity score sits against Tencent's two thresholds (70 ≈ 0.1 % false accepts, 80 ≈ 0.01 %),
 * for the verdict's gauge, with its summary in the current language.
 */
import { SIMILARITY_THRESHOLD_STANDARD, SIMILARITY_THRESHOLD_STRICT } from "../../../shared/faceid/limits";
import { shownSimilarity } from "../../../shared/faceid/similarity";
import { t } from "../../ui/i18n";

export type SimilarityBand = "below" | "standard" | "strict";

export interface SimilarityReading {
  /** 0–100, clamped, truncated to one decimal so that it never reads above its band. */
  score: number;
  band: SimilarityBand;
  summary: string;
}

export const GAUGE_MARKS = [
  { value: SIMILARITY_THRESHOLD_STANDARD, label: String(SIMILARITY_THRESHOLD_STANDARD) },
  { value: SIMILARITY_THRESHOLD_STRICT, label: String(SIMILARITY_THRESHOLD_STRICT) },
] as const;

/** What the two marks mean, in one line under the gauge (Tencent's false-accept rates). */
export function gaugeLegend(): string {
  return t("gauge_legend", SIMILARITY_THRESHOLD_STANDARD, SIMILARITY_THRESHOLD_STRICT);
}

export function readSimilarity(similarity: number | null): SimilarityReading | null {
  if (similarity === null || !Number.isFinite(similarity)) return null;
  const raw = Math.min(100, Math.max(0, similarity));
  // The band is decided on the raw score, the number shown by the one rule for showing it.
  const score = shownSimilarity(raw);
  if (raw >= SIMILARITY_THRESHOLD_STRICT) {
    return { score, band: "strict", summary: t("gauge_above_strict", SIMILARITY_THRESHOLD_STRICT) };
  }
  if (raw >= SIMILARITY_THRESHOLD_STANDARD) {
    return {
      score,
      band: "standard",
      summary: t("gauge_above_standard", SIMILARITY_THRESHOLD_STANDARD, SIMILARITY_THRESHOLD_STRICT),
    };
  }
  return {
    score,
    band: "below",
    summary: t("gauge_below_standard", SIMILARITY_THRESHOLD_STANDARD),
  };
}
