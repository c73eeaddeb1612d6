/**
 * The calls of FaceID's other flows that hand out a handle (an SdkToken, a BizToken, an upload URL), answered
 * with fresh handles in Tencent's shape so the gateway's tenancy can be exercised end to end. The flows behind
 * them (the selfie and eKYC app SDKs, the hosted web page, COS uploads) are not simulated: reading by one of
 * these handles gets the minimal `{"RequestId"}` success like every other passthrough action.
 */

const UPLOAD_URL_SECONDS = 2 * 60 * 60;

export function issueHandle(
  action: string,
  origin: string,
  clock: () => number,
): Record<string, unknown> | undefined {
  const id = crypto.randomUUID();
  switch (action) {
    case "GetFaceIdTokenIntl":
      return { SdkToken: id };
    case "ApplySdkVerificationToken":
      return { SdkToken: id, ServerParamInfo: null };
    case "ApplyWebVerificationBizTokenIntl": {
      const url = `${origin}/sandbox/web-verification?token=${id}`;
      return { BizToken: id, VerificationURL: url, VerificationUrl: url };
    }
    case "CreateUploadUrl": {
      const resourceUrl = `${origin}/sandbox/uploads/${id}`;
      return {
        UploadUrl: `${resourceUrl}?sign=sandbox`,
        ResourceUrl: resourceUrl,
        ExpiredTimestamp: Math.floor(clock() / 1000) + UPLOAD_URL_SECONDS,
      };
    }
    default:
      return undefined;
  }
}
