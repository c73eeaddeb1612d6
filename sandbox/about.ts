/** What `GET /` (and `GET /sandbox`) says about the sandbox: enough for a developer who opens it in a browser. */
import { FACEID_API_VERSION, PASSTHROUGH_ACTIONS, VALIDATED_ACTIONS } from "../shared/faceid/actions";
import { SANDBOX_OUTCOME_PREFIX } from "./outcome-marker";

export const SANDBOX_DESCRIPTION = {
  name: "faceid-sandbox",
  description:
    "A local stand-in for Tencent Cloud FaceID (international). Not Tencent: every answer has a RequestId " +
    "starting with sandbox- and the header X-FaceID-Sandbox: 1. See sandbox/README.md.",
  api: `POST / with X-TC-Action, X-TC-Version ${FACEID_API_VERSION}, X-TC-Timestamp, X-TC-Region and a TC3-HMAC-SHA256 Authorization for service faceid, signed with the sandbox credential (sandbox/wrangler.toml).`,
  simulatedActions: Object.keys(VALIDATED_ACTIONS),
  minimalSuccessActions: Object.keys(PASSTHROUGH_ACTIONS),
  outcomeSwitch: `CompareFaceLiveness: a JPEG COM segment or PNG tEXt chunk in ImageBase64 whose text is ${SANDBOX_OUTCOME_PREFIX}<code>.`,
  endpoints: {
    "POST /sandbox/liveness/<SdkToken>/complete":
      'Finishes a liveness flow; body {"result": "0"} (any GetLivenessResult code but -999).',
    "GET /sandbox/files/<name>": "The BestFrame and Video files of a passed liveness flow.",
  },
} as const;
