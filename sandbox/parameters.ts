/**
 * Reads an action's JSON parameters with Tencent's codes: a parameter the action does not define is
 * `UnknownParameter`, a required one absent is `MissingParameter`, one of the wrong JSON type is
 * `InvalidParameter`. Value rules (`InvalidParameterValue`) belong to each action. `null` counts as absent,
 * since SDK models serialise unset optional fields that way.
 */
import { TencentApiError } from "./tencent-response";

export class ActionParameters {
  readonly #params: Record<string, unknown>;

  /** Throws UnknownParameter for the first parameter not in `defined`. */
  constructor(params: Record<string, unknown>, defined: readonly string[]) {
    for (const name of Object.keys(params)) {
      if (!defined.includes(name)) {
        throw new TencentApiError(
          "UnknownParameter",
          `The parameter ${JSON.stringify(name.slice(0, 64))} is not recognized.`,
        );
      }
    }
    this.#params = params;
  }

  requiredString(name: string): string {
    const value = this.optionalString(name);
    if (value === undefined)
      throw new TencentApiError("MissingParameter", `The parameter ${name} is required.`);
    return value;
  }

  optionalString(name: string): string | undefined {
    const value = this.#params[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "string")
      throw new TencentApiError("InvalidParameter", `The parameter ${name} must be a string.`);
    return value;
  }
}
