/**
 * The Tencent Cloud FaceID (international) API surface the gateway knows: version, regions and the documented
 * per-account rate of each action (../shared/tencent-faceid.md §1, §4).
 */

export const FACEID_API_VERSION = "2018-03-01";
/** The signing service name: the first label of every FaceID host. */
export const FACEID_SERVICE = "faceid";

export const FACEID_REGIONS = [
  "ap-bangkok",
  "ap-hongkong",
  "ap-jakarta",
  "ap-singapore",
  "ap-seoul",
  "ap-tokyo",
  "eu-frankfurt",
  "na-ashburn",
  "na-siliconvalley",
  "sa-saopaulo",
] as const;
export type FaceIdRegion = (typeof FACEID_REGIONS)[number];

export interface ActionSpec {
  /** Regions the action is offered in; undefined when the documentation does not restrict it. */
  regions?: readonly FaceIdRegion[];
  /** Requests per second allowed per Tencent account. */
  ratePerSecond: number;
  /** Billable verifications are never retried automatically. */
  billable: boolean;
}

/** The three actions the gateway validates parameter by parameter. */
export const VALIDATED_ACTIONS = {
  CompareFaceLiveness: {
    regions: ["ap-bangkok", "ap-hongkong", "ap-singapore"],
    ratePerSecond: 20,
    billable: true,
  },
  ApplyLivenessToken: {
    regions: ["ap-hongkong", "ap-jakarta", "ap-singapore"],
    ratePerSecond: 20,
    billable: false,
  },
  GetLivenessResult: {
    regions: ["ap-hongkong", "ap-jakarta", "ap-singapore"],
    ratePerSecond: 20,
    billable: false,
  },
} as const satisfies Record<string, ActionSpec>;

export type ValidatedAction = keyof typeof VALIDATED_ACTIONS;

/** The rest of the international FaceID surface: forwarded as-is to partners allowed them. */
export const PASSTHROUGH_ACTIONS = {
  VideoLivenessCompare: { ratePerSecond: 20, billable: true },
  LivenessCompare: { ratePerSecond: 100, billable: true },
  GetFaceIdTokenIntl: { ratePerSecond: 20, billable: false },
  GetFaceIdResultIntl: { ratePerSecond: 20, billable: false },
  ApplySdkVerificationToken: { ratePerSecond: 20, billable: false },
  GetSdkVerificationResult: { ratePerSecond: 20, billable: false },
  ApplyWebVerificationBizTokenIntl: { ratePerSecond: 20, billable: false },
  GetWebVerificationResultIntl: { ratePerSecond: 20, billable: false },
  DetectAIFakeFaces: { ratePerSecond: 20, billable: true },
  GenerateReflectSequence: { ratePerSecond: 5, billable: false },
  DetectReflectLivenessAndCompare: { ratePerSecond: 5, billable: true },
  CreateUploadUrl: { ratePerSecond: 20, billable: false },
} as const satisfies Record<string, ActionSpec>;

export type FaceIdAction = ValidatedAction | keyof typeof PASSTHROUGH_ACTIONS;

export const FACEID_ACTIONS: Readonly<Record<FaceIdAction, ActionSpec>> = {
  ...VALIDATED_ACTIONS,
  ...PASSTHROUGH_ACTIONS,
};

export function isFaceIdAction(name: string): name is FaceIdAction {
  return Object.hasOwn(FACEID_ACTIONS, name);
}

export function isValidatedAction(name: string): name is ValidatedAction {
  return Object.hasOwn(VALIDATED_ACTIONS, name);
}
