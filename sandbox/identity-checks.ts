/**
 * The mainland ID card checks in the sandbox: IdCardVerification, IdCardOCRVerification, CheckIdNameDate,
 * CheckIdCardInformation, ImageRecognition and ImageRecognitionV2. Each answers from the sandbox's records
 * (./identity-records.ts) in the shape and with the Result codes of its page (tencentcloud.com/document/api/1061/
 * 79049–79054; descriptions from the intl Go SDK's errors.go, v3.0.1474):
 *
 * - a malformed ID number or name gets the "invalid" Result, an ID number the records lack the "no record" one,
 *   a name (or validity period) other than the record's the "mismatch" one, and a match the success one;
 * - a photo of an ID card reads as the card of PHOTOGRAPHED_RECORD (the sandbox does no OCR), a URL likewise
 *   (it downloads nothing: ./resource-urls.ts), and a face photo compares with a Sim derived from its bytes;
 * - the outcome marker of a photo (./outcome-marker.ts) asks for any code of the action's list instead.
 *
 * The numeric Results of the record checks are charged or not as their pages say; none of that is simulated.
 */
import { encodeBase64 } from "../shared/base64";
import { isApiErrorCode } from "../shared/faceid/result-codes";
import { readReferenceImage } from "./compare-media";
import {
  type IdentityRecord,
  isDate,
  isIdCardNumber,
  isPersonName,
  PHOTOGRAPHED_RECORD,
  recordByIdCard,
} from "./identity-records";
import { imageDimensions } from "./image-structure";
import { readSandboxOutcome } from "./outcome-marker";
import { CatalogueParameters } from "./parameters";
import { checkResourceUrl, textBytes } from "./resource-urls";
import { SAMPLE_BEST_FRAME } from "./sample-files";
import { refuseEncryptedAnswer, refuseEncryptedFields } from "./sensitive-data";
import { sandboxSimilarity } from "./similarity";
import { TencentApiError } from "./tencent-response";

type Answer = Record<string, unknown>;

const MB = 1024 * 1024;

export async function idCardVerification(params: Record<string, unknown>): Promise<Answer> {
  const reader = new CatalogueParameters("IdCardVerification", params);
  refuseEncryptedFields(reader);
  return withDescription(
    ID_CARD_RESULTS,
    verifyIdCard(reader.string("IdCard") ?? "", reader.string("Name") ?? ""),
  );
}

export async function idCardOcrVerification(params: Record<string, unknown>): Promise<Answer> {
  const reader = new CatalogueParameters("IdCardOCRVerification", params);
  refuseEncryptedFields(reader);
  // "Name and identity card number > ImageBase64 > ImageUrl" (79050).
  const idCard = reader.string("IdCard");
  if (idCard !== undefined) {
    const name = reader.requiredString("Name", "with IdCard");
    return {
      ...withDescription(ID_CARD_RESULTS, verifyIdCard(idCard, name)),
      Name: name,
      IdCard: idCard,
      // Nothing was read from a photo: the OCR fields "may return null".
      Sex: null,
      Nation: null,
      Birth: null,
      Address: null,
    };
  }
  const marker = readCardPhoto(reader, 3 * MB)?.marker;
  // Its Result is numeric: what a marker asks of the photo comes back as one of the errors it documents.
  if (marker !== undefined) {
    if ((OCR_VERIFICATION_ERRORS as readonly string[]).includes(marker)) throw failedOperation(marker);
    requestedResult(marker, {});
  }
  const record = PHOTOGRAPHED_RECORD;
  return {
    ...withDescription(ID_CARD_RESULTS, verifyIdCard(record.idCard, record.name)),
    Name: record.name,
    IdCard: record.idCard,
    Sex: record.sex,
    Nation: record.nation,
    Birth: record.birth,
    Address: record.address,
  };
}

