/**
 * One Durable Object per session token: it counts the token's verification attempts and holds its
 * revocation, atomically for the whole edge (a Durable Object runs one request at a time), so a used-up or
 * revoked token is refused everywhere at once. It forgets itself after the token expires.
 */
import { DurableObject } from "cloudflare:workers";

export type AttemptOutcome =
  | { ok: true; attemptsUsed: number }
  | { ok: false; reason: "exhausted" | "revoked" | "expired" };

interface SessionState {
  attemptsUsed: number;
  revoked: boolean;
}

export class CaptureSession extends DurableObject<Env> {
  /** Uses one attempt if the session has one left at `now` (Unix milliseconds, the gateway's clock). */
  async consumeAttempt(maxAttempts: number, expiresAtSeconds: number, now: number): Promise<AttemptOutcome> {
    if (now >= expiresAtSeconds * 1000) return { ok: false, reason: "expired" };
    const state = await this.#state();
    if (state.revoked) return { ok: false, reason: "revoked" };
    if (state.attemptsUsed >= maxAttempts) return { ok: false, reason: "exhausted" };
    const next = { ...state, attemptsUsed: state.attemptsUsed + 1 };
    await this.ctx.storage.put("state", next);
    await this.#forgetAfter(expiresAtSeconds);
    return { ok: true, attemptsUsed: next.attemptsUsed };
  }

  /** Whether the session may still be used for calls that do not spend an attempt. */
  async check(): Promise<{ revoked: boolean; attemptsUsed: number }> {
    return this.#state();
  }

  async revoke(expiresAtSeconds: number): Promise<void> {
    await this.ctx.storage.put("state", { ...(await this.#state()), revoked: true });
    await this.#forgetAfter(expiresAtSeconds);
  }

  override async alarm(): Promise<void> {
    await this.ctx.storage.deleteAll();
  }

  async #state(): Promise<SessionState> {
    return (await this.ctx.storage.get<SessionState>("state")) ?? { attemptsUsed: 0, revoked: false };
  }

  async #forgetAfter(expiresAtSeconds: number): Promise<void> {
    if ((await this.ctx.storage.getAlarm()) === null)
      await this.ctx.storage.setAlarm(expiresAtSeconds * 1000 + 60_000);
  }
}
