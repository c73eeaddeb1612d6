/**
 * The phone's way into a hosted verification an agent started (README, "Continue on the customer's phone"):
 *
 *   GET /h/{code}   → 302 to Tencent's page, and the session learns the person opened it
 *   GET /h          → a form to type the code   (GET /h?code=… → /h/{code})
 *
 * No credential: the code is the capability, random and alive only while the flow is (handoff-code.ts). The
 * pages are self-contained, under a CSP that allows nothing but their inline styles and this form.
 */

import type { Context } from "hono";
import { Hono } from "hono";
import { html, type SafeHtml } from "../docs/html";
import type { GatewayEnv } from "../gateway-env";
import { captureSessionOf } from "../sessions/capture-session";
import { displayHandoffCode, newHandoffCode, parseHandoffCode } from "./handoff-code";
import { type HandoffTarget, handoffLinkOf } from "./handoff-link";

export const HANDOFF_PATH = "/h";
/**
 * Nothing but the inline styles. No `form-action`: browsers apply it to the whole redirect chain after a
 * submission, and the code form's chain ends on Tencent's page, another origin; the page's one form is ours.
 */
const HANDOFF_CSP = "default-src 'none'; style-src 'unsafe-inline'";

/** Makes a code for `target`; its URL is `${origin}/h/${code}`. */
export async function createHandoff(
  env: Env,
  target: HandoffTarget,
): Promise<{ code: string; display: string }> {
  for (let tries = 0; tries < 3; tries++) {
    const code = newHandoffCode();
    if (await handoffLinkOf(env, code).create(target)) return { code, display: displayHandoffCode(code) };
  }
  throw new Error("no free hand-off code in three draws");
}

export function handoffRoutes(clock: () => number) {
  const routes = new Hono<GatewayEnv>();

  routes.get("/", (c) => {
    const typed = c.req.query("code");
    if (typed === undefined) return page(c, 200, codeForm());
    const code = parseHandoffCode(typed);
    if (!code)
      return page(c, 400, codeForm("That is not a code: it has eight letters and digits, like K7QM-3XTD."));
    return c.redirect(`${HANDOFF_PATH}/${code}`, 303);
  });

  routes.get("/:code", async (c) => {
    const code = parseHandoffCode(c.req.param("code"));
    const target = code ? await handoffLinkOf(c.env, code).targetAt(clock()) : undefined;
    if (!target) {
      return page(
        c,
        404,
        codeForm("This code has expired or is not valid. Ask for a new one, or type it again."),
      );
    }
    await captureSessionOf(c.env, target.sessionId).markWebFlowOpened(target.bizToken);
    c.header("Cache-Control", "no-store");
    c.header("Referrer-Policy", "no-referrer");
    return c.redirect(target.verificationUrl, 302);
  });

  return routes;
}

function page(c: Context<GatewayEnv>, status: 200 | 400 | 404, body: SafeHtml): Response {
  c.header("Content-Security-Policy", HANDOFF_CSP);
  c.header("X-Content-Type-Options", "nosniff");
  c.header("Cache-Control", "no-store");
  c.header("Referrer-Policy", "no-referrer");
  return c.html(
    html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Continue your verification</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;margin:0;padding:2rem 1rem;color:#1b1f24;background:#f6f7f9}
main{max-width:26rem;margin:0 auto;background:#fff;border-radius:12px;padding:1.5rem;box-shadow:0 1px 4px #0002}
input{font:600 1.5rem/1.2 ui-monospace,monospace;letter-spacing:.15em;text-transform:uppercase;width:100%;box-sizing:border-box;padding:.5rem}
button{font:inherit;margin-top:1rem;padding:.6rem 1.2rem;border:0;border-radius:8px;background:#2d72f1;color:#fff}
.problem{color:#b3261e}
</style>
</head>
<body><main>${body}</main></body>
</html>`.value,
    status,
  );
}

function codeForm(problem?: string): SafeHtml {
  return html`<h1>Continue your verification</h1>
${problem ? html`<p class="problem" role="alert">${problem}</p>` : ""}
<form method="get" action="${HANDOFF_PATH}">
<label for="code">The code on the agent's screen</label>
<input id="code" name="code" autocomplete="one-time-code" autocapitalize="characters" spellcheck="false" maxlength="9" placeholder="K7QM-3XTD" required>
<button type="submit">Continue</button>
</form>`;
}
