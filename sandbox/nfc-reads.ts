/**
 * NFC reads in the sandbox: GetNFCToken mints the token the NFC SDK reads a document's chip with, and
 * GetWxNFCResult returns what was read (tencentcloud.com/document/api/1061/80091, 80090). There is no phone
 * and no chip here: a token the sandbox minted reads, at once and every time, as the mainland ID card of
 * PHOTOGRAPHED_RECORD (./identity-records.ts), masked as Tencent's example answer masks it. The token is valid
 * for 10 minutes ("input the Token returned by the NFC SDK (valid for 10 minutes)"); past that, or never minted,
 * it is FailedOperation.InvalidTokenParameter ("Token not found", the intl Go SDK's errors.go).
 */
import { encodeBase64 } from "../shared/base64";
import { FlowTokenStore } from "./flow-tokens";
import { PHOTOGRAPHED_RECORD } from "./identity-records";
import { CatalogueParameters } from "./parameters";
import { SAMPLE_BEST_FRAME } from "./sample-files";
import { TencentApiError } from "./tencent-response";

type Answer = Record<string, unknown>;

const NFC_TOKEN_SECONDS = 10 * 60;

export function nfcTokens(kv: KVNamespace, clock: () => number): FlowTokenStore<Record<string, never>> {
  return new FlowTokenStore(kv, "nfc", NFC_TOKEN_SECONDS, clock);
}

export async function getNfcToken(
  params: Record<string, unknown>,
  tokens: FlowTokenStore<Record<string, never>>,
): Promise<Answer> {
  new CatalogueParameters("GetNFCToken", params);
  return { Token: await tokens.mint({}) };
}

export async function getWxNfcResult(
  params: Record<string, unknown>,
  tokens: FlowTokenStore<Record<string, never>>,
): Promise<Answer> {
  const token = new CatalogueParameters("GetWxNFCResult", params).string("NFCToken") ?? "";
  const record = await tokens.read(token);
  if (typeof record === "string") {
    throw new TencentApiError("FailedOperation.InvalidTokenParameter", "Token not found.");
  }
  const card = PHOTOGRAPHED_RECORD;
  // The chip's photo and the card's two sides, as JPEG base64: the sandbox's sample face stands in for all.
  const jpeg = encodeBase64(SAMPLE_BEST_FRAME.bytes);
  return {
    // "0: Read successful, billed"; reading the same token again is not billed again.
    ResultCode: "0",
    IdNum: `${card.idCard.slice(0, 6)}***${card.idCard.slice(9)}`,
    Name: `${[...card.name][0]}${"*".repeat([...card.name].length - 1)}`,
    Picture: jpeg,
    IdCardFrontImg: jpeg,
    IdCardBackImg: jpeg,
    BirthDate: card.idCard.slice(6, 14),
    BeginTime: card.validityBegin,
    EndTime: card.validityEnd,
    Address: maskMiddle(card.address),
    Nation: card.nation,
    Sex: card.sex,
    // 01: ID card.
    IdType: "01",
    EnName: null,
    SigningOrganization: card.issuingAuthority,
    OtherIdNum: null,
    Nationality: "CHN",
    PersonalNumber: null,
    // All four checks 0 (verified): the document is genuine.
    CheckMRTD: JSON.stringify({ result_issuer: "0", result_paper: "0", result_data: "0", result_chip: "0" }),
  };
}

function maskMiddle(text: string): string {
  const characters = [...text];
  return characters.map((character, i) => (i < 3 || i >= characters.length - 2 ? character : "*")).join("");
}
