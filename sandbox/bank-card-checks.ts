/**
 * The mainland bank card checks in the sandbox: BankCardVerification (3 elements), BankCard2EVerification,
 * BankCard4EVerification and CheckBankCardInformation. Each answers from the sandbox's records
 * (./identity-records.ts) with its page's numeric Result codes (tencentcloud.com/document/api/1061/78854–78856,
 * 78863): the "invalid" code of the first malformed element (name, ID number, card number by its Luhn digit,
 * mobile number), then "0" when the card is a record's and every element given is that record's, "-1"
 * (authentication failed) otherwise.
 */
import {
  isBankCardNumber,
  isIdCardNumber,
  isMobileNumber,
  isPersonName,
  recordByBankCard,
} from "./identity-records";
import { CatalogueParameters } from "./parameters";
import { refuseEncryptedFields } from "./sensitive-data";
import { TencentApiError } from "./tencent-response";

type Answer = Record<string, unknown>;

export async function bankCardVerification(params: Record<string, unknown>): Promise<Answer> {
  const reader = new CatalogueParameters("BankCardVerification", params);
  refuseEncryptedFields(reader);
  checkCertType(reader);
  const elements = read(reader, ["Name", "IdCard", "BankCard"]);
  return answer(THREE_ELEMENT_RESULTS, verify(elements, { Name: "-2", IdCard: "-3", BankCard: "-4" }));
}

export async function bankCard2EVerification(params: Record<string, unknown>): Promise<Answer> {
  const reader = new CatalogueParameters("BankCard2EVerification", params);
  refuseEncryptedFields(reader);
  const elements = read(reader, ["Name", "BankCard"]);
  return answer(TWO_ELEMENT_RESULTS, verify(elements, { Name: "-2", BankCard: "-3" }));
}

export async function bankCard4EVerification(params: Record<string, unknown>): Promise<Answer> {
  const reader = new CatalogueParameters("BankCard4EVerification", params);
  refuseEncryptedFields(reader);
  checkCertType(reader);
  const elements = read(reader, ["Name", "IdCard", "BankCard", "Phone"]);
  return answer(
    FOUR_ELEMENT_RESULTS,
    verify(elements, { Name: "-2", IdCard: "-3", BankCard: "-4", Phone: "-5" }),
  );
}

export async function checkBankCardInformation(params: Record<string, unknown>): Promise<Answer> {
  const reader = new CatalogueParameters("CheckBankCardInformation", params);
  refuseEncryptedFields(reader);
  const card = reader.string("BankCard") ?? "";
  const record = isBankCardNumber(card) ? recordByBankCard(card) : undefined;
  const result = !isBankCardNumber(card) ? "-5" : record ? "0" : "-1";
  return {
    ...answer(CARD_INFORMATION_RESULTS, result),
    // Only a card found has a bank and a type; the fields are there either way.
    AccountBank: record?.bankCard.bank ?? "",
    AccountType: record?.bankCard.type ?? 0,
  };
}

// ---------------------------------------------------------------------------------------------------------

type Element = "Name" | "IdCard" | "BankCard" | "Phone";

const VALID: Readonly<Record<Element, (value: string) => boolean>> = {
  Name: isPersonName,
  IdCard: isIdCardNumber,
  BankCard: isBankCardNumber,
  Phone: isMobileNumber,
};

function read(reader: CatalogueParameters, elements: readonly Element[]): Partial<Record<Element, string>> {
  return Object.fromEntries(elements.map((element) => [element, reader.string(element) ?? ""]));
}

/** The first malformed element's code, else whether the card's record holds every element given. */
function verify(
  elements: Partial<Record<Element, string>>,
  invalid: Partial<Record<Element, string>>,
): string {
  for (const [element, code] of Object.entries(invalid) as [Element, string][]) {
    if (!VALID[element](elements[element] ?? "")) return code;
  }
  const record = recordByBankCard(elements.BankCard ?? "");
  if (!record) return "-1";
  const held: Record<Element, string> = {
    Name: record.name,
    IdCard: record.idCard,
    BankCard: record.bankCard.number,
    Phone: record.phone.number,
  };
  const matches = (Object.entries(elements) as [Element, string][]).every(
    ([element, value]) => held[element] === (element === "IdCard" ? value.toUpperCase() : value),
  );
  return matches ? "0" : "-1";
}

/** "Currently default: 0 ID card. Other document types are not currently supported." */
function checkCertType(reader: CatalogueParameters): void {
  const certType = reader.number("CertType");
  if (certType !== undefined && certType !== 0) {
    throw new TencentApiError(
      "InvalidParameterValue",
      "CertType must be 0 (ID card): no other is supported.",
    );
  }
}

function answer(results: Readonly<Record<string, string>>, result: string): Answer {
  return { Result: result, Description: results[result] ?? result };
}

const SHARED = {
  "0": "Authentication passed.",
  "-1": "Authentication failed.",
};

/** BankCardVerification (78854). */
const THREE_ELEMENT_RESULTS: Readonly<Record<string, string>> = {
  ...SHARED,
  "-2": "Name verification failed.",
  "-3": "Identity number error.",
  "-4": "Incorrect bank card number format.",
};

/** BankCard2EVerification (78856). */
const TWO_ELEMENT_RESULTS: Readonly<Record<string, string>> = {
  ...SHARED,
  "-2": "Name verification failed.",
  "-3": "Incorrect bank card number format.",
};

/** BankCard4EVerification (78855). */
const FOUR_ELEMENT_RESULTS: Readonly<Record<string, string>> = {
  ...SHARED,
  "-2": "Name verification failed.",
  "-3": "Identity number error.",
  "-4": "Incorrect bank card number format.",
  "-5": "Invalid phone number.",
};

/** CheckBankCardInformation (78863). */
const CARD_INFORMATION_RESULTS: Readonly<Record<string, string>> = {
  "0": "Query succeeded.",
  "-1": "Not found.",
  "-5": "Invalid card number.",
};
