/**
 * The docs page's section on the Tencent dialect: what it is, and the gateway's own action
 * CreateCaptureSession (tencent-dialect/route.ts), which the OpenAPI document cannot describe because every
 * action shares `POST /`.
 */
import { LIVENESS_ACTION_CODES } from "../../shared/faceid/types";
import { SESSION_DEFAULTS, SESSION_LIMITS } from "../sessions/create-session";
import { SESSION_CALL_ACTIONS } from "../sessions/session-token";
import { html, type SafeHtml } from "./html";
import { type FieldRow, fieldTable } from "./schema-table";

const actionNames = Object.keys(LIVENESS_ACTION_CODES).join(", ");

const REQUEST: FieldRow[] = [
  {
    name: "Origin",
    type: "String",
    required: false,
    notes: "A web origin the partner registered; the token then works only from a page of that origin.",
  },
  {
    name: "Calls",
    type: "Array of String",
    required: false,
    notes: `What the token may do, of ${Object.values(SESSION_CALL_ACTIONS).join(", ")}; by default every one of them the partner is allowed. Asking for one it is not allowed is refused (AuthFailure.UnauthorizedOperation).`,
  },
  {
    name: "LivenessType",
    type: "String",
    required: false,
    notes: "ACTION or SILENT; fixes the liveness type every attempt must use.",
  },
  {
    name: "Actions",
    type: "Array of String",
    required: false,
    notes: `ACTION only: one or two of ${actionNames}, in order; fixes them for every attempt.`,
  },
  {
    name: "MaxAttempts",
    type: "Integer",
    required: false,
    notes: `Verifications the token allows, 1–${SESSION_LIMITS.maxAttempts}; default ${SESSION_DEFAULTS.maxAttempts}.`,
  },
  {
    name: "TtlSeconds",
    type: "Integer",
    required: false,
    notes: `Lifetime, ${SESSION_LIMITS.minTtlSeconds}–${SESSION_LIMITS.maxTtlSeconds} s; default ${SESSION_DEFAULTS.ttlSeconds}.`,
  },
];

const RESPONSE: FieldRow[] = [
  { name: "SessionToken", type: "String", required: true, notes: "Hand it to the browser page." },
  { name: "ExpiredTimestamp", type: "Integer", required: true, notes: "Expiry, Unix seconds." },
  { name: "RequestId", type: "String", required: true, notes: "The gateway's request id." },
];

export function tencentDialectSection(): SafeHtml {
  return html`<section id="tencent-dialect" aria-labelledby="tencent-dialect-title">
<h2 id="tencent-dialect-title">Tencent dialect</h2>
<p>Partner backends speak the Tencent dialect instead. They keep their official Tencent Cloud SDK (any
language), point it at this gateway and sign with the partner credentials it issued: every
FaceID action goes through <code>POST /</code> with the <code>X-TC-Action</code> header and a TC3-HMAC-SHA256
signature, exactly as Tencent's own API, and refusals come back in Tencent's shape and codes. The gateway
adds one action of its own, <code>CreateCaptureSession</code> (version <code>2018-03-01</code>, callable through
any SDK's generic client), which mints the session token a partner's web page then uses here.</p>
<p>Every handle FaceID hands out (an <code>SdkToken</code>, a <code>BizToken</code>, an upload's
<code>ResourceUrl</code>) is the partner's that obtained it: a call that reads by another partner's handle gets
exactly what a never-issued one gets (<code>InvalidParameterValue.BizTokenIllegal</code> for a token) and never
reaches Tencent. A session carries only calls its partner is allowed; asking for more with <code>Calls</code> is
refused with <code>AuthFailure.UnauthorizedOperation</code>.</p>
${fieldTable("CreateCaptureSession parameters", REQUEST)}
${fieldTable("CreateCaptureSession response (inside Response)", RESPONSE)}
</section>`;
}
