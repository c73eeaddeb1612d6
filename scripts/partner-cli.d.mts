export function runPartnerCli(
  args: string[],
  options: { persistTo: string; env?: Record<string, string>; timeoutMs?: number },
): Promise<string>;
export function lastJsonLine<T = unknown>(stdout: string): T;