export async function checkIdNameDate(params: Record<string, unknown>): Promise<Answer> {
  const reader = new CatalogueParameters("CheckIdNameDate", params);
  refuseEncryptedFields(reader);
  const name = reader.string("Name") ?? "";
  const idCard = reader.string("IdCard") ?? "";
  const begin = reader.string("ValidityBegin") ?? "";
  const end = reader.string("ValidityEnd") ?? "";
  let result: string;
  if (!isIdCardNumber(idCard)) result = "-2";
  else if (!isPersonName(name)) result = "-3";
  else if (!isDate(begin) || !(isDate(end) || end === "00000000") || (end !== "00000000" && end <= begin))
    result = "-4";
  else {
    const record = recordByIdCard(idCard);
    if (!record) result = "-7";
    else
      result =
        record.name === name && record.validityBegin === begin && record.validityEnd === end ? "0" : "-1";
  }
  return withDescription(ID_NAME_DATE_RESULTS, result);
}

export async function checkIdCardInformation(params: Record<string, unknown>): Promise<Answer> {
  const reader = new CatalogueParameters("CheckIdCardInformation", params);
  refuseEncryptedAnswer(reader, ["IsEncrypt", "IsEncryptResponse"]);
  const config = readCardConfig(reader.string("Config"));
  // "ImageUrl > ImageBase64" (79054).
  const imageUrl = reader.string("ImageUrl");
  const photo = imageUrl === undefined ? readCardPhoto(reader, 7 * MB) : undefined;
  const source = photo?.bytes ?? textBytes(checkResourceUrl("ImageUrl", imageUrl ?? ""));
  const record = PHOTOGRAPHED_RECORD;
  const result =
    photo?.marker === undefined ? "Success" : requestedResult(photo.marker, CARD_INFORMATION_RESULTS);
  const sim = result === "Success" ? await sandboxSimilarity(source, textBytes(record.idCard), "match") : 0;
  return {
    Sim: sim,
    Result: result,
    Description: describe(CARD_INFORMATION_RESULTS, result),
    Name: record.name,
    Sex: record.sex,
    Nation: record.nation,
    Birth: record.birth,
    Address: record.address,
    IdNum: record.idCard,
    Portrait: encodeBase64(SAMPLE_BEST_FRAME.bytes),
    Warnings: "",
    // "Significant only when warn about blurry images is configured": the sandbox's photos are never blurry.
    Quality: config.Quality === true ? 100 : 0,
    Encryption: null,
    EncryptedBody: "",
  };
}

export async function imageRecognition(params: Record<string, unknown>): Promise<Answer> {
  return recognise(new CatalogueParameters("ImageRecognition", params));
}

export async function imageRecognitionV2(params: Record<string, unknown>): Promise<Answer> {
  const reader = new CatalogueParameters("ImageRecognitionV2", params);
  const extra = reader.string("Extra");
  // "Each customized description field supports [1,10] characters" (79052).
  if (extra !== undefined && (extra.length < 1 || [...extra].length > 10)) {
    throw new TencentApiError("InvalidParameterValue", "Extra must be 1 to 10 characters.");
  }
  return { ...(await recognise(reader)), Extra: extra ?? "" };
}

// ---------------------------------------------------------------------------------------------------------

/** A name and ID number against the records: IdCardVerification's and IdCardOCRVerification's Result. */
function verifyIdCard(idCard: string, name: string): string {
  if (!isIdCardNumber(idCard)) return "-2";
  if (!isPersonName(name)) return "-3";
  const record = recordByIdCard(idCard);
  if (!record) return "-5";
  return record.name === name ? "0" : "-1";
}

/** ImageRecognition(V2): the photo against the ID photo on record; failures come back in Result. */
async function recognise(reader: CatalogueParameters): Promise<Answer> {
  refuseEncryptedFields(reader);
  const idCard = reader.string("IdCard") ?? "";
  const name = reader.string("Name") ?? "";
  const image = readReferenceImage(reader.string("ImageBase64") ?? "");
  const marker = readSandboxOutcome(image.bytes);
  let result: string;
  if (marker !== undefined) result = requestedResult(marker, RECOGNITION_RESULTS);
  else if (!isIdCardNumber(idCard)) result = "FailedOperation.IdFormatError";
  else if (!isPersonName(name)) result = "FailedOperation.NameFormatError";
  else if (image.tooLarge) result = "FailedOperation.LifePhotoSizeError";
  else if (imageDimensions(image.bytes, image.type) === undefined)
    result = "FailedOperation.LifePhotoDetectNoFaces";
  else {
    const record: IdentityRecord | undefined = recordByIdCard(idCard);
    result = !record
      ? "FailedOperation.IdNoExistSystem"
      : record.name === name
        ? "Success"
        : "FailedOperation.IdNameMisMatch";
  }
  return {
    Sim:
      result === "Success"
        ? await sandboxSimilarity(image.bytes, textBytes(idCard.toUpperCase()), "match")
        : 0,
    Result: result,
    Description: describe(RECOGNITION_RESULTS, result),
  };
}

