export const REDACTED: string;
export function redactUrls(text: string): string;
export function redactingWriter(
  write: (text: string) => void,
  options?: { holdMs?: number },
): { write(text: string): void; flush(): void };
