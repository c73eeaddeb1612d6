import { afterEach, describe, expect, it } from "vitest";
import { installTranslator } from "../../extension/ui/i18n";
import { BUNDLED_CATALOGUES } from "../../extension/ui/i18n-bundled";
import { catalogueProvider } from "../../extension/ui/i18n-catalogue";
import { ENGLISH } from "../../extension/ui/i18n-english";
import { COMPARE_RESULT_TEXTS, compareResultText } from "../../extension/ui/result-texts";
import { describeCompareResult, isCompareResultCode } from "../../shared/faceid/result-codes";

afterEach(() => installTranslator(catalogueProvider("en", ENGLISH)));

describe("compareResultText", () => {
  it("has a message for every CompareFaceLiveness result, in English word for word the shared catalogue's", () => {
    for (const [code, key] of Object.entries(COMPARE_RESULT_TEXTS)) {
      expect(isCompareResultCode(code), code).toBe(true);
      expect(ENGLISH[key]?.message, code).toBe(describeCompareResult(code).description);
    }
    expect(Object.keys(COMPARE_RESULT_TEXTS)).toHaveLength(22);
  });

  it("tells a result in the capture's language", () => {
    installTranslator(catalogueProvider("th", BUNDLED_CATALOGUES.th, ENGLISH));
    expect(compareResultText("FailedOperation.ActionLightDark", "unused")).toBe(
      "ใบหน้ามืดเกินไป ย้ายไปที่ที่สว่างกว่าแล้วลองอีกครั้ง",
    );
  });

  it("keeps the catalogue's English for a code it has no message for", () => {
    installTranslator(catalogueProvider("th", BUNDLED_CATALOGUES.th, ENGLISH));
    expect(compareResultText("ResourceUnavailable.NotExist", "The resource does not exist.")).toBe(
      "The resource does not exist.",
    );
    expect(compareResultText("toString", "Unknown.")).toBe("Unknown.");
  });
});
