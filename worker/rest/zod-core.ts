/**
 * `zod/v4/core` as hono-openapi's zod converter (@standard-community/standard-json) uses it: for `toJSONSchema`
 * alone, the same function as zod's own. The converter loads that module with a dynamic `import()`, which makes
 * a bundler keep every export of it, zod's 60-odd locales included (about 570 KiB of the Worker's bundle);
 * wrangler.toml's [alias] points `zod/v4/core` here, so the bundle holds only what the document needs.
 */
export { toJSONSchema } from "zod";
