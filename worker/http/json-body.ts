/** A request body that must be one JSON object, as both dialects require: strict UTF-8, then JSON.parse. */
import { fail } from "../errors/failure";

export function parseJsonObject(body: ArrayBuffer | ArrayBufferView): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(body));
  } catch {
    return fail({ kind: "invalid-body", detail: "The request body is not valid UTF-8 JSON." });
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return fail({ kind: "invalid-body", detail: "The request body must be a JSON object." });
  }
  return parsed as Record<string, unknown>;
}
