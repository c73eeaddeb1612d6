/**
 * The operator's partner CLI.
 *
 *   npm run partner -- create --name <name> [--action <Action>]... [--origin <url>]... [--redirect-url <url>]... [--json]
 *   npm run partner -- update <partnerId> [--action <Action>]... [--origin <url>]... [--redirect-url <url>]... [--rate N] [--weight N]
 *   npm run partner -- list [--json]
 *   npm run partner -- revoke <secretId>
 *   npm run partner -- agent-key create --partner <partnerId> --name <agent> [--json]
 *   npm run partner -- agent-key list [--partner <partnerId>] [--json]
 *   npm run partner -- agent-key revoke <keyId>
 *   npm run partner -- webhook set <partnerId> --url <url> [--json]
 *   npm run partner -- webhook rotate <partnerId> [--json]
 *   npm run partner -- webhook remove <partnerId>
 *   npm run partner -- webhook deliveries <partnerId> [--json]
 *   npm run partner -- webhook test <partnerId>
 *   npm run partner -- webhook redeliver <deliveryId>
 *
 * By default it writes the local state that `npm start` and `wrangler dev` read (.wrangler/state, or
 * --persist-to <dir> as given to wrangler). With --remote it calls the deployed Worker's admin API at
 * --url <url> or $FACEID_EDGE_URL, authorised by $FACEID_EDGE_ADMIN_TOKEN (never a flag: flags end up in
 * shell history and process lists). `webhook test` and `webhook redeliver` send through the Worker's queue, so
 * without --remote they call the running `npm start` gateway (--gateway <url>, http://127.0.0.1:8787 by default)
 * with .dev.vars' ADMIN_TOKEN.
 */
import { parseArgs } from "node:util";
import type { WebhookDelivery } from "../shared/webhooks/events";
import { agentKeyView, publicView } from "../worker/partners/admin-routes";
import {
  type PartnerChanges,
  PartnerInputError,
  type PartnerRecord,
  PartnerStore,
} from "../worker/partners/store";
import { AgentKeyStore } from "../worker/sessions/agent-keys";
import { DeliveryLog } from "../worker/webhooks/delivery-log";
import { WebhookAdmin } from "../worker/webhooks/webhook-admin";
import { type IssuedSecret, WebhookInputError, WebhookStore } from "../worker/webhooks/webhook-store";
import { ensureDevVars, readDevVars } from "./dev-vars.mjs";
import { openLocalBindings } from "./local-bindings";

interface PartnerBackend {
  create(input: {
    name: string;
    actions: string[];
    origins: string[];
    redirectUrls: string[];
    ratePerSecond?: number;
    weight?: number;
  }): Promise<Record<string, unknown>>;
  /** Undefined when there is no active partner with that id. */
  update(partnerId: string, changes: PartnerChanges): Promise<PartnerView | undefined>;
  list(): Promise<unknown[]>;
  revoke(secretId: string): Promise<boolean>;
  createAgentKey(partnerId: string, name: string): Promise<{ agentKey: string; keyId: string }>;
  listAgentKeys(partnerId?: string): Promise<unknown[]>;
  revokeAgentKey(keyId: string): Promise<boolean>;
  setWebhook(partnerId: string, url: string): Promise<IssuedSecret>;
  rotateWebhook(partnerId: string): Promise<IssuedSecret & { previousRetiresAt: string }>;
  removeWebhook(partnerId: string): Promise<boolean>;
  webhookDeliveries(partnerId: string): Promise<WebhookDelivery[]>;
  testWebhook(partnerId: string): Promise<{ webhookId: string }>;
  /** Undefined when there is no such delivery (or its event is no longer kept). */
  redeliver(deliveryId: string): Promise<{ webhookId: string } | undefined>;
  close(): Promise<void>;
}

