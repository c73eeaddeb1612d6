export function freePort(): Promise<number>;
export function sandboxCredentials(): { secretId: string; secretKey: string };
export function startLocalStack(options?: {
  port?: number;
  sandboxPort?: number;
  persistTo?: string;
  vars?: Record<string, string>;
  stdio?: "pipe" | "inherit";
  readyTimeoutMs?: number;
  /** Every piece of output of both wranglers (with stdio "pipe"), with the stream it came on. */
  onOutput?: (source: "sandbox" | "gateway", text: string, stream: "stdout" | "stderr") => void;
  /** Environment variables added for both wranglers. */
  env?: Record<string, string>;
  /** Restart a wrangler that exits while the stack runs (npm start). Default false. */
  supervise?: boolean;
  /** With `supervise`: more restarts of one wrangler than this within `restartWindowMs` stop the stack. */
  maxRestarts?: number;
  restartWindowMs?: number;
  /** With `supervise`: one plain line per stop, restart and give-up. Default: console.error. */
  onNotice?: (line: string) => void;
}): Promise<{
  gatewayUrl: string;
  sandboxUrl: string;
  persistTo: string;
  stop(): Promise<void>;
  /** Resolves with the reason once supervision gives up (the stack is then stopped); never otherwise. */
  failed: Promise<Error>;
  /** The process id of a wrangler as it is now (the leader of its process group). */
  pid(name: "sandbox" | "gateway"): number | undefined;
}>;
