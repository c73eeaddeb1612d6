/**
 * Tencent's record checks take their sensitive fields encrypted with a data key of the caller's KMS
 * (`Encryption`: EncryptList, CiphertextBlob, Iv; tencentcloud.com/document/product/1007/47180) and can
 * encrypt their answer the same way. The sandbox holds no KMS key, so it can do neither: it refuses such a
 * request with the code the action documents for a failed decryption (or encryption), saying why. The
 * parameters' shape is still checked first, as Tencent checks it.
 */
import type { CatalogueParameters } from "./parameters";
import { TencentApiError } from "./tencent-response";

/** Refuses a request that asks to decrypt any of `fields`. */
export function refuseEncryptedFields(
  reader: CatalogueParameters,
  fields: readonly string[] = ["Encryption"],
  code = "FailedOperation.DecryptSystemError",
): void {
  const encrypted = fields.filter((field) => reader.has(field));
  if (encrypted.length === 0) return;
  throw new TencentApiError(
    code,
    `The sandbox has no KMS key to decrypt with (${encrypted.join(", ")}): send the fields in plain text.`,
  );
}

/** Refuses a request that asks, by any of the boolean `switches`, for an encrypted answer. */
export function refuseEncryptedAnswer(reader: CatalogueParameters, switches: readonly string[]): void {
  const asked = switches.filter((name) => reader.boolean(name) === true);
  if (asked.length === 0) return;
  throw new TencentApiError(
    "FailedOperation.EncryptSystemError",
    `The sandbox has no KMS key to encrypt the answer with (${asked.join(", ")}): ask for it in plain text.`,
  );
}
