// The demo page's partner (/demo, local development only): provisioned before the gateway serves, never on
// request. Finds the active "Local demo partner" registering the development origin in the local state, or
// creates it, through the operator's own partner CLI (scripts/partner.ts), which writes that state exactly as
// `npm run partner` does. `npm start` and the local test stack pass the partnerId to the gateway as
// DEMO_PARTNER_ID, beside DEV_ORIGIN.
import { ROOT } from "./dev-vars.mjs";
import { lastJsonLine, runPartnerCli } from "./partner-cli.mjs";

/** worker/demo/routes.ts's DEMO_PARTNER_NAME. */
export const DEMO_PARTNER_NAME = "Local demo partner";

/**
 * The partnerId of an active demo partner whose origins include `origin` (an origin such as
 * `http://127.0.0.1:8787`), created in `persistTo`'s state when there is none.
 */
export async function provisionDemoPartner({
  persistTo = `${ROOT}.wrangler/state`,
  origin,
  timeoutMs = 60_000,
}) {
  const cli = async (args) =>
    lastJsonLine(await runPartnerCli([...args, "--json"], { persistTo, timeoutMs }));
  const partners = await cli(["list"]);
  const existing = partners.find(
    (partner) => partner.name === DEMO_PARTNER_NAME && !partner.revokedAt && partner.origins.includes(origin),
  );
  if (existing) return existing.partnerId;
  const created = await cli(["create", "--name", DEMO_PARTNER_NAME, "--origin", origin]);
  return created.partnerId;
}
