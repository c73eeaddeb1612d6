/**
 * The hosted flow's own routes, under /sandbox/web-verification (./paths.ts), each taking `?token=<BizToken>`.
 * Sandbox only, unauthenticated (the BizToken is the capability, as at Tencent's page), local only:
 *
 * - `GET /`: the page (./page.ts); 404, 409 or 410 with a page that says why for an unknown, used or expired
 *   BizToken. Serving it marks the flow `opened`.
 * - `GET /page.js`: the page's script.
 * - `GET /status`: the flow's view (./flow-view.ts): `issued`, `opened`, `in-progress`, `completed`, `expired`.
 * - `POST /start`: the person starts (`in-progress`).
 * - `POST /document`, `POST /liveness` (body: the image or video bytes; `&outcome=<code>` optional): a step.
 * - `POST /finish`: the person stops (./person-steps.ts).
 * Step answers are the flow's new view; refusals `{"error": {code, message}}` with the status below.
 */
import { Hono } from "hono";
import { MAX_VIDEO_BASE64_BYTES } from "../../shared/faceid/limits";
import { readBodyWithin } from "../bounded-body";
import { SANDBOX_HEADER, sandboxJson } from "../tencent-response";
import { WebVerificationStore } from "./flow-store";
import { flowView } from "./flow-view";
import { PAGE_CSP, refusalPage, verificationPage } from "./page";
import { PAGE_SCRIPT } from "./page-script";
import { FLOW_ENDPOINTS } from "./paths";
import {
  finishFlow,
  openPage,
  type StepRefusal,
  type StepResult,
  startFlow,
  submitDocument,
  submitLivenessAttempt,
  viewFlow,
} from "./person-steps";

type FlowBindings = { Bindings: Pick<SandboxEnv, "SANDBOX_STATE"> };

/** An upload may be as large as the 8 MB of base64 the result hands back as VideoBase64: 6 MiB of bytes. */
export const MAX_UPLOAD_BYTES = (MAX_VIDEO_BASE64_BYTES / 4) * 3;

export function webVerificationRoutes(clock: () => number): Hono<FlowBindings> {
  const routes = new Hono<FlowBindings>();
  const storeOf = (env: FlowBindings["Bindings"]) => new WebVerificationStore(env.SANDBOX_STATE, clock);

  routes.get("/", async (c) => {
    const token = c.req.query("token") ?? "";
    const state = await openPage(storeOf(c.env), token);
    switch (state.status) {
      case "unknown":
        return page(refusalPage("unknown"), 404);
      case "results-expired":
        return page(refusalPage("results-expired"), 410);
      case "expired":
        return page(refusalPage("expired"), 410);
      case "completed":
        return page(refusalPage("completed", flowView(token, state.status, state.record)), 409);
      default:
        return page(verificationPage(flowView(token, state.status, state.record), state.record.config), 200);
    }
  });

  routes.get(FLOW_ENDPOINTS.script, () =>
    sandboxResponse(PAGE_SCRIPT, 200, { "Content-Type": "text/javascript; charset=utf-8" }),
  );

  routes.get(FLOW_ENDPOINTS.status, async (c) =>
    answer(await viewFlow(storeOf(c.env), c.req.query("token") ?? "")),
  );

  routes.post(FLOW_ENDPOINTS.start, async (c) =>
    answer(await startFlow(storeOf(c.env), c.req.query("token") ?? "")),
  );

  routes.post(FLOW_ENDPOINTS.finish, async (c) =>
    answer(await finishFlow(storeOf(c.env), c.req.query("token") ?? "")),
  );

  routes.post(FLOW_ENDPOINTS.document, async (c) => {
    const body = await readBodyWithin(c.req.raw, MAX_UPLOAD_BYTES);
    if (!body.ok) return tooLarge();
    const { token, outcome } = c.req.query();
    return answer(await submitDocument(storeOf(c.env), token ?? "", body.bytes, outcome));
  });

  routes.post(FLOW_ENDPOINTS.liveness, async (c) => {
    const body = await readBodyWithin(c.req.raw, MAX_UPLOAD_BYTES);
    if (!body.ok) return tooLarge();
    const { token, outcome } = c.req.query();
    return answer(await submitLivenessAttempt(storeOf(c.env), token ?? "", body.bytes, outcome));
  });

  return routes;
}

const REFUSAL_STATUS: Readonly<Record<StepRefusal, [number, string]>> = {
  "unknown-token": [404, "unknown_token"],
  "results-expired": [410, "results_expired"],
  "flow-expired": [410, "flow_expired"],
  "already-completed": [409, "already_completed"],
  "wrong-step": [409, "wrong_step"],
  "unknown-outcome": [400, "unknown_outcome"],
  "outcome-not-applicable": [400, "outcome_not_applicable"],
  "not-an-image": [415, "unsupported_media"],
  "not-a-video": [415, "unsupported_media"],
};

function answer(result: StepResult): Response {
  if (result.ok) return sandboxJson(result.view);
  const [status, code] = REFUSAL_STATUS[result.refusal];
  return sandboxJson({ error: { code, message: result.detail } }, status);
}

function tooLarge(): Response {
  return sandboxJson(
    { error: { code: "payload_too_large", message: `An upload may be at most ${MAX_UPLOAD_BYTES} bytes.` } },
    413,
  );
}

function page(body: string, status: number): Response {
  return sandboxResponse(body, status, {
    "Content-Type": "text/html; charset=utf-8",
    "Content-Security-Policy": PAGE_CSP,
    "Referrer-Policy": "no-referrer",
  });
}

function sandboxResponse(body: string, status: number, headers: Record<string, string>): Response {
  return new Response(body, {
    status,
    headers: {
      ...headers,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "no-store",
      [SANDBOX_HEADER]: "1",
    },
  });
}
