// The operator's side of the audit log, run as the operator runs it: migrations applied to a local state
// directory by scripts/migrate-local.mjs, then `npm run audit -- tail` reading that state.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AUDIT_DATABASE, applyLocalMigrations } from "../../scripts/migrate-local.mjs";

const ROOT = new URL("../../", import.meta.url).pathname;
const TSX = join(ROOT, "node_modules/tsx/dist/cli.mjs");
const WRANGLER = join(ROOT, "node_modules/wrangler/bin/wrangler.js");

const COLUMNS =
  "at, request_id, tencent_request_id, partner_id, principal_type, principal_id, dialect, action, outcome, passed, similarity, http_status, latency_ms";
const SEED = `INSERT INTO audit_events (${COLUMNS}) VALUES
  ('2026-05-01T08:00:00.000Z', 'req-1', 'tc-1', 'ptn_AAAAAAAAAAAAAAAA', 'session', 'ses_1', 'rest', 'CompareFaceLiveness', 'Success', 1, 87.25, 200, 1840),
  ('2026-05-01T09:00:00.000Z', 'req-2', NULL, NULL, 'anonymous', NULL, 'tencent', 'CompareFaceLiveness', 'AuthFailure.SignatureFailure', NULL, NULL, 401, 3),
  ('2026-05-01T10:00:00.000Z', 'req-3', 'tc-3', 'ptn_BBBBBBBBBBBBBBBB', 'partner', 'AKIDpartner', 'tencent', 'ApplyLivenessToken', 'Success', NULL, NULL, 200, 120)`;

let persistTo: string;

function run(script: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [script, ...args], { cwd: ROOT, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: typeof error?.code === "number" ? error.code : error ? -1 : 0, stdout, stderr });
    });
  });
}

const tail = (...args: string[]) =>
  run(TSX, ["scripts/audit.ts", "tail", ...args, "--persist-to", persistTo]);

beforeAll(async () => {
  persistTo = mkdtempSync(join(tmpdir(), "faceid-edge-audit-"));
  await applyLocalMigrations({ persistTo });
  const seeded = await run(WRANGLER, [
    "d1",
    "execute",
    AUDIT_DATABASE,
    "--local",
    "--persist-to",
    persistTo,
    "--command",
    SEED,
  ]);
  expect(seeded.code, seeded.stdout + seeded.stderr).toBe(0);
});

afterAll(() => {
  rmSync(persistTo, { recursive: true, force: true });
});

describe("applyLocalMigrations", () => {
  it("does nothing, without prompting, when every migration is applied", async () => {
    expect(await applyLocalMigrations({ persistTo })).toContain("No migrations to apply");
  });
});

describe("npm run partner", () => {
  it("prints only its own answer: no runtime warnings on stderr", async () => {
    const { code, stdout, stderr } = await run(TSX, [
      "scripts/partner.ts",
      "list",
      "--json",
      "--persist-to",
      persistTo,
    ]);
    expect(code).toBe(0);
    expect(stderr).toBe("");
    expect(JSON.parse(stdout)).toEqual([]);
  });
});

describe("npm run audit -- tail", () => {
  it("prints the events newest first as one JSON array line with --json, and nothing else", async () => {
    const { code, stdout, stderr } = await tail("--json");
    expect(code).toBe(0);
    // No runtime warnings before the answer (the CLIs open only the bindings they read: local-bindings.ts).
    expect(stderr).toBe("");
    expect(stdout.trim().split("\n")).toHaveLength(1);
    const events = JSON.parse(stdout);
    expect(events.map((event: { requestId: string }) => event.requestId)).toEqual([
      "req-3",
      "req-2",
      "req-1",
    ]);
    expect(events[2]).toEqual({
      at: "2026-05-01T08:00:00.000Z",
      requestId: "req-1",
      tencentRequestId: "tc-1",
      partnerId: "ptn_AAAAAAAAAAAAAAAA",
      principal: { type: "session", id: "ses_1" },
      dialect: "rest",
      action: "CompareFaceLiveness",
      outcome: "Success",
      passed: true,
      similarity: 87.25,
      httpStatus: 200,
      latencyMs: 1840,
    });
  });

  it("prints one aligned line per event of the partner asked for, under a header", async () => {
    const { code, stdout } = await tail("--partner", "ptn_AAAAAAAAAAAAAAAA");
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^TIME\s+PARTNER\s+PRINCIPAL\s+ACTION\s+OUTCOME\s+HTTP\s+PASSED\s+SIMILARITY\s+LATENCY/,
    );
    expect(lines[1]?.split(/\s{2,}/)).toEqual([
      "2026-05-01T08:00:00.000Z",
      "ptn_AAAAAAAAAAAAAAAA",
      "session:ses_1",
      "CompareFaceLiveness",
      "Success",
      "200",
      "yes",
      "87.25",
      "1840ms",
      "req-1",
      "tc-1",
    ]);
    expect(lines[1]?.indexOf("ptn_")).toBe(lines[0]?.indexOf("PARTNER"));
  });

  it("honours --limit", async () => {
    const { stdout } = await tail("--json", "--limit", "1");
    expect(JSON.parse(stdout).map((event: { requestId: string }) => event.requestId)).toEqual(["req-3"]);
  });

  it.each([
    ["a partner id that is not one", ["--partner", "x' OR 1=1 --"]],
    ["a limit over 1000", ["--limit", "1001"]],
  ])("refuses %s with exit code 2", async (_, args) => {
    const { code, stdout, stderr } = await tail(...args);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/^error: /m);
  });
});
