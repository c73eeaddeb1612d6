// The operator changing a partner (PATCH /admin/partners/{partnerId}, what `npm run partner -- update` calls
// with --remote): each list given replaces the partner's, redirect URLs are https origins and paths, and the
// change reaches CORS and the hosted verification's check at once in this isolate.
import { describe, expect, it } from "vitest";
import { createPartner, GATEWAY_URL, testGateway } from "../support/gateway";

const ADMIN = { Authorization: "Bearer test-admin-token", "Content-Type": "application/json" };

function patch(gateway: ReturnType<typeof testGateway>, partnerId: string, body: unknown, headers = ADMIN) {
  return gateway.fetch(
    new Request(`${GATEWAY_URL}admin/partners/${partnerId}`, {
      method: "PATCH",
      headers,
      body: JSON.stringify(body),
    }),
  );
}

function preflight(gateway: ReturnType<typeof testGateway>, origin: string) {
  return gateway.fetch(
    new Request(`${GATEWAY_URL}v1/liveness/compare`, {
      method: "OPTIONS",
      headers: { Origin: origin, "Access-Control-Request-Method": "POST" },
    }),
  );
}

describe("PATCH /admin/partners/{partnerId}", () => {
  it("replaces the lists it is given, keeps the others, and stores redirect URLs as origin and path", async () => {
    const gateway = testGateway();
    const partner = await createPartner({
      origins: ["https://old.partner.test"],
      actions: ["CompareFaceLiveness"],
    });
    const response = await patch(gateway, partner.partnerId, {
      origins: ["https://New.Partner.test:443/ignored"],
      redirectUrls: ["https://new.partner.test/return", "https://new.partner.test/return"],
    });
    expect(response.status).toBe(200);
    const updated = (await response.json()) as Record<string, unknown>;
    expect(updated).toMatchObject({
      partnerId: partner.partnerId,
      actions: ["CompareFaceLiveness"],
      origins: ["https://new.partner.test"],
      redirectUrls: ["https://new.partner.test/return"],
      revokedAt: null,
    });
    expect(updated.updatedAt).toEqual(expect.any(String));
    // The origin index follows: the new origin's preflight passes, the old one's no longer does.
    expect((await preflight(gateway, "https://new.partner.test")).status).toBe(204);
    expect((await preflight(gateway, "https://old.partner.test")).status).toBe(403);
  });

  const refused: [string, unknown, string][] = [
    ["an http redirect URL", { redirectUrls: ["http://kyc.partner.test/return"] }, "must be an https URL."],
    [
      "a loopback one",
      { redirectUrls: ["https://127.0.0.1/return"] },
      "must not point at this machine (loopback).",
    ],
    ["one with a query", { redirectUrls: ["https://kyc.partner.test/return?case=1"] }, "has a query"],
    [
      "one with a fragment",
      { redirectUrls: ["https://kyc.partner.test/return#x"] },
      "must not have a fragment.",
    ],
    ["an unknown action", { actions: ["MakeCoffee"] }, "unknown actions: MakeCoffee"],
    ["an unknown field", { name: "Renamed" }, "Expected {actions?"],
    ["a list that is not one", { origins: "https://kyc.partner.test" }, "Expected {actions?"],
    ["a rate out of range", { ratePerSecond: 500 }, "ratePerSecond must be a whole number from 1 to 100"],
    ["a weight of 0", { weight: 0 }, "weight must be a whole number from 1 to 100"],
    ["a fractional weight", { weight: 1.5 }, "weight must be a whole number from 1 to 100"],
    ["a weight that is not a number", { weight: "3" }, "Expected {actions?"],
  ];
  for (const [what, body, message] of refused) {
    it(`refuses ${what} with 400, changing nothing`, async () => {
      const gateway = testGateway();
      const partner = await createPartner({ redirectUrls: ["https://kyc.partner.test/return"] });
      const response = await patch(gateway, partner.partnerId, body);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { message: string } }).error.message).toContain(message);
      const listed = (await (
        await gateway.fetch(new Request(`${GATEWAY_URL}admin/partners`, { headers: ADMIN }))
      ).json()) as { partners: { partnerId: string; redirectUrls?: string[] }[] };
      expect(listed.partners.find((p) => p.partnerId === partner.partnerId)?.redirectUrls).toEqual([
        "https://kyc.partner.test/return",
      ]);
    });
  }

  it("sets the partner's weight in the shared rate, and keeps it through other changes", async () => {
    const gateway = testGateway();
    const partner = await createPartner({});
    const weighted = await patch(gateway, partner.partnerId, { weight: 3 });
    expect(weighted.status).toBe(200);
    expect(await weighted.json()).toMatchObject({ partnerId: partner.partnerId, weight: 3 });
    const later = await patch(gateway, partner.partnerId, { ratePerSecond: 5 });
    expect(await later.json()).toMatchObject({ weight: 3, ratePerSecond: 5 });
  });

  it("answers 404 for an unknown or revoked partner, and 401 without the admin token", async () => {
    const gateway = testGateway();
    const partner = await createPartner();
    expect((await patch(gateway, "ptn_unknown00000000", { origins: [] })).status).toBe(404);
    expect(
      (await patch(gateway, partner.partnerId, { origins: [] }, { ...ADMIN, Authorization: "Bearer nope" }))
        .status,
    ).toBe(401);
    await partner.revoke();
    expect((await patch(gateway, partner.partnerId, { origins: [] })).status).toBe(404);
  });
});
