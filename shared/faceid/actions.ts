/**
 * The Tencent Cloud FaceID (international) API surface the gateway knows: version, regions, and questions about
 * an action name. The actions themselves, with their regions, rates, billing and parameters, are the catalogue
 * (./catalogue.ts).
 */
import {
  type ActionSpec,
  FACEID_CATALOGUE,
  type FaceIdAction,
  REMOVED_ACTIONS,
  type RemovedAction,
  type RemovedActionName,
} from "./catalogue";

export type { ActionSpec, FaceIdAction, RemovedAction, RemovedActionName };

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

export function isFaceIdRegion(region: string): region is FaceIdRegion {
  return (FACEID_REGIONS as readonly string[]).includes(region);
}

/** Every catalogued action, by name. */
export const FACEID_ACTIONS: Readonly<Record<FaceIdAction, ActionSpec>> = FACEID_CATALOGUE;

/** The three actions the gateway validates parameter by parameter before they leave. */
export const VALIDATED_ACTIONS = {
  CompareFaceLiveness: FACEID_CATALOGUE.CompareFaceLiveness,
  ApplyLivenessToken: FACEID_CATALOGUE.ApplyLivenessToken,
  GetLivenessResult: FACEID_CATALOGUE.GetLivenessResult,
} as const;

export type ValidatedAction = keyof typeof VALIDATED_ACTIONS;

export function isFaceIdAction(name: string): name is FaceIdAction {
  return Object.hasOwn(FACEID_CATALOGUE, name);
}

export function isValidatedAction(name: string): name is ValidatedAction {
  return Object.hasOwn(VALIDATED_ACTIONS, name);
}

/** The removal of an action Tencent no longer has, or undefined for any other name. */
export function removedAction(name: string): RemovedAction | undefined {
  return Object.hasOwn(REMOVED_ACTIONS, name) ? REMOVED_ACTIONS[name as RemovedActionName] : undefined;
}
