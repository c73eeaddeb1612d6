// The whole FaceID catalogue through the Tencent dialect: removed actions refused with their replacement before
// anything leaves, any catalogued action grantable (none removed), and each action's own regions held.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { FACEID_ACTIONS } from "../../shared/faceid/actions";
import { REMOVED_ACTIONS } from "../../shared/faceid/catalogue";
import { escapeHtml } from "../../worker/docs/html";
import { publishedDocs } from "../../worker/docs/published";
import { DEFAULT_PARTNER_ACTIONS, PartnerInputError, PartnerStore } from "../../worker/partners/store";
import { createPartner, partnerRequest, tencentJson, testGateway } from "../support/gateway";

type Partner = Awaited<ReturnType<typeof createPartner>>;

async function callAs(
  gateway: ReturnType<typeof testGateway>,
  partner: Partner,
  action: string,
  parameters: Record<string, unknown>,
  region?: string,
) {
  const response = await gateway.fetch(
    await partnerRequest({
      secretId: partner.secretId,
      secretKey: partner.secretKey,
      action,
      body: JSON.stringify(parameters),
      ...(region !== undefined ? { region } : {}),
    }),
  );
  return { response, answer: (await tencentJson(response)).Response };
}

describe("an action Tencent removed", () => {
  const removals = [
    ["ApplyWebVerificationToken", "ApplyWebVerificationBizTokenIntl"],
    ["GetWebVerificationResult", "GetWebVerificationResultIntl"],
    ["ApplyCardVerification", "ApplyWebVerificationBizTokenIntl"],
    ["GetCardVerificationResult", "GetWebVerificationResultIntl"],
  ] as const;

  it("is every removed action of the catalogue, each replaced by a catalogued one", () => {
    expect(Object.keys(REMOVED_ACTIONS).sort()).toEqual(removals.map(([action]) => action).sort());
    for (const [action, replacement] of removals) {
      expect(REMOVED_ACTIONS[action].replacement).toBe(replacement);
      expect(Object.hasOwn(FACEID_ACTIONS, replacement)).toBe(true);
      expect(Object.hasOwn(FACEID_ACTIONS, action)).toBe(false);
    }
  });

  for (const [action, replacement] of removals) {
    it(`${action} → InvalidAction naming ${replacement}, and nothing reaches FaceID`, async () => {
      const gateway = testGateway();
      const partner = await createPartner({ actions: Object.keys(FACEID_ACTIONS) });
      const { response, answer } = await callAs(gateway, partner, action, { BizToken: crypto.randomUUID() });
      expect(response.status).toBe(200);
      expect(answer.Error).toEqual({
        Code: "InvalidAction",
        Message: `The action ${action} was removed from faceid; use ${replacement} instead.`,
      });
      expect(answer.RequestId).toBe(response.headers.get("X-Request-Id"));
      expect(gateway.upstreamCalls).toHaveLength(0);
    });
  }

  it("cannot be granted: the store names the removal and the replacement", async () => {
    const store = new PartnerStore(env.PARTNERS, env.PARTNER_KEY_SEED);
    const created = store.create({
      name: "Old Integration",
      actions: ["IdCardVerification", "ApplyCardVerification"],
    });
    await expect(created).rejects.toThrow(PartnerInputError);
    await expect(created).rejects.toThrow(
      "ApplyCardVerification was removed from FaceID on 2026-03-09: use ApplyWebVerificationBizTokenIntl",
    );
  });
});

describe("granting", () => {
  it("any catalogued action can be granted, and a granted one is forwarded", async () => {
    const gateway = testGateway();
    const partner = await createPartner({ actions: Object.keys(FACEID_ACTIONS) });
    expect(partner.actions).toEqual(Object.keys(FACEID_ACTIONS));
    const { answer } = await callAs(gateway, partner, "IdCardVerification", {
      IdCard: "110101199003074514",
      Name: "张三",
    });
    expect(answer).toMatchObject({ Result: "0", Description: "The name and the ID card number match." });
    expect(gateway.upstreamCalls).toHaveLength(1);
  });

  it("the default grant is still the three validated actions and the gateway's own", async () => {
    expect(DEFAULT_PARTNER_ACTIONS).toEqual([
      "CompareFaceLiveness",
      "ApplyLivenessToken",
      "GetLivenessResult",
      "CreateCaptureSession",
      "RevokeCaptureSession",
      "DescribeCaptureSession",
    ]);
    const gateway = testGateway();
    const partner = await createPartner();
    const { answer } = await callAs(gateway, partner, "IdCardVerification", { IdCard: "x", Name: "y" });
    expect(answer.Error).toEqual({
      Code: "AuthFailure.UnauthorizedOperation",
      Message: "This partner is not allowed to call IdCardVerification.",
    });
    expect(gateway.upstreamCalls).toHaveLength(0);
  });
});

