export function freePort(): Promise<number>;
export function sandboxCredentials(): { secretId: string; secretKey: string };
export function startLocalStack(options?: {
  port?: number;
  sandboxPort?: number;
  persistTo?: string;
  vars?: Record<string, string>;
  stdio?: "pipe" | "inherit";
  readyTimeoutMs?: number;
  /** An entry module to run instead of wrangler.toml's `main`, relative to the repository root. */
  gatewayEntry?: string;
  /** Every piece of output of both wranglers (with stdio "pipe"). */
  onOutput?: (source: "sandbox" | "gateway", text: string) => void;
}): Promise<{
  gatewayUrl: string;
  sandboxUrl: string;
  persistTo: string;
  /** Process ids of the two `wrangler dev` processes (each runs its workerd as a child). */
  wranglerPids: { sandbox: number; gateway: number };
  stop(): Promise<void>;
}>;
