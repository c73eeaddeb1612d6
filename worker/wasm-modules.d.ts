/** A `.wasm` file imported by the Worker: wrangler's default module rules bundle it compiled (CompiledWasm). */
declare module "*.wasm" {
  const module: WebAssembly.Module;
  export default module;
}
