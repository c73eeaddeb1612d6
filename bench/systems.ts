/**
 * The Node processes the benchmark starts: the FaceID stub and the SDK proxy (the gateway runs on workerd:
 * gateway-runtime.ts).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";

const ROOT = new URL("../", import.meta.url).pathname;

export interface NodeService {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * Runs a TypeScript module that prints {"port":N} once it listens, in one Node process (tsx as an import
 * hook, not its CLI, which would add a parent process) so its pid is the one whose CPU and memory count.
 */
export async function startNodeService(
  module: string,
  env: Record<string, string> = {},
): Promise<NodeService> {
  const child = spawn(process.execPath, ["--import", "tsx", module], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.once("line", (line) => resolve((JSON.parse(line) as { port: number }).port));
    child.once("exit", (code) => reject(new Error(`${module} exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, pid: pidOf(child), stop: () => stopChild(child) };
}

function pidOf(child: ChildProcess): number {
  if (child.pid === undefined) throw new Error("the child process did not start");
  return child.pid;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
  await exited;
  clearTimeout(timer);
}
