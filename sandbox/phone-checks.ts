/**
 * The mainland mobile number checks in the sandbox: PhoneVerification (3 elements), MobileStatus and
 * MobileNetworkTimeVerification. Each answers from the sandbox's records (./identity-records.ts) with its
 * page's numeric Result codes (tencentcloud.com/document/api/1061/79046–79048): the "invalid" code of a
 * malformed element first, then a number the records lack, then the record's own answer.
 */
import { isIdCardNumber, isMobileNumber, isPersonName, recordByPhone } from "./identity-records";
import { CatalogueParameters } from "./parameters";
import { refuseEncryptedFields } from "./sensitive-data";

type Answer = Record<string, unknown>;

export async function phoneVerification(params: Record<string, unknown>): Promise<Answer> {
  const reader = new CatalogueParameters("PhoneVerification", params);
  // This action takes its KMS fields flat (79046), not as an Encryption object.
  refuseEncryptedFields(reader, ["CiphertextBlob", "EncryptList", "Iv"]);
  const phone = reader.string("Phone") ?? "";
  const idCard = reader.string("IdCard") ?? "";
  const name = reader.string("Name") ?? "";
  const record = recordByPhone(phone);
  let result: string;
  if (!isMobileNumber(phone)) result = "-6";
  else if (!isIdCardNumber(idCard)) result = "-7";
  else if (!isPersonName(name)) result = "-8";
  else if (!record) result = "-9";
  else result = record.idCard === idCard.toUpperCase() && record.name === name ? "0" : "-4";
  return {
    Result: result,
    Description: PHONE_VERIFICATION_RESULTS[result],
    // "Valid values: ["", "mobile", "telecom", "cucc"]": the carrier of a number found.
    Isp: result === "0" || result === "-4" ? (record?.phone.isp ?? "") : "",
  };
}

export async function mobileStatus(params: Record<string, unknown>): Promise<Answer> {
  const reader = new CatalogueParameters("MobileStatus", params);
  refuseEncryptedFields(reader);
  const mobile = reader.string("Mobile") ?? "";
  const record = isMobileNumber(mobile) ? recordByPhone(mobile) : undefined;
  const result = !isMobileNumber(mobile) ? "-2" : record ? "0" : "-1";
  return {
    Result: result,
    Description: MOBILE_STATUS_RESULTS[result],
    // 0 normal, 1 out of service, 2 cancelled, 4 offline, 99 unknown.
    StatusCode: record?.phone.status ?? 99,
  };
}

export async function mobileNetworkTimeVerification(params: Record<string, unknown>): Promise<Answer> {
  const reader = new CatalogueParameters("MobileNetworkTimeVerification", params);
  refuseEncryptedFields(reader);
  const mobile = reader.string("Mobile") ?? "";
  const record = isMobileNumber(mobile) ? recordByPhone(mobile) : undefined;
  const result = !isMobileNumber(mobile) ? "-1" : record ? "0" : "-2";
  return {
    Result: result,
    Description: NETWORK_TIME_RESULTS[result],
    // "[a,b)": on the network more than a months and less than b; "+" for no upper bound.
    Range: record?.phone.range ?? "",
  };
}

const PHONE_VERIFICATION_RESULTS: Readonly<Record<string, string>> = {
  "0": "The three elements are consistent.",
  "-4": "The three elements are inconsistent.",
  "-6": "Invalid phone number.",
  "-7": "Identity number error.",
  "-8": "Name verification failed.",
  "-9": "No records.",
};

const MOBILE_STATUS_RESULTS: Readonly<Record<string, string>> = {
  "0": "Success.",
  "-1": "No results found.",
  "-2": "Invalid phone number format.",
};

const NETWORK_TIME_RESULTS: Readonly<Record<string, string>> = {
  "0": "Success.",
  "-1": "Invalid phone number format.",
  "-2": "The mobile number does not exist.",
};
