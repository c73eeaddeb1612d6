/**
 * The catalogued actions the sandbox answers beyond CompareFaceLiveness, the liveness SDK's token pair and the
 * hosted web verification (./actions.ts): one module per family, each checking its action's parameters
 * against shared/faceid/catalogue.ts and answering in Tencent's shape, deterministically from the input.
 */
import type { ActionContext } from "./actions";
import { detectAiFakeFaces } from "./ai-fake-faces";
import {
  applySdkVerificationToken,
  appSdkTokens,
  getFaceIdResultIntl,
  getFaceIdTokenIntl,
  getSdkVerificationResult,
} from "./app-sdk-flows";
import {
  bankCard2EVerification,
  bankCard4EVerification,
  bankCardVerification,
  checkBankCardInformation,
} from "./bank-card-checks";
import type { AdmittedCall } from "./call-gate";
import {
  checkIdCardInformation,
  checkIdNameDate,
  idCardOcrVerification,
  idCardVerification,
  imageRecognition,
  imageRecognitionV2,
} from "./identity-checks";
import { livenessCompare, videoLivenessCompare } from "./liveness-comparisons";
import { getNfcToken, getWxNfcResult, nfcTokens } from "./nfc-reads";
import { mobileNetworkTimeVerification, mobileStatus, phoneVerification } from "./phone-checks";
import { detectReflectLivenessAndCompare, generateReflectSequence } from "./reflect-liveness";
import { createUploadUrl } from "./upload-urls";

/** The action's answer; undefined for an action of another module. */
export async function runCatalogueAction(
  call: AdmittedCall,
  context: ActionContext,
): Promise<Record<string, unknown> | undefined> {
  const { params } = call;
  const { origin, clock } = context;
  switch (call.action) {
    case "VideoLivenessCompare":
      return videoLivenessCompare(params, origin);
    case "LivenessCompare":
      return livenessCompare(params);
    case "GenerateReflectSequence":
      return generateReflectSequence(params, origin);
    case "DetectReflectLivenessAndCompare":
      return detectReflectLivenessAndCompare(params, origin);
    case "CreateUploadUrl":
      return createUploadUrl(params, origin, clock);
    case "GetFaceIdTokenIntl":
      return getFaceIdTokenIntl(params, appSdkTokens(context.state, clock));
    case "GetFaceIdResultIntl":
      return getFaceIdResultIntl(params, appSdkTokens(context.state, clock));
    case "ApplySdkVerificationToken":
      return applySdkVerificationToken(params, appSdkTokens(context.state, clock));
    case "GetSdkVerificationResult":
      return getSdkVerificationResult(params, appSdkTokens(context.state, clock), origin);
    case "DetectAIFakeFaces":
      return detectAiFakeFaces(params);
    case "IdCardVerification":
      return idCardVerification(params);
    case "IdCardOCRVerification":
      return idCardOcrVerification(params);
    case "CheckIdCardInformation":
      return checkIdCardInformation(params);
    case "CheckIdNameDate":
      return checkIdNameDate(params);
    case "ImageRecognition":
      return imageRecognition(params);
    case "ImageRecognitionV2":
      return imageRecognitionV2(params);
    case "BankCardVerification":
      return bankCardVerification(params);
    case "BankCard2EVerification":
      return bankCard2EVerification(params);
    case "BankCard4EVerification":
      return bankCard4EVerification(params);
    case "CheckBankCardInformation":
      return checkBankCardInformation(params);
    case "PhoneVerification":
      return phoneVerification(params);
    case "MobileStatus":
      return mobileStatus(params);
    case "MobileNetworkTimeVerification":
      return mobileNetworkTimeVerification(params);
    case "GetNFCToken":
      return getNfcToken(params, nfcTokens(context.state, clock));
    case "GetWxNFCResult":
      return getWxNfcResult(params, nfcTokens(context.state, clock));
    default:
      return undefined;
  }
}
