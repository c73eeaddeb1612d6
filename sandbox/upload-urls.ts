/**
 * CreateUploadUrl in the sandbox (tencentcloud.com/document/api/1061/47648): a fresh upload URL and the
 * resource URL to pass on, valid for two hours ("The data will be stored in a COS bucket … for two hours").
 * TargetAction must name a FaceID action. The URLs point into the sandbox but nothing is stored there: the
 * actions that read a resource URL take it on its form (./resource-urls.ts).
 */
import { isFaceIdAction } from "../shared/faceid/actions";
import { CatalogueParameters } from "./parameters";
import { TencentApiError } from "./tencent-response";

const UPLOAD_URL_SECONDS = 2 * 60 * 60;

export function createUploadUrl(
  params: Record<string, unknown>,
  origin: string,
  clock: () => number,
): Record<string, unknown> {
  const target = new CatalogueParameters("CreateUploadUrl", params).string("TargetAction") ?? "";
  if (!isFaceIdAction(target)) {
    throw new TencentApiError(
      "InvalidParameterValue",
      `TargetAction ${JSON.stringify(target.slice(0, 64))} is not a FaceID action.`,
    );
  }
  const resourceUrl = `${origin}/sandbox/uploads/${crypto.randomUUID()}`;
  return {
    UploadUrl: `${resourceUrl}?sign=sandbox`,
    ResourceUrl: resourceUrl,
    ExpiredTimestamp: Math.floor(clock() / 1000) + UPLOAD_URL_SECONDS,
  };
}
