/**
 * A hand-off code: what a person types on their phone instead of scanning the QR code (`/h`, then the code).
 * Eight characters of an alphabet without the look-alikes 0/O, 1/I/L and U, shown as two groups of four
 * (`K7QM-3XTD`): 30^8 ≈ 6.6 × 10^11 codes, each living 10 minutes, so guessing one that is live is hopeless.
 */
import { randomText } from "../partners/credentials";

const ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789";
const LENGTH = 8;

export function newHandoffCode(): string {
  return randomText(LENGTH, ALPHABET);
}

/** `K7QM3XTD` → `K7QM-3XTD`. */
export function displayHandoffCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/**
 * What a person typed, as a code: case, spaces and dashes ignored. Undefined when it cannot be a code.
 */
export function parseHandoffCode(typed: string): string | undefined {
  const code = typed.toUpperCase().replace(/[\s-]/g, "");
  if (code.length !== LENGTH) return undefined;
  return [...code].every((char) => ALPHABET.includes(char)) ? code : undefined;
}
