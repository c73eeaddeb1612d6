/**
 * The docs page, rendered from the OpenAPI document itself when the gateway is built, so it says what
 * /openapi.json says: endpoints with their parameters, request fields, curl and JSON examples, responses, the
 * response schemas, the error codes, and a note on the Tencent dialect. Self-contained: no script, font or
 * stylesheet. Both are static assets of the gateway (worker/docs/published.ts), so the examples name its
 * origin as `$GATEWAY`, which the reader sets once.
 */
import { REST_ERROR_STATUS, type RestErrorCode } from "../../shared/rest/api";
import {
  type HttpMethod,
  type MediaType,
  type OpenApiDocument,
  type Operation,
  type ResponseObject,
  refName,
} from "../rest/openapi";
import { html, type SafeHtml } from "./html";
import { schemaTable } from "./schema-table";
import { tencentDialectSection } from "./tencent-dialect";

export function renderDocsPage(doc: OpenApiDocument): string {
  const operations = listOperations(doc);
  // In the order a reader meets them: each operation's own answer, then the shared error envelope.
  const responseSchemas = [
    ...new Set([
      ...operations.flatMap(({ operation }) =>
        Object.values(operation.responses).flatMap((response) =>
          "$ref" in response ? [] : bodySchemas(response),
        ),
      ),
      ...Object.values(doc.components.responses).flatMap(bodySchemas),
    ]),
  ];
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${doc.info.title} ${doc.info.version}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${doc.info.title} <small>${doc.info.version}</small></h1>
<p>${inlineCode(doc.info.description)}</p>
<p>Base URL: the origin of this page. The examples read it from <code>$GATEWAY</code>: <code>export GATEWAY=https://&lt;this page's host&gt;</code> · machine-readable: <a href="/openapi.json">OpenAPI 3.1 document</a></p>
</header>
<nav aria-label="Contents">
<ul>
${operations.map(({ path, method, operation }) => html`<li><a href="#${operation.operationId}">${method.toUpperCase()} ${path}</a></li>`)}
<li><a href="#authentication">Authentication</a></li>
<li><a href="#schemas">Response schemas</a></li>
<li><a href="#errors">Errors</a></li>
<li><a href="#webhooks">Webhooks</a></li>
<li><a href="#tencent-dialect">Tencent dialect</a></li>
</ul>
</nav>
<main>
<section aria-labelledby="endpoints-title">
<h2 id="endpoints-title">Endpoints</h2>
${operations.map(({ path, method, operation }) => operationSection(doc, path, method, operation))}
</section>
${authenticationSection(doc)}
<section id="schemas" aria-labelledby="schemas-title">
<h2 id="schemas-title">Response schemas</h2>
${responseSchemas.map((name) => schemaSection(doc, name))}
</section>
${errorsSection(doc)}
${webhooksSection(doc)}
${tencentDialectSection()}
</main>
</body>
</html>`.value;
}

// ---------------------------------------------------------------------------------------------------------

interface ListedOperation {
  path: string;
  method: HttpMethod;
  operation: Operation;
}

/** The names of the schemas a response's bodies follow. */
function bodySchemas(response: ResponseObject): string[] {
  return Object.values(response.content ?? {}).map((media) => refName(media.schema));
}

function listOperations(doc: OpenApiDocument): ListedOperation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    (["get", "post"] as const).flatMap((method) => {
      const operation = item[method];
      return operation ? [{ path, method, operation }] : [];
    }),
  );
}

function operationSection(
  doc: OpenApiDocument,
  path: string,
  method: HttpMethod,
  operation: Operation,
): SafeHtml {
  const id = operation.operationId;
  const scheme = Object.keys(operation.security[0] ?? {})[0];
  return html`<article id="${id}" aria-labelledby="${id}-title">
<h3 id="${id}-title"><span class="method">${method.toUpperCase()}</span> <code>${path}</code></h3>
<p><strong>${operation.summary}.</strong> ${inlineCode(operation.description)}</p>
<p>Authorization: ${scheme ? html`<code>Bearer &lt;${scheme}&gt;</code> (<a href="#auth-${scheme}">${scheme}</a>)` : "none"}</p>
${
  operation.parameters?.length
    ? html`<table>
<caption>Path parameters</caption>
<thead><tr><th scope="col">Name</th><th scope="col">Type</th><th scope="col">Notes</th></tr></thead>
<tbody>${operation.parameters.map(
        (p) =>
          html`<tr><th scope="row"><code>${p.name}</code></th><td>${p.schema.type ?? "string"}</td><td>${inlineCode(p.description)}${p.schema.pattern ? ` (matches ${p.schema.pattern})` : ""}</td></tr>`,
      )}</tbody>
</table>`
    : ""
}
${Object.entries(operation.requestBody?.content ?? {}).map(([contentType, media]) =>
  requestBodySection(doc, path, method, scheme, contentType, media, operation.requestBody?.required),
)}
${operation.requestBody ? "" : html`<h4>Example</h4><pre><code>${curl(path, method, scheme)}</code></pre>`}
${responsesTable(doc, operation)}
</article>`;
}

function requestBodySection(
  doc: OpenApiDocument,
  path: string,
  method: HttpMethod,
  scheme: string | undefined,
  contentType: string,
  media: MediaType,
  required: boolean | undefined,
): SafeHtml {
  const name = refName(media.schema);
  const schema = doc.components.schemas[name] ?? {};
  return html`<h4 id="schema-${name}">Request body <code>${contentType}</code>${required ? "" : " (optional)"}</h4>
${schemaTable(schema, name)}
<pre><code>${curl(path, method, scheme, contentType, media.example, schema.properties)}</code></pre>`;
}

function responsesTable(doc: OpenApiDocument, operation: Operation): SafeHtml {
  const rows = Object.entries(operation.responses).map(([status, response]) => {
    const resolved = "$ref" in response ? doc.components.responses[refName(response)] : response;
    const media = resolved?.content?.["application/json"];
    const schema = media ? refName(media.schema) : undefined;
    const codes = Object.keys(media?.examples ?? {});
    return html`<tr><th scope="row">${status}</th><td>${inlineCode(resolved?.description ?? "")}${
      codes.length > 0
        ? html`: ${codes.map((code, i) => html`${i > 0 ? ", " : ""}<code>${code}</code>`)}`
        : ""
    }</td><td>${schema ? html`<a href="#schema-${schema}">${schema}</a>` : "—"}</td></tr>`;
  });
  const example = Object.values(operation.responses).find((response) => !("$ref" in response));
  const exampleBody =
    example && !("$ref" in example) ? example.content?.["application/json"]?.example : undefined;
  return html`<table>
<caption>Responses</caption>
<thead><tr><th scope="col">Status</th><th scope="col">Meaning</th><th scope="col">Body</th></tr></thead>
<tbody>${rows}</tbody>
</table>
${exampleBody === undefined ? "" : html`<h4>Example response</h4><pre><code>${JSON.stringify(exampleBody, null, 2)}</code></pre>`}`;
}

function authenticationSection(doc: OpenApiDocument): SafeHtml {
  return html`<section id="authentication" aria-labelledby="authentication-title">
<h2 id="authentication-title">Authentication</h2>
<p>Send <code>Authorization: Bearer &lt;token&gt;</code>. Browsers only ever hold a session token.</p>
<dl>${Object.entries(doc.components.securitySchemes).map(
    ([name, scheme]) =>
      html`<dt id="auth-${name}"><code>${name}</code> (HTTP ${scheme.scheme})</dt><dd>${inlineCode(scheme.description)}</dd>`,
  )}</dl>
</section>`;
}

function schemaSection(doc: OpenApiDocument, name: string): SafeHtml {
  const schema = doc.components.schemas[name] ?? {};
  return html`<h3 id="schema-${name}">${name}</h3>
${schema.description ? html`<p>${schema.description}</p>` : ""}
${schemaTable(schema, "Fields")}`;
}

function webhooksSection(doc: OpenApiDocument): SafeHtml {
  const [first] = Object.values(doc.webhooks);
  const headers = first?.post.parameters;
  const retries = first?.post.responses.default.description;
  return html`<section id="webhooks" aria-labelledby="webhooks-title">
<h2 id="webhooks-title">Webhooks</h2>
<p>What your backend's endpoint receives when the operator registered it (<code>npm run partner -- webhook set</code>):
one <code>POST</code> of JSON per event, signed as the <a href="https://www.standardwebhooks.com/">Standard Webhooks</a>
specification says, so the <code>standardwebhooks</code> package verifies it. Answer 2xx within 10 seconds.</p>
<table>
<caption>Headers</caption>
<thead><tr><th scope="col">Header</th><th scope="col">Meaning</th></tr></thead>
<tbody>${(headers ?? []).map((header) => html`<tr><th scope="row"><code>${header.name}</code></th><td>${inlineCode(header.description)}</td></tr>`)}</tbody>
</table>
<p>${inlineCode(retries ?? "")}</p>
${Object.values(doc.webhooks).map(({ post }) => {
  const name = refName(post.requestBody.content["application/json"].schema);
  return html`<h3 id="webhook-${post.summary}"><code>${post.summary}</code></h3>
<p>${inlineCode(post.description)}</p>
${schemaSection(doc, name)}`;
})}
</section>`;
}

function errorsSection(doc: OpenApiDocument): SafeHtml {
  const rows = Object.values(doc.components.responses).flatMap((response) => {
    const headers = Object.keys(response.headers).filter((header) => header !== "X-Request-Id");
    return Object.entries(response.content?.["application/json"]?.examples ?? {}).map(
      ([code, example]) =>
        html`<tr><th scope="row"><code>${code}</code></th><td>${REST_ERROR_STATUS[code as RestErrorCode]}</td><td>${example.summary}</td><td>${headers.join(", ") || "—"}</td></tr>`,
    );
  });
  return html`<section id="errors" aria-labelledby="errors-title">
<h2 id="errors-title">Errors</h2>
<p>Every error is <code>{"error": {"code", "message", "requestId"}}</code> (<a href="#schema-RestError">RestError</a>)
with the HTTP status of its code. Branch on <code>code</code>; show <code>message</code> to people; quote
<code>requestId</code> (also the <code>X-Request-Id</code> header) when asking for support.</p>
<table>
<caption>Error codes</caption>
<thead><tr><th scope="col">Code</th><th scope="col">Status</th><th scope="col">Example message</th><th scope="col">Extra headers</th></tr></thead>
<tbody>${rows}</tbody>
</table>
</section>`;
}

/** A curl command for the operation, from the media type's example. */
function curl(
  path: string,
  method: HttpMethod,
  scheme: string | undefined,
  contentType?: string,
  example?: unknown,
  properties?: Record<string, unknown>,
): string {
  // Double quotes, so the shell puts the gateway's origin in.
  const url = `$GATEWAY${path.replace(/\{(\w+)\}/g, "<$1>")}`;
  const lines = [`curl${method === "get" ? "" : ` -X ${method.toUpperCase()}`} "${url}"`];
  if (scheme) lines.push(`-H 'Authorization: Bearer <${scheme}>'`);
  if (contentType === "application/json" && example !== undefined) {
    lines.push("-H 'Content-Type: application/json'", `-d '${JSON.stringify(example, null, 2)}'`);
  } else if (contentType === "multipart/form-data" && isRecord(example)) {
    for (const [field, value] of Object.entries(example)) {
      const property = properties?.[field];
      const isFile = isRecord(property) && property.format === "binary";
      lines.push(`-F '${field}=${isFile ? "@" : ""}${String(value)}'`);
    }
  }
  return lines.join(" \\\n  ");
}

/** OpenAPI descriptions are CommonMark; of it, the document uses only `code` spans. */
function inlineCode(text: string): SafeHtml {
  return html`${text.split("`").map((part, i) => (i % 2 === 1 ? html`<code>${part}</code>` : part))}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const STYLE = `
:root { color-scheme: light dark; --fg: #1d232b; --muted: #5b6570; --line: #d5dbe1; --code: #f2f4f7; --accent: #0b5cad; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6e9ed; --muted: #a3adb8; --line: #3a424c; --code: #22282f; --accent: #7db7f0; } }
body { margin: 0 auto; max-width: 72rem; padding: 1.5rem; font: 16px/1.55 system-ui, sans-serif; color: var(--fg); display: grid; grid-template-columns: 15rem 1fr; gap: 0 2rem; }
header { grid-column: 1 / -1; border-bottom: 1px solid var(--line); margin-bottom: 1rem; }
h1 small { font-size: 0.55em; color: var(--muted); font-weight: normal; }
nav ul { list-style: none; padding: 0; position: sticky; top: 1rem; font-size: 0.9rem; }
nav li { margin: 0.3rem 0; }
main { min-width: 0; }
a { color: var(--accent); }
article { border-top: 1px solid var(--line); padding-top: 0.5rem; margin-bottom: 2rem; }
.method { display: inline-block; min-width: 3.5rem; font-size: 0.8rem; padding: 0.1rem 0.4rem; border-radius: 4px; background: var(--accent); color: Canvas; text-align: center; }
table { border-collapse: collapse; width: 100%; margin: 0.75rem 0; font-size: 0.92rem; }
caption { text-align: left; font-weight: 600; padding: 0.25rem 0; }
th, td { border: 1px solid var(--line); padding: 0.35rem 0.5rem; text-align: left; vertical-align: top; }
thead th { background: var(--code); }
code { font: 0.9em ui-monospace, SFMono-Regular, Menlo, monospace; }
pre { background: var(--code); padding: 0.75rem; overflow-x: auto; border-radius: 6px; }
dt { font-weight: 600; margin-top: 0.5rem; }
@media (max-width: 50rem) { body { display: block; } nav ul { position: static; } }
`;
