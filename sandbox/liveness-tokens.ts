/**
 * SdkTokens of the hosted liveness flow (ApplyLivenessToken → the person's flow → GetLivenessResult), kept in
 * the SANDBOX_STATE KV. Times follow tencent-faceid.md §4: the flow runs for 10 minutes after the token is
 * minted; results are readable for 2 hours. Every time is the injected clock's and is compared with the
 * stored timestamps: KV's own expiry (60 s minimum, real time) is only there to clean up.
 */
import { SDK_TOKEN_FLOW_SECONDS, SDK_TOKEN_RESULT_SECONDS } from "../shared/faceid/limits";
import type { SecureLevel } from "../shared/faceid/types";

interface TokenRecord {
  secureLevel: SecureLevel;
  /** Milliseconds, injected clock. */
  issuedAt: number;
  completion?: { result: string; at: number };
}

/** Where a token stands now. */
export type TokenState =
  | { state: "unknown" } // never minted, or malformed
  | { state: "results-expired" } // more than 2 hours old
  | { state: "in-flow" } // the person has not finished yet (-999)
  | { state: "flow-expired" } // not finished within 10 minutes (15)
  | { state: "completed"; result: string };

/** "recorded" when this call finished the flow; otherwise the state that prevented it. */
export type Completion = "recorded" | Exclude<TokenState["state"], "in-flow">;

const KEY_PREFIX = "liveness-token/";
/** Tokens are UUIDs; case is not significant. */
const TOKEN_FORM = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class LivenessTokenStore {
  readonly #kv: KVNamespace;
  readonly #clock: () => number;

  constructor(kv: KVNamespace, clock: () => number) {
    this.#kv = kv;
    this.#clock = clock;
  }

  async mint(secureLevel: SecureLevel): Promise<string> {
    const token = crypto.randomUUID();
    await this.#write(token, { secureLevel, issuedAt: this.#clock() });
    return token;
  }

  async state(token: string): Promise<TokenState> {
    return stateOf(await this.#read(token), this.#clock());
  }

  /** Records the end of the person's flow with a GetLivenessResult code, if the flow is still open. */
  async complete(token: string, result: string): Promise<Completion> {
    const record = await this.#read(token);
    const current = stateOf(record, this.#clock());
    if (current.state !== "in-flow") return current.state;
    // "in-flow" is only ever the state of a stored record.
    await this.#write(token, { ...(record as TokenRecord), completion: { result, at: this.#clock() } });
    return "recorded";
  }

  async #read(token: string): Promise<TokenRecord | undefined> {
    if (!TOKEN_FORM.test(token)) return undefined;
    return (await this.#kv.get<TokenRecord>(KEY_PREFIX + token.toLowerCase(), "json")) ?? undefined;
  }

  async #write(token: string, record: TokenRecord): Promise<void> {
    // Real-time clean-up a little after the results window; the injected clock decides expiry.
    await this.#kv.put(KEY_PREFIX + token.toLowerCase(), JSON.stringify(record), {
      expirationTtl: SDK_TOKEN_RESULT_SECONDS + 60,
    });
  }
}

function stateOf(record: TokenRecord | undefined, now: number): TokenState {
  if (record === undefined) return { state: "unknown" };
  const age = now - record.issuedAt;
  if (age > SDK_TOKEN_RESULT_SECONDS * 1000) return { state: "results-expired" };
  if (record.completion) return { state: "completed", result: record.completion.result };
  if (age > SDK_TOKEN_FLOW_SECONDS * 1000) return { state: "flow-expired" };
  return { state: "in-flow" };
}
