/**
 * WEBHOOK_RETRY_SCHEDULE: the delays before each retry of a refused delivery, comma-separated, each a whole
 * number with a unit (`30s`, `2m`, `1h`). The default retries six times over about 20 hours, in the spirit of
 * the Standard Webhooks specification's exponential backoff. A Cloudflare Queue delays a retry by at most
 * 12 hours, and a consumer retries a message at most 100 times.
 */
export const DEFAULT_RETRY_SCHEDULE = "30s,2m,10m,1h,6h,12h";
const MAX_DELAY_SECONDS = 12 * 3600;
const MAX_RETRIES = 100;
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600 };

/** The delays in seconds, or a problem that names the variable (never fatal: the caller falls back). */
export function parseRetrySchedule(text: string): { delays: number[] } | { problem: string } {
  const parts = text.split(",").map((part) => part.trim());
  const delays: number[] = [];
  for (const part of parts) {
    const match = /^(\d{1,6})([smh])$/.exec(part);
    const delay = match ? Number(match[1]) * (UNIT_SECONDS[match[2] ?? "s"] ?? 1) : Number.NaN;
    if (!(delay >= 0 && delay <= MAX_DELAY_SECONDS)) {
      return { problem: `WEBHOOK_RETRY_SCHEDULE: "${part}" is not a delay from 0s to 12h` };
    }
    delays.push(delay);
  }
  if (delays.length > MAX_RETRIES)
    return { problem: `WEBHOOK_RETRY_SCHEDULE: more than ${MAX_RETRIES} retries` };
  return { delays };
}
