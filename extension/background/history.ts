/**
 * The agent's recent verifications, on this device only (storage.local, never synced): at most 50, none older
 * than 24 hours, a small best-frame thumbnail and no video. Pure over an injected storage area and clock, so
 * its rules are tested without a browser.
 */
import { describeCompareResult } from "../../shared/faceid/result-codes";
import type { VerificationRecord } from "../messaging/protocol";

export const HISTORY_LIMIT = 50;
export const HISTORY_TTL_MS = 24 * 60 * 60 * 1000;
export const HISTORY_STORAGE_KEY = "history";
/** A thumbnail larger than this is dropped rather than stored: the list must stay light. */
export const MAX_THUMBNAIL_CHARS = 48 * 1024;

export interface HistoryStorage {
  read(): Promise<unknown>;
  write(records: VerificationRecord[]): Promise<void>;
}

export class VerificationHistory {
  /** Serialises read-modify-write cycles: two verdicts arriving together must not lose one. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly storage: HistoryStorage,
    private readonly now: () => number = Date.now,
  ) {}

  /** Newest first, expired entries removed. */
  list(): Promise<VerificationRecord[]> {
    return this.serialised(async () => {
      const stored = parseRecords(await this.storage.read());
      const fresh = this.fresh(stored);
      if (fresh.length !== stored.length) await this.storage.write(fresh);
      return fresh;
    });
  }

  add(record: VerificationRecord): Promise<void> {
    return this.serialised(async () => {
      const entry =
        record.thumbnail && record.thumbnail.length > MAX_THUMBNAIL_CHARS
          ? { ...record, thumbnail: null }
          : record;
      const records = this.fresh([
        entry,
        ...parseRecords(await this.storage.read()).filter((r) => r.id !== record.id),
      ]);
      await this.storage.write(records);
    });
  }

  /** Drops what has expired; run on start-up and on a timer, so nothing outlives 24 hours on disk. */
  prune(): Promise<void> {
    return this.list().then(() => undefined);
  }

  clear(): Promise<void> {
    return this.serialised(() => this.storage.write([]));
  }

  private fresh(records: VerificationRecord[]): VerificationRecord[] {
    const oldest = this.now() - HISTORY_TTL_MS;
    return records
      .filter((record) => record.at > oldest && record.at <= this.now() + 60_000)
      .sort((a, b) => b.at - a.at)
      .slice(0, HISTORY_LIMIT);
  }

  private serialised<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

/**
 * The entry for a verdict a content script reported (`VerdictReport`): the origin and the time are the
 * background's own (the browser's sender fields, its clock) and the description comes from the catalogue,
 * never from the message. Null when the report is malformed.
 */
export function verificationRecordFrom(
  report: unknown,
  origin: string,
  at: number,
): VerificationRecord | null {
  if (typeof report !== "object" || report === null) return null;
  const r = report as Record<string, unknown>;
  const record = {
    id: typeof r.requestId === "string" && r.requestId !== "" ? r.requestId : crypto.randomUUID(),
    at,
    origin,
    source: r.source,
    livenessType: r.livenessType,
    actions: r.actions,
    passed: r.passed,
    result: r.result,
    description: typeof r.result === "string" ? describeCompareResult(r.result).description : "",
    similarity: r.similarity,
    tencentRequestId: r.tencentRequestId,
    requestId: r.requestId,
    thumbnail: r.thumbnail,
  };
  return isRecord(record) ? record : null;
}

/** Storage may hold anything (an older version, a damaged write): keep only well-formed records. */
export function parseRecords(stored: unknown): VerificationRecord[] {
  return Array.isArray(stored) ? stored.filter(isRecord) : [];
}

function isRecord(value: unknown): value is VerificationRecord {
  if (typeof value !== "object" || value === null) return false;
  const r = value as Record<string, unknown>;
  return (
    typeof r.id === "string" &&
    typeof r.at === "number" &&
    typeof r.origin === "string" &&
    (r.source === "page" || r.source === "agent") &&
    (r.livenessType === "ACTION" || r.livenessType === "SILENT") &&
    Array.isArray(r.actions) &&
    r.actions.every((action) => typeof action === "string") &&
    typeof r.passed === "boolean" &&
    typeof r.result === "string" &&
    typeof r.description === "string" &&
    (r.similarity === null || typeof r.similarity === "number") &&
    typeof r.tencentRequestId === "string" &&
    typeof r.requestId === "string" &&
    (r.thumbnail === null || (typeof r.thumbnail === "string" && r.thumbnail.startsWith("data:image/")))
  );
}
