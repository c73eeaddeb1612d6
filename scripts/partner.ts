/**
 * The operator's partner CLI.
 *
 *   npm run partner -- create --name <name> [--action <Action>]... [--origin <url>]... [--json]
 *   npm run partner -- list [--json]
 *   npm run partner -- revoke <secretId>
 *   npm run partner -- agent-key create --partner <partnerId> --name <agent> [--json]
 *   npm run partner -- agent-key list [--partner <partnerId>] [--json]
 *   npm run partner -- agent-key revoke <keyId>
 *
 * By default it writes the local state that `npm start` and `wrangler dev` read (.wrangler/state, or
 * --persist-to <dir> as given to wrangler). With --remote it calls the deployed Worker's admin API at
 * --url <url> or $FACEID_EDGE_URL, authorised by $FACEID_EDGE_ADMIN_TOKEN (never a flag: flags end up in
 * shell history and process lists).
 */
import { parseArgs } from "node:util";
import { agentKeyView, publicView } from "../worker/partners/admin-routes";
import { PartnerInputError, type PartnerRecord, PartnerStore } from "../worker/partners/store";
import { AgentKeyStore } from "../worker/sessions/agent-keys";
import { ensureDevVars, readDevVars } from "./dev-vars.mjs";
import { openLocalBindings } from "./local-bindings";

interface PartnerBackend {
  create(input: {
    name: string;
    actions: string[];
    origins: string[];
    ratePerSecond?: number;
  }): Promise<Record<string, unknown>>;
  list(): Promise<unknown[]>;
  revoke(secretId: string): Promise<boolean>;
  createAgentKey(partnerId: string, name: string): Promise<{ agentKey: string; keyId: string }>;
  listAgentKeys(partnerId?: string): Promise<unknown[]>;
  revokeAgentKey(keyId: string): Promise<boolean>;
  close(): Promise<void>;
}

const USAGE = `usage: npm run partner -- <create|list|revoke|agent-key> [options]
  create --name <name> [--action <Action>]... [--origin <url>]... [--rate <per second>] [--json]
  list [--json]
  revoke <secretId>
  agent-key create --partner <partnerId> --name <agent> [--json]
  agent-key list [--partner <partnerId>] [--json]
  agent-key revoke <keyId>
options: --remote [--url <worker url>]   --persist-to <dir>`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: "string" },
      action: { type: "string", multiple: true },
      origin: { type: "string", multiple: true },
      rate: { type: "string" },
      partner: { type: "string" },
      json: { type: "boolean", default: false },
      remote: { type: "boolean", default: false },
      url: { type: "string" },
      "persist-to": { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const [command, argument, third] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const backend = values.remote ? remoteBackend(values.url) : await localBackend(values["persist-to"]);
  try {
    switch (command) {
      case "create": {
        if (!values.name) throw new PartnerInputError("create needs --name <name>");
        const created = await backend.create({
          name: values.name,
          actions: values.action ?? [],
          origins: values.origin ?? [],
          ...(values.rate !== undefined ? { ratePerSecond: Number(values.rate) } : {}),
        });
        if (values.json) console.log(JSON.stringify(created));
        else {
          console.log(`Partner ${created.partnerId} created.`);
          console.log(`  SecretId:  ${created.secretId}`);
          console.log(
            `  SecretKey: ${created.secretKey}   (shown only now: store it in the partner's secret store)`,
          );
        }
        return 0;
      }
      case "list": {
        const partners = await backend.list();
        if (values.json) console.log(JSON.stringify(partners));
        else for (const p of partners as PartnerRecord[]) console.log(describePartner(p));
        return 0;
      }
      case "revoke": {
        if (!argument) throw new PartnerInputError("revoke needs a SecretId");
        if (!(await backend.revoke(argument))) {
          console.error(`No partner with SecretId ${argument}.`);
          return 1;
        }
        console.log(values.json ? JSON.stringify({ revoked: argument }) : `Revoked ${argument}.`);
        return 0;
      }
      case "agent-key":
        return await agentKeyCommand(backend, argument, third, values);
      default:
        console.error(USAGE);
        return 2;
    }
  } finally {
    await backend.close();
  }
}

