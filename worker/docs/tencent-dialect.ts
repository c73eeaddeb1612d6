/**
 * The docs page's section on the Tencent dialect: what it is, and the gateway's own actions
 * CreateCaptureSession and DescribeCaptureSession (tencent-dialect/gateway-actions.ts), which the OpenAPI
 * document cannot describe because every action shares `POST /`.
 */
import { FACEID_ACTIONS, FACEID_API_VERSION } from "../../shared/faceid/actions";
import { REMOVED_ACTIONS } from "../../shared/faceid/catalogue";
import { LIVENESS_ACTION_CODES } from "../../shared/faceid/types";
import { SESSION_DEFAULTS, SESSION_LIMITS } from "../sessions/create-session";
import { SESSION_CALL_ACTIONS } from "../sessions/session-token";
import { html, type SafeHtml } from "./html";
import { type FieldRow, fieldTable } from "./schema-table";

const actionNames = Object.keys(LIVENESS_ACTION_CODES).join(", ");

const REQUEST: FieldRow[] = [
  {
    name: "ExternalId",
    type: "String",
    required: false,
    notes:
      "Your own case or user reference, 1–128 printable ASCII characters; shown back by DescribeCaptureSession.",
  },
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
  { name: "SessionId", type: "String", required: true, notes: "Keep it, to look the session up later." },
  { name: "SessionToken", type: "String", required: true, notes: "Hand it to the browser page." },
  { name: "ExpiredTimestamp", type: "Integer", required: true, notes: "Expiry, Unix seconds." },
  { name: "RequestId", type: "String", required: true, notes: "The gateway's request id." },
];

const DESCRIBE_REQUEST: FieldRow[] = [
  { name: "SessionId", type: "String", required: true, notes: "CreateCaptureSession's SessionId." },
];

const DESCRIBE_RESPONSE: FieldRow[] = [
  { name: "SessionId", type: "String", required: true, notes: "" },
  { name: "ExternalId", type: "String or null", required: true, notes: "As given to CreateCaptureSession." },
  {
    name: "Status",
    type: "String",
    required: true,
    notes:
      "pending until an attempt passes (passed) or the attempts run out (failed, once every spent attempt has its outcome, or at expiry); a session that did neither ends revoked or expired.",
  },
  { name: "AttemptsUsed", type: "Integer", required: true, notes: "" },
  { name: "MaxAttempts", type: "Integer", required: true, notes: "" },
  {
    name: "Attempts",
    type: "Array of Object",
    required: true,
    notes:
      "Every verification, oldest first: Time (Unix s), Flow (compare, or web for the hosted verification), LivenessType, Actions, Result (Tencent's code, or the gateway's when Tencent gave none), Passed, Similarity (or null), TencentRequestId, GatewayRequestId, CapturedBy (session, or agent:<keyId>), Origin, ChecksOverridden (true: the capture's face checks did not pass and the agent recorded anyway). Never media.",
  },
  { name: "ExpiredTimestamp", type: "Integer", required: true, notes: "The session's expiry, Unix seconds." },
];

export function tencentDialectSection(): SafeHtml {
  return html`<section id="tencent-dialect" aria-labelledby="tencent-dialect-title">
<h2 id="tencent-dialect-title">Tencent dialect</h2>
<p>Partner backends speak the Tencent dialect instead. They keep their official Tencent Cloud SDK (any
language), point it at this gateway and sign with the partner credentials it issued: every
FaceID action goes through <code>POST /</code> with the <code>X-TC-Action</code> header and a TC3-HMAC-SHA256
signature, exactly as Tencent's own API, and refusals come back in Tencent's shape and codes. The gateway
adds actions of its own (version <code>2018-03-01</code>, callable through any SDK's generic client):
<code>CreateCaptureSession</code> mints the session token a partner's web page then uses here,
<code>RevokeCaptureSession</code> ends one, and <code>DescribeCaptureSession</code> shows the partner's backend
the session's status and every verification made with it, kept without media for a retention period (7 days by
default) after the session expires. Another partner's session, like none at all, is
<code>ResourceNotFound</code>.</p>
<p>The gateway knows every action of FaceID ${FACEID_API_VERSION} in Tencent's current international API
(${Object.keys(FACEID_ACTIONS).length}, from its intl SDK 3.0.1426: <code>shared/faceid/catalogue.ts</code> lists each with its regions, rate,
billing and parameters). A partner may call those the operator granted it, each held to its own regions and rate
across the whole gateway. Actions Tencent has removed are refused before anything reaches it, with
<code>InvalidAction</code> and a message naming what replaced them:
${Object.entries(REMOVED_ACTIONS).map(
  ([action, { replacement }], i) =>
    html`${i > 0 ? ", " : ""}<code>${action}</code> → <code>${replacement}</code>`,
)}.</p>
${catalogueTable()}
<p>Every handle FaceID hands out (an <code>SdkToken</code>, a <code>BizToken</code>, an upload's
<code>ResourceUrl</code>) is the partner's that obtained it: a call that reads by another partner's handle gets
exactly what a never-issued one gets (<code>InvalidParameterValue.BizTokenIllegal</code> for a token) and never
reaches Tencent. A session carries only calls its partner is allowed; asking for more with <code>Calls</code> is
refused with <code>AuthFailure.UnauthorizedOperation</code>.</p>
<p>Tencent's hosted verification (<code>ApplyWebVerificationBizTokenIntl</code>, then
<code>GetWebVerificationResultIntl</code>) is checked at the edge: <code>RedirectURL</code> must have the origin
and path of one of the partner's registered redirect URLs (Tencent appends the BizToken to it), else
<code>InvalidParameterValue</code> naming RedirectURL; <code>CompareImageBase64</code> must be a JPG or PNG within
8 MB of base64; <code>Extra</code> at most 1,000 characters; every <code>Config</code> member must be one of
WebVerificationConfigIntl's with its documented values (<code>CheckMode</code> 1–4, <code>IDCardType</code>,
<code>SecurityLevel</code> 1–4, <code>Language</code>, <code>ActionList</code> only with the action levels, …). The
same flow is open to pages as <code>POST /v1/web-verifications</code> (above).</p>
${fieldTable("CreateCaptureSession parameters", REQUEST)}
${fieldTable("CreateCaptureSession response (inside Response)", RESPONSE)}
${fieldTable("DescribeCaptureSession parameters", DESCRIBE_REQUEST)}
${fieldTable("DescribeCaptureSession response (inside Response)", DESCRIBE_RESPONSE)}
</section>`;
}

/** The catalogue, one row per action: what it does, where, how fast, whether it is charged, what it needs. */
function catalogueTable(): SafeHtml {
  return html`<table>
<caption>FaceID actions (shared/faceid/catalogue.ts)</caption>
<thead><tr><th scope="col">Action</th><th scope="col">What it does</th><th scope="col">Regions</th><th scope="col">Requests/s</th><th scope="col">Charged</th><th scope="col">Required parameters</th></tr></thead>
<tbody>${Object.entries(FACEID_ACTIONS).map(([action, spec]) => {
    const required = Object.entries(spec.parameters).filter(([, parameter]) => parameter.required);
    const oneOf = (spec.requiresOneOf ?? []).map((group) => `one of ${group.join(", ")}`);
    return html`<tr><th scope="row"><code>${action}</code></th><td>${spec.summary}</td><td>${spec.regions?.join(", ") ?? "any"}</td><td>${spec.ratePerSecond}</td><td>${spec.billable ? "yes" : "no"}</td><td>${[...required.map(([name]) => name), ...oneOf].join("; ") || "none"}</td></tr>`;
  })}</tbody>
</table>`;
}
