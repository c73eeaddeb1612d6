/**
 * The processes the benchmark starts: the FaceID stub and the SDK proxy as Node child processes, and the
 * gateway's local stack under `wrangler dev`, retried on a port taken by someone else in the meantime (the
 * machine is shared).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { type LocalStack, startLocalStack } from "../test/support/local-stack";

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

export async function startStack(options: Parameters<typeof startLocalStack>[0]): Promise<LocalStack> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startLocalStack(options);
    } catch (error) {
      if (attempt >= 3 || !String(error).includes("Address already in use")) throw error;
    }
  }
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
