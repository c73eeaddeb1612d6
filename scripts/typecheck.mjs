// Type-checks each runtime against its own tsconfig (shared, worker, sandbox, extension, scripts, tests):
// one program per runtime, so browser, Node and workerd globals never leak into each other.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { ROOT } from "./dev-vars.mjs";

const PROJECTS = [
  "shared",
  "worker",
  "sandbox",
  "extension",
  "sdk",
  "scripts",
  "bench",
  "bench/worker",
  "test",
  "test/node",
  "test/extension",
  "test/e2e",
  "test/resilience",
];
const TSC = `${ROOT}node_modules/typescript/bin/tsc`;

let failed = false;
for (const project of PROJECTS) {
  if (!existsSync(`${ROOT}${project}/tsconfig.json`)) continue;
  const result = spawnSync(process.execPath, [TSC, "-p", project], { cwd: ROOT, stdio: "inherit" });
  console.log(`typecheck ${project}: ${result.status === 0 ? "ok" : "FAILED"}`);
  failed ||= result.status !== 0;
}
process.exit(failed ? 1 : 0);
