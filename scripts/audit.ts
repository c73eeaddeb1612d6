/**
 * The operator's audit log reader.
 *
 *   npm run audit -- tail [--partner <partnerId>] [--limit <n>] [--before <ISO time>] [--json]
 *
 * By default it reads the local state that `npm start` and `wrangler dev` write (.wrangler/state, or
 * --persist-to <dir> as given to wrangler). With --remote it reads the deployed database through
 * `wrangler d1 execute --remote`, as the operator's own wrangler login.
 */
import { execFile } from "node:child_process";
import { parseArgs } from "node:util";
import { AuditLog } from "../worker/audit/audit-log";
import type { AuditEvent } from "../worker/audit/event";
import {
  AuditQueryError,
  type RecentEventsQuery,
  recentEventsSql,
  recentEventsStatement,
} from "../worker/audit/query";
import { type AuditRow, fromRow } from "../worker/audit/row";
import { ROOT } from "./dev-vars.mjs";
import { AUDIT_DATABASE } from "./migrate-local.mjs";

const WRANGLER = `${ROOT}node_modules/wrangler/bin/wrangler.js`;

/** wrangler's own explanation is the message the operator needs; a stack trace would add nothing. */
class WranglerFailure extends Error {}

const USAGE = `usage: npm run audit -- tail [options]
  tail [--partner <partnerId>] [--limit <1-1000>] [--before <ISO time>] [--json]
options: --remote   --persist-to <dir>`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      partner: { type: "string" },
      limit: { type: "string" },
      before: { type: "string" },
      json: { type: "boolean", default: false },
      remote: { type: "boolean", default: false },
      "persist-to": { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const [command] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  if (command !== "tail") {
    console.error(USAGE);
    return 2;
  }
  const query: RecentEventsQuery = {
    ...(values.partner === undefined ? {} : { partnerId: values.partner }),
    ...(values.limit === undefined ? {} : { limit: parseLimit(values.limit) }),
    ...(values.before === undefined ? {} : { before: values.before }),
  };
  recentEventsStatement(query); // refuse a bad query before starting workerd or wrangler
  const events = values.remote ? await remoteTail(query) : await localTail(query, values["persist-to"]);
  if (values.json) console.log(JSON.stringify(events));
  else if (events.length === 0) console.log("No audit events.");
  else for (const line of describeEvents(events)) console.log(line);
  return 0;
}

async function localTail(query: RecentEventsQuery, persistTo: string | undefined): Promise<AuditEvent[]> {
  // Loaded only here: wrangler's module is large, and a refused query or --remote never needs it.
  const { openLocalBindings } = await import("./local-bindings");
  const proxy = await openLocalBindings(persistTo);
  try {
    return await new AuditLog(proxy.env.AUDIT_DB).recent(query);
  } catch (error) {
    // A state directory the gateway has never run on: nothing was recorded there.
    if (error instanceof Error && error.message.includes("no such table: audit_events")) {
      console.error("The local audit log has no schema yet: `npm start` applies it.");
      return [];
    }
    throw error;
  } finally {
    await proxy.dispose();
  }
}

async function remoteTail(query: RecentEventsQuery): Promise<AuditEvent[]> {
  // Validated and written in by recentEventsSql; execFile passes it as one argument, with no shell between.
  const sql = recentEventsSql(query);
  const args = [WRANGLER, "d1", "execute", AUDIT_DATABASE, "--remote", "--json", "--command", sql];
  // wrangler prints --json results at the "log" level: a quieter WRANGLER_LOG would swallow them.
  const { code, stdout, stderr } = await run(args, { ...process.env, WRANGLER_LOG: "log" });
  // stdout is [{ results, success, meta }] (one per statement), or { error: { text } } when it failed.
  const answer = parseJson(stdout) as { results?: AuditRow[] }[] | { error?: { text?: string } } | undefined;
  if (code !== 0 || !Array.isArray(answer)) {
    const reason = (answer && !Array.isArray(answer) && answer.error?.text) || stderr.trim() || stdout.trim();
    throw new WranglerFailure(`wrangler d1 execute --remote failed (exit ${code}): ${reason}`);
  }
  return (answer[0]?.results ?? []).map(fromRow);
}

function run(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      args,
      { cwd: ROOT, env, maxBuffer: 64 * 1024 * 1024, timeout: 120_000 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== "number") reject(error);
        else resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
      },
    );
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function parseLimit(text: string): number {
  if (!/^\d{1,4}$/.test(text)) throw new AuditQueryError("--limit must be a whole number from 1 to 1000");
  return Number(text);
}

/** One aligned line per event, newest first, under a header line. */
function describeEvents(events: AuditEvent[]): string[] {
  const header = [
    "TIME",
    "PARTNER",
    "PRINCIPAL",
    "ACTION",
    "OUTCOME",
    "HTTP",
    "PASSED",
    "SIMILARITY",
    "LATENCY",
  ];
  const rows = events.map((event) => [
    event.at,
    event.partnerId ?? "-",
    event.principal.type === "anonymous" ? "anonymous" : `${event.principal.type}:${event.principal.id}`,
    event.action,
    event.outcome,
    String(event.httpStatus),
    event.passed === null ? "-" : event.passed ? "yes" : "no",
    event.similarity === null ? "-" : String(event.similarity),
    `${event.latencyMs}ms`,
    event.requestId,
    event.tencentRequestId ?? "-",
  ]);
  const table = [[...header, "REQUEST ID", "TENCENT REQUEST ID"], ...rows];
  const widths =
    table[0]?.map((_, column) => Math.max(...table.map((row) => row[column]?.length ?? 0))) ?? [];
  return table.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join("  ")
      .trimEnd(),
  );
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const expected = error instanceof AuditQueryError || error instanceof WranglerFailure;
    console.error(expected ? `error: ${error.message}` : error);
    process.exit(error instanceof AuditQueryError ? 2 : 1);
  },
);
