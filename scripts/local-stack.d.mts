export function freePort(): Promise<number>;
export function sandboxCredentials(): { secretId: string; secretKey: string };
export function startLocalStack(options?: {
  port?: number;
  sandboxPort?: number;
  persistTo?: string;
  vars?: Record<string, string>;
  stdio?: "pipe" | "inherit";
  readyTimeoutMs?: number;
  /** Every piece of output of both wranglers (with stdio "pipe"). */
  onOutput?: (source: "sandbox" | "gateway", text: string) => void;
}): Promise<{
  gatewayUrl: string;
  sandboxUrl: string;
  persistTo: string;
  stop(): Promise<void>;
}>;