async function agentKeyCommand(
  backend: PartnerBackend,
  subcommand: string | undefined,
  argument: string | undefined,
  values: { partner?: string; name?: string; json?: boolean },
): Promise<number> {
  switch (subcommand) {
    case "create": {
      if (!values.partner || !values.name)
        throw new PartnerInputError("agent-key create needs --partner and --name");
      const { agentKey, keyId } = await backend.createAgentKey(values.partner, values.name);
      if (values.json) console.log(JSON.stringify({ agentKey }));
      else console.log(`Agent key ${keyId} for ${values.name}:\n  ${agentKey}   (shown only now)`);
      return 0;
    }
    case "list": {
      const keys = await backend.listAgentKeys(values.partner);
      if (values.json) console.log(JSON.stringify(keys));
      else for (const key of keys as AgentKeyView[]) console.log(describeAgentKey(key));
      return 0;
    }
    case "revoke": {
      if (!argument) throw new PartnerInputError("agent-key revoke needs a key id");
      if (!(await backend.revokeAgentKey(argument))) {
        console.error(`No agent key ${argument}.`);
        return 1;
      }
      console.log(values.json ? JSON.stringify({ revoked: argument }) : `Revoked agent key ${argument}.`);
      return 0;
    }
    default:
      console.error(USAGE);
      return 2;
  }
}

type AgentKeyView = ReturnType<typeof agentKeyView>;

async function localBackend(persistTo: string | undefined): Promise<PartnerBackend> {
  ensureDevVars();
  const proxy = await openLocalBindings(persistTo);
  const seed = process.env.PARTNER_KEY_SEED ?? readDevVars().PARTNER_KEY_SEED;
  if (!seed) throw new PartnerInputError("PARTNER_KEY_SEED is not set in .dev.vars");
  const store = new PartnerStore(proxy.env.PARTNERS, seed);
  const agentKeys = new AgentKeyStore(proxy.env.PARTNERS);
  return {
    async create(input) {
      const { record, secretKey } = await store.create(input);
      return { partnerId: record.partnerId, secretId: record.secretId, secretKey };
    },
    list: async () => (await store.list()).map(publicView),
    revoke: (secretId) => store.revoke(secretId),
    async createAgentKey(partnerId, name) {
      const partner = await store.getByPartnerId(partnerId);
      if (!partner || partner.revokedAt) throw new PartnerInputError(`no active partner ${partnerId}`);
      if (!name.trim()) throw new PartnerInputError("an agent key needs a name");
      const { agentKey, record } = await agentKeys.create(partnerId, name);
      return { agentKey, keyId: record.keyId };
    },
    listAgentKeys: async (partnerId) => (await agentKeys.list(partnerId)).map(agentKeyView),
    revokeAgentKey: (keyId) => agentKeys.revoke(keyId),
    close: () => proxy.dispose(),
  };
}

function remoteBackend(url: string | undefined): PartnerBackend {
  const base = url ?? process.env.FACEID_EDGE_URL;
  const token = process.env.FACEID_EDGE_ADMIN_TOKEN;
  if (!base || !token) {
    throw new PartnerInputError("--remote needs --url (or FACEID_EDGE_URL) and FACEID_EDGE_ADMIN_TOKEN");
  }
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(new URL(path, base), {
      method,
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(30_000),
    });
    const json = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    return { status: response.status, json };
  };
  const check = ({ status, json }: { status: number; json: Record<string, unknown> }) => {
    if (status >= 400) {
      const error = json.error as { message?: string } | undefined;
      throw new PartnerInputError(`the Worker answered ${status}: ${error?.message ?? "no message"}`);
    }
    return json;
  };
  return {
    create: async (input) => check(await call("POST", "/admin/partners", input)),
    list: async () => check(await call("GET", "/admin/partners")).partners as unknown[],
    async revoke(secretId) {
      const answer = await call("DELETE", `/admin/partners/${encodeURIComponent(secretId)}`);
      if (answer.status === 404) return false;
      check(answer);
      return true;
    },
    createAgentKey: async (partnerId, name) =>
      check(await call("POST", "/admin/agent-keys", { partnerId, name })) as {
        agentKey: string;
        keyId: string;
      },
    listAgentKeys: async (partnerId) =>
      check(
        await call(
          "GET",
          `/admin/agent-keys${partnerId ? `?partnerId=${encodeURIComponent(partnerId)}` : ""}`,
        ),
      ).agentKeys as unknown[],
    async revokeAgentKey(keyId) {
      const answer = await call("DELETE", `/admin/agent-keys/${encodeURIComponent(keyId)}`);
      if (answer.status === 404) return false;
      check(answer);
      return true;
    },
    close: async () => {},
  };
}

function describeAgentKey(key: AgentKeyView): string {
  const state = key.revokedAt ? `revoked ${key.revokedAt}` : "active";
  return `${key.keyId}  ${key.partnerId}  ${key.name}  [${state}]  created ${key.createdAt}`;
}

function describePartner(p: PartnerRecord): string {
  const state = p.revokedAt ? `revoked ${p.revokedAt}` : "active";
  return `${p.partnerId}  ${p.secretId}  ${p.name}  [${state}]  actions: ${p.actions.join(",")}  origins: ${p.origins.join(",") || "-"}`;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof PartnerInputError ? `error: ${error.message}` : error);
    process.exit(error instanceof PartnerInputError ? 2 : 1);
  },
);
