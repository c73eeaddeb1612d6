// Local development values: .dev.vars (git-ignored) is created from the committed .dev.vars.example when
// missing, so a fresh clone runs with the sandbox and no Tencent account.
import { copyFileSync, existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
const DEV_VARS = `${ROOT}.dev.vars`;

export function ensureDevVars() {
  if (!existsSync(DEV_VARS)) {
    copyFileSync(`${ROOT}.dev.vars.example`, DEV_VARS);
    console.error(
      "Created .dev.vars from .dev.vars.example (sandbox credentials, no Tencent account needed).",
    );
  }
}

/** The values in .dev.vars as an object (KEY=VALUE lines; # comments). */
export function readDevVars() {
  ensureDevVars();
  const values = {};
  for (const line of readFileSync(DEV_VARS, "utf8").split("\n")) {
    const match = /^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (match) values[match[1]] = match[2].replace(/^"(.*)"$/, "$1");
  }
  return values;
}
