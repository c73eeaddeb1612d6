/**
 * What the benchmark reads about processes from /proc (Linux): CPU time, resident memory and its peak, and
 * which processes descend from which (to find the workerd a Miniflare started).
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";

const SCHEDSTAT = existsSync("/proc/self/schedstat");
const CLOCK_TICKS = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;

/**
 * CPU time of the process's threads, in ms: from the scheduler's nanosecond count per thread
 * (/proc/<pid>/task/<tid>/schedstat) where the kernel keeps one, else user + system time from
 * /proc/<pid>/stat in clock ticks (10 ms, too coarse for a few requests). The processes measured keep their
 * threads for their whole life, so differences between two readings are exact.
 */
export function cpuTimeMs(pid: number): number {
  if (SCHEDSTAT) {
    let nanoseconds = 0;
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      try {
        nanoseconds += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, "utf8").split(" ")[0]);
      } catch {
        // the thread ended while we read
      }
    }
    return nanoseconds / 1e6;
  }
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

function statFields(pid: number): string[] {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // The command name (field 2) is in parentheses and may hold spaces: split after its closing one.
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
}
