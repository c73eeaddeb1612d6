/**
 * Hosted web verification flows, kept in the SANDBOX_STATE KV under their BizToken: what was asked for, what the
 * person has done on the page, and how the flow ended; the media the result hands back (the reference image,
 * the document photo, the last liveness video) under keys of their own. Times are the injected clock's and are
 * compared with stored timestamps (tencentcloud.com/document/api/1061/56227 and /56226): the page runs for 10
 * minutes after the BizToken is issued, and the result is readable for 3 days. KV's own expiry (real time) only
 * cleans up.
 */
import type { WebVerificationConfig } from "./config";

export const FLOW_SECONDS = 10 * 60;
export const RESULT_SECONDS = 3 * 24 * 60 * 60;

export interface FlowRecord {
  /** Milliseconds, injected clock. */
  issuedAt: number;
  redirectUrl: string;
  extra: string | null;
  config: WebVerificationConfig;
  hasCompareImage: boolean;
  /** The code CompareImageBase64's outcome marker asks for. */
  marker: number | null;
  /** When the page was first served. */
  openedAt: number | null;
  /** When the person started the steps (the page's Start, or the first upload). */
  startedAt: number | null;
  document: DocumentStep | null;
  attempts: LivenessAttempt[];
  completion: { at: number; errorCode: number } | null;
}

export interface DocumentStep {
  at: number;
  imageType: "jpeg" | "png";
  errorCode: number;
}

/** One liveness attempt: one VerificationDetail. */
export interface LivenessAttempt {
  at: number;
  seq: string;
  errorCode: number;
  livenessErrorCode: number | null;
  compareErrorCode: number | null;
  similarity: number | null;
}

/**
 * Where a flow stands: `issued` (the page not opened yet), `opened` (served, nothing started), `in-progress`
 * (started or a step uploaded), `completed`, `expired` (10 minutes passed without completion).
 */
export type FlowStatus = "issued" | "opened" | "in-progress" | "completed" | "expired";

export type FlowState =
  | { status: "unknown" } // never issued, or not a BizToken
  | { status: "results-expired" } // issued more than 3 days ago
  | { status: FlowStatus; record: FlowRecord };

export type FlowMedia = "compare-image" | "document" | "video";

const KEY_PREFIX = "web-verification/";
/** BizTokens are UUIDs; case is not significant. */
const TOKEN_FORM = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class WebVerificationStore {
  readonly #kv: KVNamespace;
  readonly #clock: () => number;

  constructor(kv: KVNamespace, clock: () => number) {
    this.#kv = kv;
    this.#clock = clock;
  }

  now(): number {
    return this.#clock();
  }

  /** Stores a new flow; resolves with its BizToken. */
  async create(record: FlowRecord, compareImage: Uint8Array | undefined): Promise<string> {
    const token = crypto.randomUUID();
    if (compareImage !== undefined) await this.putMedia(token, "compare-image", compareImage);
    await this.save(token, record);
    return token;
  }

  async state(token: string): Promise<FlowState> {
    if (!TOKEN_FORM.test(token)) return { status: "unknown" };
    const record = await this.#kv.get<FlowRecord>(key(token), "json");
    return record === null ? { status: "unknown" } : stateOf(record, this.#clock());
  }

  async save(token: string, record: FlowRecord): Promise<void> {
    await this.#kv.put(key(token), JSON.stringify(record), { expirationTtl: RESULT_SECONDS + 60 });
  }

  async putMedia(token: string, media: FlowMedia, bytes: Uint8Array): Promise<void> {
    await this.#kv.put(`${key(token)}/${media}`, bytes, { expirationTtl: RESULT_SECONDS + 60 });
  }

  async media(token: string, media: FlowMedia): Promise<Uint8Array | undefined> {
    const buffer = await this.#kv.get(`${key(token)}/${media}`, "arrayBuffer");
    return buffer === null ? undefined : new Uint8Array(buffer);
  }
}

export function stateOf(record: FlowRecord, now: number): FlowState {
  const age = now - record.issuedAt;
  if (age > RESULT_SECONDS * 1000) return { status: "results-expired" };
  if (record.completion) return { status: "completed", record };
  if (age > FLOW_SECONDS * 1000) return { status: "expired", record };
  if (record.startedAt !== null) return { status: "in-progress", record };
  return { status: record.openedAt !== null ? "opened" : "issued", record };
}

function key(token: string): string {
  return KEY_PREFIX + token.toLowerCase();
}
