/**
 * The FaceID sandbox: a local stand-in for Tencent Cloud FaceID that the gateway calls exactly as it calls
 * Tencent, so the whole stack runs without a Tencent account and a signing bug fails locally. Routes:
 *
 * - `POST /`: the FaceID API (./call-gate.ts, then ./actions.ts).
 * - `GET /`, `GET /sandbox`: a short JSON description.
 * - `POST /sandbox/liveness/<SdkToken>/complete`: finishes a liveness flow (./liveness-completion.ts).
 * - `GET /sandbox/files/<name>`: the files a passed liveness flow points at (./sample-files.ts).
 * - `/sandbox/web-verification?token=<BizToken>` and below: the page at a hosted web verification's
 *   VerificationURL and its steps (./web-verification/routes.ts).
 * - any other method on `/`: Tencent's `UnsupportedProtocol`, HTTP 200 as Tencent answers errors;
 *   any other path: HTTP 404 with the same Tencent-shaped `UnsupportedProtocol` error.
 *
 * Callers choose a CompareFaceLiveness outcome with a marker inside the reference image (./outcome-marker.ts);
 * README.md documents every behaviour and switch.
 * Every answer carries `X-FaceID-Sandbox: 1`; API answers have a RequestId `sandbox-<uuid>`.
 * Nothing is logged but the kind of an unexpected internal error: never bodies, media or credentials.
 */
import { Hono } from "hono";
import { SANDBOX_DESCRIPTION } from "./about";
import { runAction } from "./actions";
import { admitCall } from "./call-gate";
import { completeLivenessFlow } from "./liveness-completion";
import { LivenessTokenStore } from "./liveness-tokens";
import { PerSecondRateLimiter } from "./rate-limiter";
import { sampleFileResponse } from "./sample-files";
import { SandboxSignatureCheck } from "./signature-check";
import {
  sandboxJson,
  sandboxRequestId,
  TencentApiError,
  tencentError,
  tencentSuccess,
} from "./tencent-response";
import { WebVerificationStore } from "./web-verification/flow-store";
import { WEB_VERIFICATION_PATH } from "./web-verification/paths";
import { webVerificationRoutes } from "./web-verification/routes";

/** The bindings the sandbox uses; any SandboxEnv has them. */
export type SandboxBindings = Pick<SandboxEnv, "SANDBOX_SECRET_ID" | "SANDBOX_SECRET_KEY" | "SANDBOX_STATE">;

export interface SandboxOptions {
  /** Milliseconds since the epoch, like Date.now; tests inject one to move time. */
  clock?: () => number;
}

export interface Sandbox {
  fetch(request: Request, env: SandboxBindings): Promise<Response>;
}

export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const clock = options.clock ?? Date.now;
  // One limiter per sandbox: per isolate in `wrangler dev`, per instance in tests.
  const limiter = new PerSecondRateLimiter(clock);
  const signatures = new SandboxSignatureCheck(clock);
  const app = new Hono<{ Bindings: SandboxBindings }>();

  app.get("/", () => sandboxJson(SANDBOX_DESCRIPTION));
  app.get("/sandbox", () => sandboxJson(SANDBOX_DESCRIPTION));

  app.post("/", async (c) => {
    const requestId = sandboxRequestId();
    try {
      const credential = { secretId: c.env.SANDBOX_SECRET_ID, secretKey: c.env.SANDBOX_SECRET_KEY };
      const call = await admitCall(c.req.raw, { credential, signatures, limiter });
      const tokens = new LivenessTokenStore(c.env.SANDBOX_STATE, clock);
      const webVerifications = new WebVerificationStore(c.env.SANDBOX_STATE, clock);
      return tencentSuccess(
        await runAction(call, {
          tokens,
          webVerifications,
          state: c.env.SANDBOX_STATE,
          origin: new URL(c.req.url).origin,
          clock,
        }),
        requestId,
      );
    } catch (error) {
      if (error instanceof TencentApiError) return tencentError(error, requestId);
      return internalError(error, requestId);
    }
  });

  app.all("/", () =>
    tencentError(
      new TencentApiError(
        "UnsupportedProtocol",
        "The FaceID API takes POST / (GET / describes the sandbox).",
      ),
      sandboxRequestId(),
    ),
  );

  app.post("/sandbox/liveness/:token/complete", (c) =>
    completeLivenessFlow(c.req.raw, c.req.param("token"), new LivenessTokenStore(c.env.SANDBOX_STATE, clock)),
  );

  app.get("/sandbox/files/:name", (c) => sampleFileResponse(c.req.param("name")));

  app.route(WEB_VERIFICATION_PATH, webVerificationRoutes(clock));

  app.notFound(() =>
    tencentError(
      new TencentApiError("UnsupportedProtocol", "The sandbox serves the FaceID API at POST / only."),
      sandboxRequestId(),
      404,
    ),
  );
  app.onError((error) => internalError(error, sandboxRequestId()));

  return { fetch: async (request, env) => app.fetch(request, env) };
}

export default createSandbox() satisfies ExportedHandler<SandboxEnv>;

/** An unexpected failure: Tencent's InternalError on the wire, only the error's kind in the log. */
function internalError(error: unknown, requestId: string): Response {
  console.error(
    `faceid-sandbox: internal error (${error instanceof Error ? error.name : typeof error}) in ${requestId}`,
  );
  return tencentError(new TencentApiError("InternalError", "The sandbox failed unexpectedly."), requestId);
}
