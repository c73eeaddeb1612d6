/**
 * A JSON Schema object (as zod's toJSONSchema emits it) as a table of fields for a reader: nested objects
 * flattened into dotted names, types in short words, constraints in plain text.
 */
import type { JsonSchema } from "../rest/openapi";
import { html, type SafeHtml } from "./html";

export interface FieldRow {
  name: string;
  type: string;
  required: boolean;
  notes: string;
}

export function schemaTable(schema: JsonSchema, caption: string): SafeHtml {
  const rows = fieldRows(schema);
  return rows.length > 0 ? fieldTable(caption, rows) : html`<p>${describeType(schema)}</p>`;
}

export function fieldTable(caption: string, rows: FieldRow[]): SafeHtml {
  return html`<table>
<caption>${caption}</caption>
<thead><tr><th scope="col">Field</th><th scope="col">Type</th><th scope="col">Required</th><th scope="col">Notes</th></tr></thead>
<tbody>${rows.map(
    (row) =>
      html`<tr><th scope="row"><code>${row.name}</code></th><td>${row.type}</td><td>${row.required ? "yes" : "no"}</td><td>${row.notes}</td></tr>`,
  )}</tbody>
</table>`;
}

/** The fields of an object schema, nested objects (also nullable ones) as `parent.child`. */
export function fieldRows(schema: JsonSchema, prefix = ""): FieldRow[] {
  const required = new Set(schema.required ?? []);
  const rows: FieldRow[] = [];
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    if (typeof property === "boolean") continue;
    const path = prefix + name;
    rows.push({
      name: path,
      type: describeType(property),
      required: required.has(name),
      notes: notes(property),
    });
    const nested = objectPart(property);
    if (nested) rows.push(...fieldRows(nested, `${path}.`));
  }
  return rows;
}

/** A short type: `string`, `integer`, `file`, `"ACTION" | "SILENT"`, `string[]`, `object | null`. */
export function describeType(schema: JsonSchema): string {
  if (schema.$ref) return schema.$ref.slice(schema.$ref.lastIndexOf("/") + 1);
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.enum) return schema.enum.map((value) => JSON.stringify(value)).join(" | ");
  if (schema.anyOf) return schema.anyOf.map(describeType).join(" | ");
  if (Array.isArray(schema.type)) return schema.type.join(" | ");
  if (schema.type === "array") {
    const items = schema.items;
    const item = items && !Array.isArray(items) && typeof items !== "boolean" ? describeType(items) : "any";
    return item.includes("|") ? `(${item})[]` : `${item}[]`;
  }
  if (schema.format === "binary") return "file";
  if (schema.format) return `${schema.type ?? "string"} (${schema.format})`;
  return schema.type ?? "any";
}

// ---------------------------------------------------------------------------------------------------------

function objectPart(schema: JsonSchema): JsonSchema | undefined {
  if (schema.properties) return schema;
  return schema.anyOf?.find((branch) => branch.properties);
}

/** The description, then the constraints a reader needs (the bounds of a safe integer are not news). */
function notes(schema: JsonSchema): string {
  const limits: string[] = [];
  const inner = schema.anyOf?.find((branch) => branch.type !== "null") ?? schema;
  const bound = (value: number | boolean | undefined) =>
    typeof value === "number" && Math.abs(value) !== Number.MAX_SAFE_INTEGER ? value : undefined;
  const min = bound(inner.minimum);
  const max = bound(inner.maximum);
  if (min !== undefined && max !== undefined) limits.push(`${min}–${max}`);
  else if (min !== undefined) limits.push(`at least ${min}`);
  else if (max !== undefined) limits.push(`at most ${max}`);
  if (inner.minItems !== undefined && inner.maxItems !== undefined)
    limits.push(`${inner.minItems}–${inner.maxItems} items`);
  else if (inner.maxItems !== undefined) limits.push(`at most ${inner.maxItems} items`);
  else if (inner.minItems !== undefined) limits.push(`at least ${inner.minItems} items`);
  if (inner.maxLength !== undefined) limits.push(`at most ${inner.maxLength} characters`);
  if (inner.pattern && !inner.format) limits.push(`matches ${inner.pattern}`);
  const description = schema.description ?? inner.description ?? "";
  return [description, limits.length > 0 ? `(${limits.join(", ")})` : ""].filter(Boolean).join(" ");
}
