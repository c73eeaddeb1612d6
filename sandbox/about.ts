/** What `GET /` (and `GET /sandbox`) says about the sandbox: enough for a developer who opens it in a browser. */
import { FACEID_ACTIONS, FACEID_API_VERSION } from "../shared/faceid/actions";
import { SANDBOX_OUTCOME_PREFIX } from "./outcome-marker";

export const SANDBOX_DESCRIPTION = {
  name: "faceid-sandbox",
  description:
    "A local stand-in for Tencent Cloud FaceID (international). Not Tencent: every answer has a RequestId " +
    "starting with sandbox- and the header X-FaceID-Sandbox: 1. See sandbox/README.md.",
  api: `POST / with X-TC-Action, X-TC-Version ${FACEID_API_VERSION}, X-TC-Timestamp, X-TC-Region and a TC3-HMAC-SHA256 Authorization for service faceid, signed with the sandbox credential (sandbox/wrangler.toml).`,
  /** Every action of the catalogue (shared/faceid/catalogue.ts), each answered in Tencent's shape. */
  simulatedActions: Object.keys(FACEID_ACTIONS),
  outcomeSwitch: `A JPEG COM segment or PNG tEXt chunk whose text is ${SANDBOX_OUTCOME_PREFIX}<code> in the photo of CompareFaceLiveness, LivenessCompare, ImageRecognition(V2), IdCardOCRVerification, CheckIdCardInformation or DetectAIFakeFaces; the same text as the Extra of GetFaceIdTokenIntl or ApplySdkVerificationToken finishes that flow with <code>.`,
  records:
    "The mainland record checks (ID card, bank card, phone, NFC) answer from two fictional people listed in sandbox/README.md.",
  endpoints: {
    "POST /sandbox/liveness/<SdkToken>/complete":
      'Finishes a liveness flow; body {"result": "0"} (any GetLivenessResult code but -999).',
    "GET /sandbox/files/<name>": "The BestFrame and Video files of a passed liveness flow.",
  },
} as const;
