/**
 * Reads an action's JSON parameters with Tencent's codes: a parameter the action does not define is
 * `UnknownParameter`, a required one absent is `MissingParameter`, one of the wrong JSON type is
 * `InvalidParameter`. Value rules (`InvalidParameterValue`) belong to each action. `null` counts as absent,
 * since SDK models serialise unset optional fields that way. `ActionParameters` reads the hand-simulated
 * actions by a list of names; `CatalogueParameters` reads any catalogued action by its row in the catalogue.
 */
import {
  type ActionSpec,
  FACEID_CATALOGUE,
  type FaceIdAction,
  PARAMETER_MODELS,
  type ParameterList,
  type ParameterType,
} from "../shared/faceid/catalogue";
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

/**
 * A catalogued action's parameters, checked against its row in shared/faceid/catalogue.ts as Tencent's API layer
 * checks them before the action runs: names (nested models included), required ones and `requiresOneOf` groups,
 * JSON types. Tencent's common codes: "InvalidParameter" covers a parameter's format and type;
 * "InvalidParameterValue", a well-typed value the action does not accept, is each action's own check.
 */
export class CatalogueParameters {
  readonly #params: Record<string, unknown>;

  constructor(action: FaceIdAction, params: Record<string, unknown>) {
    const spec: ActionSpec = FACEID_CATALOGUE[action];
    checkMembers(params, spec.parameters, "");
    for (const group of spec.requiresOneOf ?? []) {
      if (!group.some((name) => present(params[name]))) {
        throw new TencentApiError(
          "MissingParameter",
          group.length === 1
            ? `The parameter ${group[0]} is required.`
            : `One of the parameters ${group.join(", ")} is required.`,
        );
      }
    }
    this.#params = params;
  }

  has(name: string): boolean {
    return present(this.#params[name]);
  }

  string(name: string): string | undefined {
    return this.#value(name) as string | undefined;
  }

  /** A parameter the catalogue leaves optional that this call's other values make required. */
  requiredString(name: string, because: string): string {
    const value = this.string(name);
    if (value === undefined)
      throw new TencentApiError("MissingParameter", `The parameter ${name} is required ${because}.`);
    return value;
  }

  number(name: string): number | undefined {
    return this.#value(name) as number | undefined;
  }

  boolean(name: string): boolean | undefined {
    return this.#value(name) as boolean | undefined;
  }

  strings(name: string): readonly string[] | undefined {
    return this.#value(name) as readonly string[] | undefined;
  }

  numbers(name: string): readonly number[] | undefined {
    return this.#value(name) as readonly number[] | undefined;
  }

  #value(name: string): unknown {
    const value = this.#params[name];
    return present(value) ? value : undefined;
  }
}

function checkMembers(params: Record<string, unknown>, defined: ParameterList, prefix: string): void {
  for (const name of Object.keys(params)) {
    if (!Object.hasOwn(defined, name)) {
      throw new TencentApiError(
        "UnknownParameter",
        `The parameter ${JSON.stringify(`${prefix}${name}`.slice(0, 64))} is not recognized.`,
      );
    }
  }
  for (const [name, spec] of Object.entries(defined)) {
    const value = params[name];
    if (!present(value)) {
      if (spec.required)
        throw new TencentApiError("MissingParameter", `The parameter ${prefix}${name} is required.`);
      continue;
    }
    checkType(value, spec.type, `${prefix}${name}`);
  }
}

function checkType(value: unknown, type: ParameterType, name: string): void {
  const wrong = (expected: string) =>
    new TencentApiError("InvalidParameter", `The parameter ${name} must be ${expected}.`);
  switch (type) {
    case "String":
      if (typeof value !== "string") throw wrong("a string");
      return;
    case "Integer":
      if (!Number.isSafeInteger(value)) throw wrong("an integer");
      return;
    case "Float":
      if (typeof value !== "number" || !Number.isFinite(value)) throw wrong("a number");
      return;
    case "Boolean":
      if (typeof value !== "boolean") throw wrong("true or false");
      return;
    case "Array of String":
      if (!Array.isArray(value) || !value.every((item) => typeof item === "string"))
        throw wrong("an array of strings");
      return;
    case "Array of Integer":
      if (!Array.isArray(value) || !value.every((item) => Number.isSafeInteger(item)))
        throw wrong("an array of integers");
      return;
    default: {
      if (typeof value !== "object" || value === null || Array.isArray(value))
        throw wrong(`an object (${type})`);
      checkMembers(value as Record<string, unknown>, PARAMETER_MODELS[type], `${name}.`);
    }
  }
}

/** SDK models serialise unset optional fields as null: null counts as absent. */
function present(value: unknown): boolean {
  return value !== undefined && value !== null;
}
