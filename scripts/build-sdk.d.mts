export const ASSETS_DIR: string;
export function sdkPath(): Promise<string>;
export function integrityOf(bytes: Uint8Array): string;
export function buildSdk(): Promise<{ path: string; integrity: string; bytes: number }>;
