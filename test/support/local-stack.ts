// The real local stack for Node-side tests: `wrangler dev` for the sandbox and the gateway on free loopback
// ports with their own state directory, and the operator's CLI run as a user runs it.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, startLocalStack as startStack } from "../../scripts/local-stack.mjs";
import { lastJsonLine, runPartnerCli } from "../../scripts/partner-cli.mjs";

type StackOptions = NonNullable<Parameters<typeof startStack>[0]>;

export interface LocalStack {
  gatewayUrl: string;
  sandboxUrl: string;
  persistTo: string;
  /** Runs `npm run partner -- <args>` against this stack's state; returns stdout. */
  cli(args: string[], env?: Record<string, string>): Promise<string>;
  createPartner(options: {
    name: string;
    origins?: string[];
    actions?: string[];
    redirectUrls?: string[];
    /** The partner's share of a contended rate (`--weight`). */
    weight?: number;
  }): Promise<{ partnerId: string; secretId: string; secretKey: string }>;
  createAgentKey(partnerId: string, name: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startLocalStack(
  options: Pick<StackOptions, "vars" | "onOutput"> = {},
): Promise<LocalStack> {
  const persistTo = mkdtempSync(join(tmpdir(), "faceid-edge-state-"));
  const stack = await startStack({
    ...options,
    port: await freePort(),
    sandboxPort: await freePort(),
    persistTo,
    vars: options.vars ?? {},
  });
  const cli = (args: string[], env: Record<string, string> = {}) => runPartnerCli(args, { persistTo, env });
  return {
    ...stack,
    cli,
    async createPartner({ name, origins = [], actions = [], redirectUrls = [], weight }) {
      const args = ["create", "--name", name, "--json"];
      if (weight !== undefined) args.push("--weight", String(weight));
      for (const origin of origins) args.push("--origin", origin);
      for (const action of actions) args.push("--action", action);
      for (const url of redirectUrls) args.push("--redirect-url", url);
      return lastJsonLine(await cli(args));
    },
    async createAgentKey(partnerId, name) {
      return lastJsonLine<{ agentKey: string }>(
        await cli(["agent-key", "create", "--partner", partnerId, "--name", name, "--json"]),
      ).agentKey;
    },
    async stop() {
      await stack.stop();
      rmSync(persistTo, { recursive: true, force: true });
    },
  };
}
