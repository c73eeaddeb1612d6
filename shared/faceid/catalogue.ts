/**
 * Every action of FaceID 2018-03-01 in Tencent's current international API, one row each: where it is offered,
 * how fast an account may call it, whether it costs money, whether a retry is safe, and its parameters.
 *
 * Sources, all of the same day (2026-08-21):
 * - the action list and every parameter (name, type): the intl Node SDK release 3.0.1426,
 *   `tencentcloud/faceid/v20180301/faceid_client.js` and the `<Action>Request` models of `models.js`;
 * - which parameters are required: the intl CLI release 3.1.160.1, `tccli/services/faceid/v20180301/api.json`
 *   (the same models with Tencent's `required` flags; the member lists match the SDK's model for model);
 * - regions and rates: each action's page, https://www.tencentcloud.com/document/api/1061/<doc> ("This API
 *   only supports: …", "A maximum of N requests can be initiated per second for this API"); an action whose
 *   page says "Region: not required", or lists no regions, has none here;
 * - billing: each page's result codes "for charges" (the mainland record checks) or the service's billing
 *   (verifications). `retrySafe` is the gateway's own judgement (design.md: a billable verification is never
 *   retried; reads and token mints may be): true where a second send can neither charge twice nor do anything
 *   a first one did not.
 *
 * Removed actions are listed apart (REMOVED_ACTIONS): they are refused, never forwarded.
 */
import type { FaceIdRegion } from "./actions";

/** Parameter types, named as Tencent's API pages name them; an object type is named by its model. */
export type ParameterType =
  | "String"
  | "Integer"
  | "Float"
  | "Boolean"
  | "Array of String"
  | "Array of Integer"
  | ParameterModelName;

export interface ParameterSpec {
  type: ParameterType;
  required: boolean;
}

export type ParameterList = Readonly<Record<string, ParameterSpec>>;

export interface ActionSpec {
  /** What the action does, in a line. */
  summary: string;
  /** Regions the action is offered in; undefined when its page does not restrict it. */
  regions?: readonly FaceIdRegion[];
  /** Requests per second allowed per Tencent account. */
  ratePerSecond: number;
  /** Whether a call can be charged to the account. */
  billable: boolean;
  /** Whether the gateway may send a call again after a network error or RequestLimitExceeded. */
  retrySafe: boolean;
  parameters: ParameterList;
  /**
   * Parameters of which at least one must be given, per group, beyond `required` (the page says "one of …
   * must be provided", or a field is mandatory unless the request is encrypted).
   */
  requiresOneOf?: readonly (readonly string[])[];
  /** The action's page: https://www.tencentcloud.com/document/api/1061/<doc>. */
  doc: number;
}

const required = (type: ParameterType): ParameterSpec => ({ type, required: true });
const optional = (type: ParameterType): ParameterSpec => ({ type, required: false });

/** The object types parameters take (models.js: Encryption, WebVerificationConfigIntl). */
export const PARAMETER_MODELS = {
  /** Sensitive fields encrypted with a KMS data key (tencentcloud.com/document/product/1007/47180). */
  Encryption: {
    EncryptList: required("Array of String"),
    CiphertextBlob: required("String"),
    Iv: required("String"),
    Algorithm: optional("String"),
    TagList: optional("Array of String"),
  },
  WebVerificationConfigIntl: {
    AutoSkipStartPage: optional("Boolean"),
    AutoSkip: optional("Boolean"),
    CheckMode: optional("Integer"),
    IDCardType: optional("String"),
    DisableCheckOcrWarnings: optional("Boolean"),
    SecurityLevel: optional("Integer"),
    SkipPrivacyPolicy: optional("Boolean"),
    IdCardCutReturn: optional("Boolean"),
    ThemeColor: optional("String"),
    Language: optional("String"),
    AutoDowngrade: optional("Integer"),
    ActionList: optional("String"),
    LivenessRetryLimit: optional("Integer"),
    LivenessTimeout: optional("Integer"),
    SelectedWarningCodes: optional("String"),
    AllowExpiredDocument: optional("Boolean"),
    Version: optional("String"),
  },
} as const satisfies Record<string, ParameterList>;

