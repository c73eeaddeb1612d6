/**
 * What the benchmark reads about processes from /proc (Linux): CPU time, resident memory and its peak, the
 * workerd that runs the gateway's Worker under `wrangler dev`, and the loopback port it serves on.
 *
 * `wrangler dev` runs two workerd processes: one with wrangler's own proxy Worker on the public port, and one
 * with the user's Worker (the one started with an inspector). Production has no such proxy, so the benchmark
 * measures and calls the second one directly.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, readlinkSync, writeFileSync } from "node:fs";

const CLOCK_TICKS = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;

/** User + system CPU time of the whole process (all threads, exited ones included), in ms. */
export function cpuTimeMs(pid: number): number {
  const fields = statFields(pid);
  // utime and stime are fields 14 and 15 of /proc/<pid>/stat; `fields` starts at field 3.
  return ((Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS) * 1000;
}

export interface MemorySample {
  rssBytes: number;
  /** Peak resident set since the process started or since `resetPeakMemory`. */
  peakRssBytes: number;
}

export function memory(pid: number): MemorySample {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (name: string) =>
    Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0) * 1024;
  return { rssBytes: kb("VmRSS"), peakRssBytes: kb("VmHWM") };
}

/** Resets VmHWM to the current RSS (proc(5), clear_refs "5"). */
export function resetPeakMemory(pid: number): void {
  writeFileSync(`/proc/${pid}/clear_refs`, "5");
}

export function descendants(pid: number): number[] {
  const byParent = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const parent = Number(statFields(Number(entry))[1]);
      byParent.set(parent, [...(byParent.get(parent) ?? []), Number(entry)]);
    } catch {
      // the process exited while we looked
    }
  }
  const found: number[] = [];
  const visit = (id: number) => {
    for (const child of byParent.get(id) ?? []) {
      found.push(child);
      visit(child);
    }
  };
  visit(pid);
  return found;
}

export function commandLine(pid: number): string[] {
  return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
}

/** The workerd under a `wrangler dev` that runs the user's Worker (not wrangler's proxy Worker). */
export function workerWorkerd(wranglerPid: number): number {
  const workerds = descendants(wranglerPid).filter((pid) => {
    const args = commandLine(pid);
    return args[0]?.endsWith("/workerd") && args.some((arg) => arg.startsWith("--inspector-addr"));
  });
  if (workerds.length !== 1) throw new Error(`expected one Worker workerd, found ${workerds.length}`);
  return workerds[0] as number;
}

/** Loopback TCP ports the process listens on. */
export function listeningPorts(pid: number): number[] {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (match?.[1]) inodes.add(match[1]);
    } catch {
      // closed meanwhile
    }
  }
  const ports: number[] = [];
  for (const line of readFileSync("/proc/net/tcp", "utf8").split("\n").slice(1)) {
    const columns = line.trim().split(/\s+/);
    const [local, , state] = [columns[1], columns[2], columns[3]];
    // State 0A is LISTEN; column 10 is the socket's inode.
    if (state === "0A" && local && inodes.has(columns[9] ?? "")) {
      ports.push(Number.parseInt(local.split(":")[1] ?? "0", 16));
    }
  }
  return ports;
}

/** The port on which the Worker's own workerd answers `GET /healthz` like the gateway. */
export async function workerEntryUrl(workerdPid: number): Promise<string> {
  for (const port of listeningPorts(workerdPid)) {
    const url = `http://127.0.0.1:${port}`;
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) });
      const body = (await response.json()) as { status?: string };
      if (response.ok && body.status === "ok") return url;
    } catch {
      // the inspector or the debug port
    }
  }
  throw new Error(`no gateway entry among the ports of workerd ${workerdPid}`);
}

function statFields(pid: number): string[] {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // The command name (field 2) is in parentheses and may hold spaces: split after its closing one.
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
}