/**
 * The ID card photo of a call, if it has one (else its ImageUrl is checked): strict base64 of a JPEG or PNG,
 * at most `limitBytes` of base64 (Tencent's FailedOperation.ImageSizeTooLarge beyond), readable as an image.
 */
function readCardPhoto(
  reader: CatalogueParameters,
  limitBytes: number,
): { bytes: Uint8Array; marker: string | undefined } | undefined {
  const base64 = reader.string("ImageBase64");
  if (base64 === undefined) {
    checkResourceUrl("ImageUrl", reader.string("ImageUrl") ?? "");
    return undefined;
  }
  const image = readReferenceImage(base64);
  if (base64.length > limitBytes) throw failedOperation("FailedOperation.ImageSizeTooLarge");
  if (imageDimensions(image.bytes, image.type) === undefined)
    throw failedOperation("FailedOperation.ImageDecodeFailed");
  return { bytes: image.bytes, marker: readSandboxOutcome(image.bytes) };
}

function failedOperation(code: string): TencentApiError {
  return new TencentApiError(code, FAILED_OPERATIONS[code] ?? code);
}

/** A marker's code if `results` has it; an API error code is thrown as that error; anything else is refused. */
function requestedResult(marker: string, results: Readonly<Record<string, string>>): string {
  if (Object.hasOwn(results, marker)) return marker;
  if (isApiErrorCode(marker)) throw new TencentApiError(marker, `Sandbox outcome marker: ${marker}.`);
  throw new TencentApiError(
    "InvalidParameterValue",
    `The sandbox outcome marker asks for ${JSON.stringify(marker.slice(0, 80))}, which this action does not answer.`,
  );
}

type CardConfig = Partial<Record<(typeof CARD_CONFIG_KEYS)[number], boolean>>;

const CARD_CONFIG_KEYS = [
  "CopyWarn",
  "BorderCheckWarn",
  "ReshootWarn",
  "DetectPsWarn",
  "TempIdWarn",
  "Quality",
] as const;

/** CheckIdCardInformation's Config: a JSON object string of boolean switches (79054). */
function readCardConfig(text: string | undefined): CardConfig {
  if (text === undefined || text === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new TencentApiError("InvalidParameter", 'Config must be a JSON object such as {"CopyWarn":true}.');
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new TencentApiError("InvalidParameter", 'Config must be a JSON object such as {"CopyWarn":true}.');
  }
  for (const [key, value] of Object.entries(parsed)) {
    if (!(CARD_CONFIG_KEYS as readonly string[]).includes(key) || typeof value !== "boolean") {
      throw new TencentApiError(
        "InvalidParameter",
        `Config takes only the booleans ${CARD_CONFIG_KEYS.join(", ")}; ${JSON.stringify(key.slice(0, 40))} is not one.`,
      );
    }
  }
  return parsed as CardConfig;
}

function withDescription(results: Readonly<Record<string, string>>, result: string): Answer {
  return { Result: result, Description: describe(results, result) };
}

function describe(results: Readonly<Record<string, string>>, result: string): string {
  return results[result] ?? FAILED_OPERATIONS[result] ?? result;
}

/** IdCardVerification and IdCardOCRVerification (79049, 79050). */
const ID_CARD_RESULTS: Readonly<Record<string, string>> = {
  "0": "The name and the ID card number match.",
  "-1": "The name and the ID card number do not match.",
  "-2": "Invalid ID card number (wrong length or check digit).",
  "-3": "Invalid name (wrong length or format).",
  "-5": "No record of this ID card number.",
};

/** CheckIdNameDate (79051). */
const ID_NAME_DATE_RESULTS: Readonly<Record<string, string>> = {
  "0": "Consistent.",
  "-1": "Inconsistent.",
  "-2": "Invalid ID card number (wrong length or check digit).",
  "-3": "Invalid name (wrong length or format).",
  "-4": "Invalid validity period (wrong length or format).",
  "-7": "No record of this ID card number.",
};

