/**
 * GetWebVerificationResultIntl in the sandbox, in the shape of the intl SDK 3.0.1426's
 * GetWebVerificationResultIntlResponse. By where the flow stands (./flow-store.ts):
 * - never issued (or not a BizToken): error InvalidParameterValue.BizTokenIllegal;
 * - issued more than 3 days ago ("the token is valid for three days (259,200s) after issuance"): error
 *   InvalidParameterValue.BizTokenExpired;
 * - issued, opened or in progress: ErrorCode -999, "The verification process wasn't finished." (the code
 *   GetFaceIdResultIntl documents for an unfinished flow of the same family: inferred for this action), with
 *   the attempts made so far;
 * - not finished within its 10 minutes: ErrorCode 15, "Token expired", with the attempts made;
 * - ended: the ErrorCode of the step that ended it, every liveness attempt as a VerificationDetail, the last
 *   attempt's video and a best frame, the OCR result where the mode reads a document.
 * Those errors are the two BizToken codes the intl Go SDK's client.go lists for this action. It "can be called
 * multiple times": reading a finished flow again gives the same answer.
 */
import { encodeBase64 } from "../../shared/base64";
import { ActionParameters } from "../parameters";
import { SAMPLE_BEST_FRAME } from "../sample-files";
import { TencentApiError } from "../tencent-response";
import { modeHasOcr } from "./config";
import { IN_PROGRESS, TOKEN_EXPIRED, webErrorMessage } from "./error-codes";
import type { FlowRecord, LivenessAttempt, WebVerificationStore } from "./flow-store";
import { SAMPLE_CARDS } from "./ocr-samples";

export interface VerificationDetail {
  ErrorCode: number;
  ErrorMsg: string;
  LivenessErrorCode: number | null;
  LivenessErrorMsg: string | null;
  CompareErrorCode: number | null;
  CompareErrorMsg: string | null;
  ReqTimestamp: number;
  Similarity: number | null;
  Seq: string;
  LivenessInfoTag: string[] | null;
}

export interface OcrResult {
  IsPass: boolean;
  CardImageBase64: string | null;
  CardInfo: null;
  NormalCardInfo: Record<string, Readonly<Record<string, string | null>>> | null;
  RequestId: string;
  CardCutImageBase64: string | null;
  CardBackCutImageBase64: null;
  WarnCardInfos: number[];
  OriginalCardInfo: string | null;
  HeadImageBase64: null;
  CardBackImageBase64: null;
}

export interface WebVerificationResult {
  ErrorCode: number;
  ErrorMsg: string;
  VerificationDetailList: VerificationDetail[] | null;
  VideoBase64: string | null;
  BestFrameBase64: string | null;
  OCRResult: OcrResult[] | null;
  Extra: string | null;
}

export async function getWebVerificationResult(
  params: Record<string, unknown>,
  store: WebVerificationStore,
): Promise<WebVerificationResult> {
  const token = new ActionParameters(params, ["BizToken"]).requiredString("BizToken");
  const state = await store.state(token);
  switch (state.status) {
    case "unknown":
      throw new TencentApiError("InvalidParameterValue.BizTokenIllegal", "The BizToken is not valid.");
    case "results-expired":
      throw new TencentApiError(
        "InvalidParameterValue.BizTokenExpired",
        "The BizToken has expired: results are kept for 3 days.",
      );
    case "issued":
    case "opened":
    case "in-progress":
      return unfinished(state.record, IN_PROGRESS);
    case "expired":
      return unfinished(state.record, TOKEN_EXPIRED);
    case "completed":
      return finished(state.record, store, token);
  }
}

function unfinished(record: FlowRecord, errorCode: number): WebVerificationResult {
  return {
    ErrorCode: errorCode,
    ErrorMsg: webErrorMessage(errorCode),
    VerificationDetailList: details(record),
    VideoBase64: null,
    BestFrameBase64: null,
    OCRResult: null,
    Extra: record.extra,
  };
}

async function finished(
  record: FlowRecord,
  store: WebVerificationStore,
  token: string,
): Promise<WebVerificationResult> {
  const errorCode = record.completion?.errorCode ?? IN_PROGRESS;
  const last = record.attempts.at(-1);
  const video = last === undefined ? undefined : await store.media(token, "video");
  return {
    ErrorCode: errorCode,
    ErrorMsg: webErrorMessage(errorCode),
    VerificationDetailList: details(record),
    VideoBase64: video === undefined ? null : encodeBase64(video),
    // A best frame exists when the last attempt found a face: its liveness ran to a verdict of 0.
    BestFrameBase64: last?.livenessErrorCode === 0 ? encodeBase64(SAMPLE_BEST_FRAME.bytes) : null,
    OCRResult: modeHasOcr(record.config.checkMode) ? await ocrResults(record, store, token) : null,
    Extra: record.extra,
  };
}

function details(record: FlowRecord): VerificationDetail[] | null {
  if (record.attempts.length === 0) return null;
  return record.attempts.map((attempt) => detail(attempt, record.config.version === "PLUS"));
}

function detail(attempt: LivenessAttempt, plus: boolean): VerificationDetail {
  return {
    ErrorCode: attempt.errorCode,
    ErrorMsg: webErrorMessage(attempt.errorCode),
    LivenessErrorCode: attempt.livenessErrorCode,
    LivenessErrorMsg: attempt.livenessErrorCode === null ? null : webErrorMessage(attempt.livenessErrorCode),
    CompareErrorCode: attempt.compareErrorCode,
    CompareErrorMsg: attempt.compareErrorCode === null ? null : webErrorMessage(attempt.compareErrorCode),
    ReqTimestamp: attempt.at,
    Similarity: attempt.similarity,
    Seq: attempt.seq,
    // The liveness rejection reasons exist in the PLUS edition only; the sandbox never rejects for one.
    LivenessInfoTag: plus ? [] : null,
  };
}

/**
 * The document step's OCRResult: the photo as uploaded, the sample card of the IDCardType in NormalCardInfo,
 * or, in CheckMode 4, as OriginalCardInfo ("when CheckMode value is 4, return the OriginalCardInfo field;
 * other scenarios return the current field"), a JSON string. No alarms (WarnCardInfos empty).
 */
async function ocrResults(
  record: FlowRecord,
  store: WebVerificationStore,
  token: string,
): Promise<OcrResult[] | null> {
  const step = record.document;
  const type = record.config.idCardType;
  if (step === null || type === null) return null;
  const photo = await store.media(token, "document");
  const photoBase64 = photo === undefined ? null : encodeBase64(photo);
  const passed = step.errorCode === 0;
  const cardInfo = passed ? { [type]: SAMPLE_CARDS[type] } : null;
  const original = record.config.checkMode === 4;
  return [
    {
      IsPass: passed,
      CardImageBase64: photoBase64,
      CardInfo: null,
      NormalCardInfo: original ? null : cardInfo,
      RequestId: `sandbox-ocr-${token}`,
      CardCutImageBase64: record.config.idCardCutReturn ? photoBase64 : null,
      CardBackCutImageBase64: null,
      WarnCardInfos: [],
      OriginalCardInfo: original && cardInfo ? JSON.stringify(cardInfo) : null,
      HeadImageBase64: null,
      CardBackImageBase64: null,
    },
  ];
}
