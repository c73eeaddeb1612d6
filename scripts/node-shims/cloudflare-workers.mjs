// `cloudflare:workers` for the gateway's modules run in Node at build time (scripts/build-docs.mjs): they
// only define Durable Object classes, which the build never instantiates, so the base class is enough.
export class DurableObject {
  constructor(ctx, env) {
    this.ctx = ctx;
    this.env = env;
  }
}