/** The intl Go SDK's errors.go texts of the FailedOperation codes these checks answer. */
const FAILED_OPERATIONS: Readonly<Record<string, string>> = {
  "FailedOperation.CompareFail": "Comparison failed.",
  "FailedOperation.CompareLowSimilarity": "The comparison similarity did not reach the passing standard.",
  "FailedOperation.CompareSystemError": "Error calling the comparison engine API.",
  "FailedOperation.EmptyImageError": "Image content is empty.",
  "FailedOperation.IdFormatError": "Input identity card number error.",
  "FailedOperation.IdNameMisMatch": "Name and ID card number mismatch. Please verify and try again after.",
  "FailedOperation.IdNoExistSystem":
    "The number is not found in the database. Please go to the place of household registration to verify.",
  "FailedOperation.IdPhotoNoExist":
    "The photo of this number is not found in the database. Please go to the place of household registration to verify.",
  "FailedOperation.IdPhotoPoorQuality": "Document image is of poor quality. Please update and try again.",
  "FailedOperation.ImageBlur": "The image is blurry.",
  "FailedOperation.ImageDecodeFailed": "Image decoding failed.",
  "FailedOperation.ImageNoIdCard": "No ID card is detected in the image.",
  "FailedOperation.ImageSizeTooLarge": "The image is too large.",
  "FailedOperation.LifePhotoDetectFaces": "Multiple faces are detected.",
  "FailedOperation.LifePhotoDetectFake": "Real person comparison failed.",
  "FailedOperation.LifePhotoDetectNoFaces": "Failed to detect a full face.",
  "FailedOperation.LifePhotoPoorQuality":
    "The resolution of the image passed in is too low. Please upload a new one.",
  "FailedOperation.LifePhotoSizeError": "The image passed in is too large or too small.",
  "FailedOperation.NameFormatError": "Input name error.",
  "FailedOperation.OcrFailed": "Ocr recognition failed.",
};

/** ImageRecognition and ImageRecognitionV2: "Success", or a FailedOperation code of their list (79052, 79053). */
const RECOGNITION_RESULTS: Readonly<Record<string, string>> = {
  Success: "Success",
  ...pick(FAILED_OPERATIONS, [
    "FailedOperation.CompareFail",
    "FailedOperation.CompareLowSimilarity",
    "FailedOperation.CompareSystemError",
    "FailedOperation.IdFormatError",
    "FailedOperation.IdNameMisMatch",
    "FailedOperation.IdNoExistSystem",
    "FailedOperation.IdPhotoNoExist",
    "FailedOperation.IdPhotoPoorQuality",
    "FailedOperation.LifePhotoDetectFaces",
    "FailedOperation.LifePhotoDetectFake",
    "FailedOperation.LifePhotoDetectNoFaces",
    "FailedOperation.LifePhotoPoorQuality",
    "FailedOperation.LifePhotoSizeError",
    "FailedOperation.NameFormatError",
  ]),
};

/** CheckIdCardInformation: "Success", or a FailedOperation code of its list (79054). */
const CARD_INFORMATION_RESULTS: Readonly<Record<string, string>> = {
  Success: "Success",
  ...pick(FAILED_OPERATIONS, [
    "FailedOperation.CompareFail",
    "FailedOperation.CompareLowSimilarity",
    "FailedOperation.IdNameMisMatch",
    "FailedOperation.IdNoExistSystem",
    "FailedOperation.IdPhotoNoExist",
    "FailedOperation.ImageBlur",
    "FailedOperation.ImageNoIdCard",
    "FailedOperation.OcrFailed",
  ]),
};

/** The photo errors IdCardOCRVerification documents, answered as errors (its Result is numeric). */
const OCR_VERIFICATION_ERRORS = [
  "FailedOperation.EmptyImageError",
  "FailedOperation.ImageBlur",
  "FailedOperation.ImageNoIdCard",
  "FailedOperation.OcrFailed",
] as const;

function pick(table: Readonly<Record<string, string>>, codes: readonly string[]): Record<string, string> {
  return Object.fromEntries(codes.map((code) => [code, table[code] ?? code]));
}