describe("regions", () => {
  it("an action outside the validated three is refused in a region its page does not list", async () => {
    const gateway = testGateway();
    const partner = await createPartner({ actions: ["VideoLivenessCompare"] });
    const { answer } = await callAs(
      gateway,
      partner,
      "VideoLivenessCompare",
      {
        ImageUrl: "https://cos.partner.test/face.jpg",
        ImageMd5: "d41d8cd98f00b204e9800998ecf8427e",
        VideoUrl: "https://cos.partner.test/face.mp4",
        VideoMd5: "d41d8cd98f00b204e9800998ecf8427e",
        LivenessType: "SILENT",
      },
      "ap-jakarta",
    );
    expect(answer.Error).toEqual({
      Code: "UnsupportedRegion",
      Message: "VideoLivenessCompare is not offered in region ap-jakarta.",
    });
    expect(gateway.upstreamCalls).toHaveLength(0);
  });

  it("an action whose page restricts no region goes out in any", async () => {
    const gateway = testGateway();
    const partner = await createPartner({ actions: ["MobileStatus"] });
    const { answer } = await callAs(
      gateway,
      partner,
      "MobileStatus",
      { Mobile: "18900000002" },
      "eu-frankfurt",
    );
    expect(answer).toMatchObject({ Result: "0", StatusCode: 1 });
    expect((gateway.upstreamCalls[0] as Request).headers.get("X-TC-Region")).toBe("eu-frankfurt");
  });
});

describe("handles of the new actions are their partner's alone", () => {
  it("another partner's upload URL in an ID card check gets what an unreadable resource gets", async () => {
    const gateway = testGateway();
    const actions = ["CreateUploadUrl", "IdCardOCRVerification", "CheckIdCardInformation"];
    const alpha = await createPartner({ actions });
    const beta = await createPartner({ actions });
    const upload = await callAs(gateway, alpha, "CreateUploadUrl", { TargetAction: "IdCardOCRVerification" });
    const theirs = upload.answer.ResourceUrl as string;
    gateway.upstreamCalls.length = 0;
    for (const action of ["IdCardOCRVerification", "CheckIdCardInformation"]) {
      expect((await callAs(gateway, beta, action, { ImageUrl: theirs })).answer.Error, action).toEqual({
        Code: "InvalidParameterValue",
        Message: "ImageUrl: the resource cannot be read.",
      });
    }
    expect(gateway.upstreamCalls).toHaveLength(0);
    const own = await callAs(gateway, alpha, "IdCardOCRVerification", { ImageUrl: theirs });
    expect(own.answer).toMatchObject({ Result: "0", IdCard: "110101199003074514" });
    expect(gateway.upstreamCalls).toHaveLength(1);
  });
});

describe("/docs", () => {
  it("lists every catalogued action with its rate, and each removed one with its replacement", async () => {
    const { page } = await publishedDocs();
    for (const [action, spec] of Object.entries(FACEID_ACTIONS)) {
      expect(page, action).toContain(
        `<th scope="row"><code>${action}</code></th><td>${escapeHtml(spec.summary)}</td>`,
      );
    }
    expect(page).toContain(
      '<tr><th scope="row"><code>IdCardVerification</code></th><td>Whether a name and a mainland ID card number belong together.</td><td>any</td><td>100</td><td>yes</td><td>IdCard; Name</td></tr>',
    );
    expect(page).toContain(
      "<code>ApplyCardVerification</code> → <code>ApplyWebVerificationBizTokenIntl</code>",
    );
  });
});
