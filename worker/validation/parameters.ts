/**
 * Checks of a parsed Tencent-style parameter object, failing with the parameter's name: the building blocks
 * of each validated action's rules (tencent-dialect/parameters.ts, compare/parsed.ts).
 */
import { fail } from "../errors/failure";

export type Parameters = Record<string, unknown>;

/**
 * Whether a text can be a FaceID token (SdkToken, BizToken): at most 256 URL-safe characters. Checked before a
 * handle reaches a path or the ledger, whatever the dialect.
 */
export function isHandleText(text: string): boolean {
  return text.length <= 256 && /^[A-Za-z0-9_-]+$/.test(text);
}

export function allowOnly(parameters: Parameters, names: readonly string[]): void {
  for (const name of Object.keys(parameters)) {
    if (!names.includes(name)) fail({ kind: "unknown-parameter", parameter: name });
  }
}

export function requiredString(parameters: Parameters, name: string): string {
  const value = parameters[name];
  if (value === undefined || value === null || value === "")
    fail({ kind: "missing-parameter", parameter: name });
  if (typeof value !== "string")
    fail({ kind: "invalid-parameter", parameter: name, detail: "must be a string." });
  return value;
}

export function oneOf<T extends string>(parameters: Parameters, name: string, values: readonly T[]): T {
  const value = requiredString(parameters, name);
  if (!(values as readonly string[]).includes(value)) {
    fail({ kind: "invalid-parameter", parameter: name, detail: `must be one of ${values.join(", ")}.` });
  }
  return value as T;
}