export type ParameterModelName = "Encryption" | "WebVerificationConfigIntl";

const LIVENESS_REGIONS = ["ap-hongkong", "ap-jakarta", "ap-singapore"] as const;
const VERIFICATION_REGIONS = ["ap-bangkok", "ap-hongkong", "ap-singapore"] as const;
const WEB_REGIONS = ["ap-bangkok", "ap-hongkong", "ap-jakarta", "ap-singapore", "sa-saopaulo"] as const;

/** A verification or record check: each call may be charged, so it is sent once. */
const CHARGED = { billable: true, retrySafe: false } as const;
/** A token mint, a read or an upload URL: free, and a second send only repeats the first. */
const FREE = { billable: false, retrySafe: true } as const;

export const FACEID_CATALOGUE = {
  // Selfie verification (pure API).
  CompareFaceLiveness: {
    summary: "Liveness of a base64 video, then its face against a base64 photo.",
    regions: VERIFICATION_REGIONS,
    ratePerSecond: 20,
    ...CHARGED,
    parameters: {
      ImageBase64: required("String"),
      VideoBase64: required("String"),
      LivenessType: required("String"),
      ValidateData: optional("String"),
    },
    doc: 57416,
  },
  VideoLivenessCompare: {
    summary: "CompareFaceLiveness with the photo and the video at URLs (COS).",
    regions: VERIFICATION_REGIONS,
    ratePerSecond: 20,
    ...CHARGED,
    parameters: {
      ImageUrl: required("String"),
      ImageMd5: required("String"),
      VideoUrl: required("String"),
      VideoMd5: required("String"),
      LivenessType: required("String"),
      ValidateData: optional("String"),
    },
    doc: 74297,
  },
  LivenessCompare: {
    summary: "The legacy liveness comparison (LIP, ACTION or SILENT), media as base64 or URLs.",
    ratePerSecond: 100,
    ...CHARGED,
    parameters: {
      LivenessType: required("String"),
      ImageBase64: optional("String"),
      ImageUrl: optional("String"),
      ValidateData: optional("String"),
      Optional: optional("String"),
      VideoBase64: optional("String"),
      VideoUrl: optional("String"),
    },
    requiresOneOf: [
      ["ImageBase64", "ImageUrl"],
      ["VideoBase64", "VideoUrl"],
    ],
    doc: 36939,
  },

  // The liveness SDK and what it uploads.
  ApplyLivenessToken: {
    summary: "Mints the SdkToken of a liveness flow in Tencent's liveness SDK.",
    regions: LIVENESS_REGIONS,
    ratePerSecond: 20,
    ...FREE,
    parameters: { SecureLevel: optional("String") },
    doc: 49955,
  },
  GetLivenessResult: {
    summary: "Reads the result of a liveness flow by its SdkToken.",
    regions: LIVENESS_REGIONS,
    ratePerSecond: 20,
    ...FREE,
    parameters: { SdkToken: required("String") },
    doc: 49952,
  },
  GenerateReflectSequence: {
    summary: "The light sequence for the reflection liveness SDK, from the device data it uploaded.",
    regions: VERIFICATION_REGIONS,
    ratePerSecond: 5,
    ...FREE,
    parameters: {
      DeviceDataUrl: required("String"),
      DeviceDataMd5: required("String"),
      SecurityLevel: optional("String"),
    },
    doc: 47646,
  },
  DetectReflectLivenessAndCompare: {
    summary: "Reflection liveness of the SDK's data package, then its face against a photo (both at URLs).",
    regions: VERIFICATION_REGIONS,
    ratePerSecond: 5,
    ...CHARGED,
    parameters: {
      LiveDataUrl: required("String"),
      LiveDataMd5: required("String"),
      ImageUrl: required("String"),
      ImageMd5: required("String"),
    },
    doc: 44246,
  },
  CreateUploadUrl: {
    summary: "A pre-signed URL to PUT a file into FaceID's COS bucket for two hours.",
    regions: VERIFICATION_REGIONS,
    ratePerSecond: 20,
    ...FREE,
    parameters: { TargetAction: required("String") },
    doc: 47648,
  },

  // Selfie verification (app SDK).
  GetFaceIdTokenIntl: {
    summary: "Mints the SdkToken of a selfie verification in Tencent's app SDK.",
    ratePerSecond: 20,
    ...FREE,
    parameters: {
      CheckMode: optional("String"),
      SecureLevel: optional("String"),
      Image: optional("String"),
      Extra: optional("String"),
      ActionList: optional("String"),
      SdkVersion: optional("String"),
      RetryLimit: optional("Integer"),
    },
    doc: 54556,
  },
  GetFaceIdResultIntl: {
    summary: "Reads the result of a selfie verification by its SdkToken.",
    regions: WEB_REGIONS,
    ratePerSecond: 20,
    ...FREE,
    parameters: { SdkToken: required("String") },
    doc: 54557,
  },

  // Identity verification (app SDK).
  ApplySdkVerificationToken: {
    summary: "Mints the SdkToken of an eKYC flow (document OCR, liveness, comparison) in the app SDK.",
    ratePerSecond: 20,
    ...FREE,
    parameters: {
      CheckMode: optional("Integer"),
      SecurityLevel: optional("Integer"),
      IdCardType: optional("String"),
      CompareImage: optional("String"),
      NeedVerifyIdCard: optional("Boolean"),
      DisableChangeOcrResult: optional("Boolean"),
      DisableCheckOcrWarnings: optional("Boolean"),
      SelectedWarningCodes: optional("Array of Integer"),
      Extra: optional("String"),
      SdkVersion: optional("String"),
      ActionList: optional("String"),
      AllowExpiredDocument: optional("Boolean"),
      SkipResultPage: optional("Boolean"),
      CardOcrDisplayFields: optional("Array of String"),
      RetryLimit: optional("Integer"),
      EnableForgeryDetectionImages: optional("Boolean"),
      MetaData: optional("String"),
      SkipLaunchPage: optional("Boolean"),
      SkipOcrConfirmPage: optional("Boolean"),
      HideProgressBar: optional("Boolean"),
      AllowUploadPhoto: optional("Boolean"),
    },
    doc: 49954,
  },
  GetSdkVerificationResult: {
    summary: "Reads the result of an app SDK eKYC flow by its SdkToken.",
    ratePerSecond: 20,
    ...FREE,
    parameters: { SdkToken: required("String") },
    doc: 49951,
  },

  // Identity verification (mobile HTML5): Tencent's hosted page.
  ApplyWebVerificationBizTokenIntl: {
    summary: "Mints the BizToken and VerificationURL of Tencent's hosted eKYC page.",
    regions: WEB_REGIONS,
    ratePerSecond: 20,
    ...FREE,
    parameters: {
      RedirectURL: required("String"),
      CompareImageBase64: optional("String"),
      Extra: optional("String"),
      RuleId: optional("String"),
      Config: optional("WebVerificationConfigIntl"),
    },
    doc: 56227,
  },
  GetWebVerificationResultIntl: {
    summary: "Reads the result of a hosted eKYC page by its BizToken.",
    regions: WEB_REGIONS,
    ratePerSecond: 20,
    ...FREE,
    parameters: { BizToken: required("String") },
    doc: 56226,
  },

  // AI Face Shield (pure API).
  DetectAIFakeFaces: {
    summary: "Attack risk (deepfake, re-capture, template) of a face photo or video.",
    ratePerSecond: 5,
    ...CHARGED,
    parameters: {
      FaceInput: optional("String"),
      FaceInputType: optional("Integer"),
      Encryption: optional("Encryption"),
      EncryptedBody: optional("String"),
    },
    // "If you do not use Encryption for encrypting transmission, this field is mandatory" (FaceInput and
    // FaceInputType); the encrypted form carries both inside EncryptedBody.
    requiresOneOf: [["FaceInput", "EncryptedBody"]],
    doc: 64467,
  },

  // Mainland China record checks, added to the intl API in April–May 2026 (3.0.1342–3.0.1366). No region.
  IdCardVerification: {
    summary: "Whether a name and a mainland ID card number belong together.",
    ratePerSecond: 100,
    ...CHARGED,
    parameters: { IdCard: required("String"), Name: required("String"), Encryption: optional("Encryption") },
    doc: 79049,
  },
  IdCardOCRVerification: {
    summary: "IdCardVerification from typed fields or from a photo of the card's portrait side.",
    ratePerSecond: 100,
    ...CHARGED,
    parameters: {
      IdCard: optional("String"),
      Name: optional("String"),
      ImageBase64: optional("String"),
      ImageUrl: optional("String"),
      Encryption: optional("Encryption"),
    },
    requiresOneOf: [["IdCard", "ImageBase64", "ImageUrl"]],
    doc: 79050,
  },
  CheckIdCardInformation: {
    summary: "Reads a photo of a mainland ID card and checks it, portrait included, against the records.",
    ratePerSecond: 100,
    ...CHARGED,
    parameters: {
      ImageBase64: optional("String"),
      ImageUrl: optional("String"),
      Config: optional("String"),
      IsEncrypt: optional("Boolean"),
      IsEncryptResponse: optional("Boolean"),
      Encryption: optional("Encryption"),
    },
    requiresOneOf: [["ImageBase64", "ImageUrl"]],
    doc: 79054,
  },
  CheckIdNameDate: {
    summary: "Whether a name, a mainland ID card number and the card's validity period belong together.",
    ratePerSecond: 20,
    ...CHARGED,
    parameters: {
      Name: required("String"),
      IdCard: required("String"),
      ValidityBegin: required("String"),
      ValidityEnd: required("String"),
      Encryption: optional("Encryption"),
    },
    doc: 79051,
  },
  ImageRecognition: {
    summary: "A photo against the ID photo on record for a name and ID number (closed to new customers).",
    ratePerSecond: 100,
    ...CHARGED,
    parameters: {
      IdCard: required("String"),
      Name: required("String"),
      ImageBase64: required("String"),
      Optional: optional("String"),
      Encryption: optional("Encryption"),
    },
    doc: 79053,
  },
  ImageRecognitionV2: {
    summary: "A photo against the ID photo on record for a name and ID number.",
    ratePerSecond: 20,
    ...CHARGED,
    parameters: {
      IdCard: required("String"),
      Name: required("String"),
      ImageBase64: required("String"),
      Optional: optional("String"),
      Encryption: optional("Encryption"),
      Extra: optional("String"),
    },
    doc: 79052,
  },
  BankCardVerification: {
    summary: "Whether a bank card, its holder's name and ID number belong together.",
    ratePerSecond: 20,
    ...CHARGED,
    parameters: {
      IdCard: required("String"),
      Name: required("String"),
      BankCard: required("String"),
      CertType: optional("Integer"),
      Encryption: optional("Encryption"),
    },
    doc: 78854,
  },
  BankCard2EVerification: {
    summary: "Whether a bank card and its holder's name belong together.",
    ratePerSecond: 20,
    ...CHARGED,
    parameters: {
      Name: required("String"),
      BankCard: required("String"),
      Encryption: optional("Encryption"),
    },
    doc: 78856,
  },
  BankCard4EVerification: {
    summary: "Whether a bank card, its holder's name, ID number and mobile number belong together.",
    ratePerSecond: 20,
    ...CHARGED,
    parameters: {
      Name: required("String"),
      BankCard: required("String"),
      Phone: required("String"),
      IdCard: required("String"),
      CertType: optional("Integer"),
      Encryption: optional("Encryption"),
    },
    doc: 78855,
  },
  CheckBankCardInformation: {
    summary: "The issuing bank and type of a bank card.",
    ratePerSecond: 20,
    ...CHARGED,
    parameters: { BankCard: required("String"), Encryption: optional("Encryption") },
    doc: 78863,
  },
  PhoneVerification: {
    summary: "Whether a mobile number, its owner's name and ID number belong together.",
    ratePerSecond: 20,
    ...CHARGED,
    parameters: {
      IdCard: required("String"),
      Name: required("String"),
      Phone: required("String"),
      CiphertextBlob: optional("String"),
      EncryptList: optional("Array of String"),
      Iv: optional("String"),
    },
    doc: 79046,
  },
  MobileStatus: {
    summary: "Whether a mobile number is in service.",
    ratePerSecond: 20,
    ...CHARGED,
    parameters: { Mobile: required("String"), Encryption: optional("Encryption") },
    doc: 79047,
  },
  MobileNetworkTimeVerification: {
    summary: "How long a mobile number has been on its network.",
    ratePerSecond: 20,
    ...CHARGED,
    parameters: { Mobile: required("String"), Encryption: optional("Encryption") },
    doc: 79048,
  },
  GetNFCToken: {
    summary: "Mints the token of an NFC read of an identity or travel document by the NFC SDK.",
    ratePerSecond: 20,
    ...FREE,
    parameters: {},
    doc: 80091,
  },
  GetWxNFCResult: {
    summary: "Reads what the NFC SDK read from a document's chip, by its token.",
    ratePerSecond: 20,
    // "Each successful NFC read is billed once (duplicate billing does not occur for repeated pull of the same
    // NFC request)": billable, yet reading it again is free.
    billable: true,
    retrySafe: true,
    parameters: { NFCToken: required("String") },
    doc: 80090,
  },
} as const satisfies Record<string, ActionSpec>;

