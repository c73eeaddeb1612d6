/**
 * Where each action's quota object lives. A Durable Object is created near the Worker that first asks for it
 * unless told otherwise, so the object of a deployment whose first request came from São Paulo would answer
 * every admission in Asia across an ocean. Every forwarded request that asks the object then goes on to
 * Tencent, so the object belongs on the path to Tencent: near the FaceID region the deployment calls
 * (TENCENT_REGION), where a request's detour through it costs least (README, "Where the quota object lives";
 * bench/PERFORMANCE.md has the latency model).
 *
 * Hints: https://developers.cloudflare.com/durable-objects/reference/data-location/#provide-a-location-hint
 * A hint applies when the object is first created; later calls reach it wherever it is.
 */
import type { FaceIdRegion } from "../../shared/faceid/actions";

/** The Cloudflare location hint nearest each FaceID region. */
export const QUOTA_LOCATION: Readonly<Record<FaceIdRegion, DurableObjectLocationHint>> = {
  "ap-bangkok": "apac",
  "ap-hongkong": "apac",
  "ap-jakarta": "apac",
  "ap-singapore": "apac",
  "ap-seoul": "apac",
  "ap-tokyo": "apac",
  "eu-frankfurt": "weur",
  "na-ashburn": "enam",
  "na-siliconvalley": "wnam",
  "sa-saopaulo": "sam",
};

/** The quota object of `action`, placed near `region` when this call creates it. */
export function quotaObject(
  namespace: Env["UPSTREAM_QUOTA"],
  action: string,
  region: FaceIdRegion,
): ReturnType<Env["UPSTREAM_QUOTA"]["get"]> {
  return namespace.get(namespace.idFromName(`action:${action}`), { locationHint: QUOTA_LOCATION[region] });
}