const USAGE = `usage: npm run partner -- <create|list|revoke|agent-key> [options]
  create --name <name> [--action <Action>]... [--origin <url>]... [--redirect-url <url>]... [--rate <per second>] [--weight <share>] [--json]
  update <partnerId> [--action <Action>]... [--origin <url>]... [--redirect-url <url>]... [--rate <per second>] [--weight <share>] [--json]
         (each list given replaces the partner's)
  list [--json]
  revoke <secretId>
  agent-key create --partner <partnerId> --name <agent> [--json]
  agent-key list [--partner <partnerId>] [--json]
  agent-key revoke <keyId>
  webhook set <partnerId> --url <https url> [--json]   (prints the signing secret, only now)
  webhook rotate <partnerId> [--json]                  (the previous secret signs for 24 more hours)
  webhook remove <partnerId>
  webhook deliveries <partnerId> [--json]
  webhook test <partnerId>
  webhook redeliver <deliveryId>
options: --remote [--url <worker url>]   --persist-to <dir>   --gateway <local gateway url>`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: "string" },
      action: { type: "string", multiple: true },
      origin: { type: "string", multiple: true },
      "redirect-url": { type: "string", multiple: true },
      rate: { type: "string" },
      weight: { type: "string" },
      partner: { type: "string" },
      json: { type: "boolean", default: false },
      remote: { type: "boolean", default: false },
      url: { type: "string" },
      "persist-to": { type: "string" },
      gateway: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const [command, argument, third] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const backend = values.remote
    ? remoteBackend(values.url)
    : await localBackend(values["persist-to"], values.gateway);
  try {
    switch (command) {
      case "create": {
        if (!values.name) throw new PartnerInputError("create needs --name <name>");
        const created = await backend.create({
          name: values.name,
          actions: values.action ?? [],
          origins: values.origin ?? [],
          redirectUrls: values["redirect-url"] ?? [],
          ...(values.rate !== undefined ? { ratePerSecond: Number(values.rate) } : {}),
          ...(values.weight !== undefined ? { weight: Number(values.weight) } : {}),
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
      case "update": {
        if (!argument) throw new PartnerInputError("update needs a partnerId");
        const changes: PartnerChanges = {
          ...(values.action ? { actions: values.action } : {}),
          ...(values.origin ? { origins: values.origin } : {}),
          ...(values["redirect-url"] ? { redirectUrls: values["redirect-url"] } : {}),
          ...(values.rate !== undefined ? { ratePerSecond: Number(values.rate) } : {}),
          ...(values.weight !== undefined ? { weight: Number(values.weight) } : {}),
        };
        if (Object.keys(changes).length === 0) {
          throw new PartnerInputError("update needs --action, --origin, --redirect-url, --rate or --weight");
        }
        const updated = await backend.update(argument, changes);
        if (!updated) {
          console.error(`No active partner ${argument}.`);
          return 1;
        }
        console.log(values.json ? JSON.stringify(updated) : describePartner(updated));
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
      case "webhook":
        return await webhookCommand(backend, argument, third, values);
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

async function webhookCommand(
  backend: PartnerBackend,
  subcommand: string | undefined,
  target: string | undefined,
  values: { url?: string; json?: boolean },
): Promise<number> {
  if (!target)
    throw new PartnerInputError(`webhook ${subcommand ?? "<command>"} needs a partner or delivery id`);
  const print = (json: unknown, text: string) => console.log(values.json ? JSON.stringify(json) : text);
  switch (subcommand) {
    case "set": {
      if (!values.url) throw new PartnerInputError("webhook set needs --url <url>");
      const issued = await backend.setWebhook(target, values.url);
      print(issued, `Webhook of ${target}: ${issued.url}\n  Secret: ${issued.secret}   (shown only now)`);
      return 0;
    }
    case "rotate": {
      const rotated = await backend.rotateWebhook(target);
      print(
        rotated,
        `New secret for ${target}: ${rotated.secret}   (shown only now)\n  The previous secret signs too until ${rotated.previousRetiresAt}.`,
      );
      return 0;
    }
    case "remove": {
      if (!(await backend.removeWebhook(target))) {
        console.error(`Partner ${target} has no webhook.`);
        return 1;
      }
      print({ removed: target }, `Removed the webhook of ${target}.`);
      return 0;
    }
    case "deliveries": {
      const deliveries = await backend.webhookDeliveries(target);
      print(deliveries, deliveries.map(describeDelivery).join("\n") || "No deliveries.");
      return 0;
    }
    case "test": {
      const { webhookId } = await backend.testWebhook(target);
      print({ webhookId }, `Queued a webhook.test event (${webhookId}) for ${target}.`);
      return 0;
    }
    case "redeliver": {
      const queued = await backend.redeliver(target);
      if (!queued) {
        console.error(`No delivery ${target} (or its event is no longer kept).`);
        return 1;
      }
      print(queued, `Queued ${queued.webhookId} again.`);
      return 0;
    }
    default:
      console.error(USAGE);
      return 2;
  }
}

type AgentKeyView = ReturnType<typeof agentKeyView>;
type PartnerView = ReturnType<typeof publicView>;

async function localBackend(
  persistTo: string | undefined,
  gateway: string | undefined,
): Promise<PartnerBackend> {
  ensureDevVars();
  const proxy = await openLocalBindings(persistTo);
  const seed = process.env.PARTNER_KEY_SEED ?? readDevVars().PARTNER_KEY_SEED;
  if (!seed) throw new PartnerInputError("PARTNER_KEY_SEED is not set in .dev.vars");
  // Local state is npm start's, whose gateway runs with REDIRECT_ALLOW_LOOPBACK on.
  const store = new PartnerStore(proxy.env.PARTNERS, seed, { allowLoopbackRedirects: true });
  const agentKeys = new AgentKeyStore(proxy.env.PARTNERS);
  // Local state is npm start's, whose gateway runs with WEBHOOK_ALLOW_LOOPBACK on.
  const webhooks = new WebhookAdmin({
    partners: store,
    webhooks: new WebhookStore(proxy.env.PARTNERS, seed),
    deliveries: new DeliveryLog(proxy.env.AUDIT_DB),
    allowLoopback: true,
  });
  // Sending needs the queue of the running gateway: its admin API, with the local admin token.
  const running = () =>
    remoteBackend(gateway ?? "http://127.0.0.1:8787", process.env.ADMIN_TOKEN ?? readDevVars().ADMIN_TOKEN);
  return {
    async create(input) {
      const { record, secretKey } = await store.create(input);
      return { partnerId: record.partnerId, secretId: record.secretId, secretKey };
    },
    update: async (partnerId, changes) => {
      const updated = await store.update(partnerId, changes);
      return updated && publicView(updated);
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
    setWebhook: (partnerId, url) => inputErrors(webhooks.set(partnerId, url)),
    rotateWebhook: (partnerId) => inputErrors(webhooks.rotate(partnerId)),
    removeWebhook: (partnerId) => webhooks.remove(partnerId),
    webhookDeliveries: (partnerId) => webhooks.deliveries(partnerId),
    testWebhook: (partnerId) => running().testWebhook(partnerId),
    redeliver: (deliveryId) => running().redeliver(deliveryId),
    close: () => proxy.dispose(),
  };
}

function remoteBackend(url: string | undefined, adminToken?: string): PartnerBackend {
  const base = url ?? process.env.FACEID_EDGE_URL;
  const token = adminToken ?? process.env.FACEID_EDGE_ADMIN_TOKEN;
  if (!base || !token) {
    throw new PartnerInputError("--remote needs --url (or FACEID_EDGE_URL) and FACEID_EDGE_ADMIN_TOKEN");
  }
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(new URL(path, base), {
      method,
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(30_000),
    }).catch(() => {
      throw new PartnerInputError(`could not reach the gateway at ${base} (is it running?)`);
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
    async update(partnerId, changes) {
      const answer = await call("PATCH", `/admin/partners/${encodeURIComponent(partnerId)}`, changes);
      if (answer.status === 404) return undefined;
      return check(answer) as unknown as PartnerView;
    },
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
    setWebhook: async (partnerId, url) =>
      check(await call("PUT", `${webhookPath(partnerId)}`, { url })) as unknown as IssuedSecret,
    rotateWebhook: async (partnerId) =>
      check(await call("POST", `${webhookPath(partnerId)}/rotate`)) as unknown as IssuedSecret & {
        previousRetiresAt: string;
      },
    async removeWebhook(partnerId) {
      const answer = await call("DELETE", webhookPath(partnerId));
      if (answer.status === 404) return false;
      check(answer);
      return true;
    },
    webhookDeliveries: async (partnerId) =>
      check(await call("GET", `${webhookPath(partnerId)}/deliveries`)).deliveries as WebhookDelivery[],
    testWebhook: async (partnerId) =>
      check(await call("POST", `${webhookPath(partnerId)}/test`)) as { webhookId: string },
    async redeliver(deliveryId) {
      const answer = await call(
        "POST",
        `/admin/webhook-deliveries/${encodeURIComponent(deliveryId)}/redeliver`,
      );
      if (answer.status === 404) return undefined;
      return check(answer) as { webhookId: string };
    },
    close: async () => {},
  };
}

function webhookPath(partnerId: string): string {
  return `/admin/partners/${encodeURIComponent(partnerId)}/webhook`;
}

/** The store's refusals as the CLI's own input errors (printed as `error: …`, exit code 2). */
async function inputErrors<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof WebhookInputError) throw new PartnerInputError(error.message);
    throw error;
  }
}

function describeDelivery(d: WebhookDelivery): string {
  const outcome = d.error === null ? "accepted" : d.error;
  return `${d.at}  ${d.deliveryId}  ${d.webhookId}  ${d.event}  attempt ${d.attempt}  ${d.status ?? "-"}  ${outcome}  ${d.latencyMs} ms`;
}

function describeAgentKey(key: AgentKeyView): string {
  const state = key.revokedAt ? `revoked ${key.revokedAt}` : "active";
  return `${key.keyId}  ${key.partnerId}  ${key.name}  [${state}]  created ${key.createdAt}`;
}

function describePartner(p: PartnerRecord | PartnerView): string {
  const state = p.revokedAt ? `revoked ${p.revokedAt}` : "active";
  return `${p.partnerId}  ${p.secretId}  ${p.name}  [${state}]  actions: ${p.actions.join(",")}  origins: ${p.origins.join(",") || "-"}  redirect URLs: ${p.redirectUrls?.join(",") || "-"}`;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof PartnerInputError ? `error: ${error.message}` : error);
    process.exit(error instanceof PartnerInputError ? 2 : 1);
  },
);
