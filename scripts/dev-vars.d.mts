export const ROOT: string;
export function ensureDevVars(): void;
export function readDevVars(): Record<string, string>;
