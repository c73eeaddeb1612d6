/**
 * Session tokens the background mints with the agent key (POST /v1/sessions), kept in memory only and
 * reused until shortly before they expire: one per capture flow (retakes share its attempts) and one for
 * look-ups. A service worker restart simply mints again.
 */
import type { CreateSessionResponse } from "../../shared/rest/api";

/** A token this close to its expiry could lapse during a 90-second upload. */
export const EXPIRY_MARGIN_MS = 2 * 60 * 1000;
const MAX_CACHED = 20;

export class SessionTokens {
  private readonly cache = new Map<string, { token: string; expiresAtMs: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async get(key: string, mint: () => Promise<CreateSessionResponse>): Promise<string> {
    const cached = this.cache.get(key);
    if (cached && cached.expiresAtMs - EXPIRY_MARGIN_MS > this.now()) return cached.token;
    const minted = await mint();
    const expiresAtMs = Date.parse(minted.expiresAt);
    this.cache.delete(key);
    this.cache.set(key, {
      token: minted.sessionToken,
      expiresAtMs: Number.isFinite(expiresAtMs) ? expiresAtMs : 0,
    });
    for (const oldest of this.cache.keys()) {
      if (this.cache.size <= MAX_CACHED) break;
      this.cache.delete(oldest);
    }
    return minted.sessionToken;
  }

  forget(key: string): void {
    this.cache.delete(key);
  }
}
