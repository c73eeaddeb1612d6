/**
 * What the gateway publishes about its REST dialect: the OpenAPI document of its own routes and the docs page
 * made from it. They are built once, with the gateway (scripts/build-docs.mjs runs this module in Node), and
 * served as static assets (/openapi.json, /docs): the same bytes for every caller, so none of it needs to be
 * in the Worker every cold start loads, nor generated again in every isolate.
 */
import { createGateway } from "../app";
import { type OpenApiDocument, openApiDocument } from "../rest/openapi";
import { renderDocsPage } from "./page";

export interface PublishedDocs {
  document: OpenApiDocument;
  /** /docs: HTML. */
  page: string;
}

export async function publishedDocs(): Promise<PublishedDocs> {
  const document = await openApiDocument(createGateway());
  return { document, page: renderDocsPage(document) };
}
