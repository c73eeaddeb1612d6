// Waiting on processes and servers from Node tests (the local stack, npm start): bounded polls, never sleeps
// of a fixed length.

/** Polls `check` every 200 ms until it holds; after `timeoutMs`, fails with `context()` (e.g. the output seen). */
export async function waitFor(
  what: string,
  check: () => boolean | Promise<boolean>,
  options: { timeoutMs: number; context?: () => string },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) {
      throw new Error(`${what}: not within ${options.timeoutMs} ms\n${options.context?.() ?? ""}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Whether anything answers HTTP at `url` within 2 s. */
export async function answers(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(2_000) });
    return true;
  } catch {
    return false;
  }
}