export type FaceIdAction = keyof typeof FACEID_CATALOGUE;

export interface RemovedAction {
  /** The day Tencent's SDK dropped it: intl Node SDK release 3.0.1318. */
  removedOn: string;
  /** The catalogued action to call instead. */
  replacement: FaceIdAction;
}

/**
 * Actions Tencent removed on 2026-03-09 (intl SDK 3.0.1318; the last release with them is 3.0.1257). Each names
 * the action that now does its job.
 */
export const REMOVED_ACTIONS = {
  // The old hosted page (RedirectUrl, CompareImageUrl from COS; BizToken valid 7,200 s) became the Intl one.
  ApplyWebVerificationToken: { removedOn: "2026-03-09", replacement: "ApplyWebVerificationBizTokenIntl" },
  GetWebVerificationResult: { removedOn: "2026-03-09", replacement: "GetWebVerificationResultIntl" },
  // ApplyCardVerification read a non-mainland identity document (IDN, HKG, THA, MYS, SGP, JPN, TWN, BGD, NGA, PAK;
  // ID card, passport or driving licence) and GetCardVerificationResult returned its OCR (CardInfo). What reads
  // such documents now is the document OCR of the eKYC flows, and only the hosted page has a mode that does
  // that alone: ApplyWebVerificationBizTokenIntl with Config.CheckMode 4 ("OCR") over the same kinds of cards
  // (Config.IDCardType), whose OCRResult GetWebVerificationResultIntl returns. (The app SDK's
  // ApplySdkVerificationToken always adds liveness; CheckIdCardInformation and IdCardOCRVerification read
  // mainland ID cards only, which ApplyCardVerification never did.) The person now takes the photos on
  // Tencent's page instead of the caller sending them.
  ApplyCardVerification: { removedOn: "2026-03-09", replacement: "ApplyWebVerificationBizTokenIntl" },
  GetCardVerificationResult: { removedOn: "2026-03-09", replacement: "GetWebVerificationResultIntl" },
} as const satisfies Record<string, RemovedAction>;

export type RemovedActionName = keyof typeof REMOVED_ACTIONS;
