export const WAT_SOURCES: readonly string[];
export function compileWat(source: string): Promise<Uint8Array>;
export function wasmPathOf(source: string): string;
