// axe-core (the accessibility engine of Deque's tools) run inside a page, for the e2e suite: the violations of
// serious or critical impact, each with the elements it found. Evaluated through the DevTools protocol, so an
// extension page's strict CSP does not stop it.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

interface AxeViolation {
  id: string;
  impact: string | null;
  nodes: { target: string[] }[];
}

/**
 * `rule: selector, …` for every serious or critical violation on the page as it is now, or within `include`
 * (axe's context: selectors, an inner array piercing a shadow root).
 */
export async function seriousAccessibilityViolations(
  page: Page,
  include?: (string[] | { fromShadowDom: string[] })[],
): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async (include) => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            context: object,
            options: object,
          ): Promise<{ violations: AxeViolation[]; passes: AxeViolation[] }>;
        };
      }
    ).axe;
    const context = include ? { include } : document;
    const results = await axe.run(context, { resultTypes: ["violations"] });
    // A context that matched nothing passes every rule vacuously.
    if (!results.passes.some((rule) => rule.nodes.length > 0)) throw new Error("axe checked no element");
    return results.violations;
  }, include);
  return violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map(
      (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`,
    );
}

/**
 * Lets axe see into the extension's overlay. The overlay's shadow root is closed, which no engine running in
 * the page can enter; this test instrument makes the content script's `attachShadow` open its roots instead.
 * It runs in the content script's own (isolated) world through the DevTools protocol, so the page's world and
 * the product's code are as shipped; an open or closed root has the same accessibility tree. Call it once the
 * content script has started (after `faceid-edge:ready`) and before the overlay opens.
 */
export async function exposeOverlayToAxe(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const isolated: number[] = [];
  cdp.on("Runtime.executionContextCreated", ({ context }) => {
    if ((context.auxData as { type?: string } | undefined)?.type === "isolated") isolated.push(context.id);
  });
  // Enabling replays every existing context as an event before it answers.
  await cdp.send("Runtime.enable");
  if (isolated.length === 0) throw new Error("no content-script world on this page");
  for (const contextId of isolated) {
    await cdp.send("Runtime.evaluate", {
      contextId,
      expression: `{
        const attach = Element.prototype.attachShadow;
        Element.prototype.attachShadow = function (init) { return attach.call(this, { ...init, mode: "open" }); };
      }`,
    });
  }
  await cdp.detach();
}

/**
 * The serious or critical violations in the overlay, open and exposed (`exposeOverlayToAxe`). The partner's
 * page behind it is the partner's own, not checked here.
 */
export async function seriousOverlayViolations(page: Page): Promise<string[]> {
  const exposed = await page.evaluate(
    () => document.querySelector("faceid-edge-overlay")?.shadowRoot?.querySelector("dialog[open]") != null,
  );
  if (!exposed) throw new Error("the overlay is not open, or not exposed to axe");
  return seriousAccessibilityViolations(page, [{ fromShadowDom: ["faceid-edge-overlay", "dialog"] }]);
}
