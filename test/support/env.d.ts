// Bindings that exist only in the workerd test run (vitest.workers.config.ts).
declare namespace Cloudflare {
  interface Env {
    /** Media fixture files by name, base64-encoded. */
    MEDIA_FIXTURES: Record<string, string>;
    /** The sandbox's token store, when the sandbox runs inside the test isolate. */
    SANDBOX_STATE: KVNamespace;
  }
}

// workerd's Node compatibility (nodejs_compat) provides node:buffer; the official SDK's signer needs a Buffer.
declare module "node:buffer" {
  export const Buffer: {
    from(bytes: Uint8Array): Uint8Array<ArrayBuffer>;
    isBuffer(value: unknown): boolean;
  };
}
