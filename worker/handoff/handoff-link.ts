/**
 * One Durable Object per hand-off code (handoff-code.ts): which session's hosted verification it opens, until
 * the BizToken's flow ends (10 minutes). A Durable Object, not KV: the phone may reach another location of the
 * edge a second after the agent's screen showed the code, and KV could miss it there for a minute.
 */
import { DurableObject } from "cloudflare:workers";

export interface HandoffTarget {
  sessionId: string;
  bizToken: string;
  verificationUrl: string;
  /** Unix milliseconds, the gateway's clock. */
  expiresAt: number;
}

export function handoffLinkOf(env: Env, code: string): DurableObjectStub<HandoffLink> {
  return env.HANDOFF_LINKS.get(env.HANDOFF_LINKS.idFromName(code));
}

export class HandoffLink extends DurableObject<Env> {
  /** Holds the target; false when the code is taken (the caller draws another). */
  async create(target: HandoffTarget): Promise<boolean> {
    if ((await this.ctx.storage.get("target")) !== undefined) return false;
    await this.ctx.storage.put("target", target);
    await this.ctx.storage.setAlarm(target.expiresAt);
    return true;
  }

  /** The target while the flow lives; undefined for an unknown or ended code. */
  async targetAt(now: number): Promise<HandoffTarget | undefined> {
    const target = await this.ctx.storage.get<HandoffTarget>("target");
    return target && now < target.expiresAt ? target : undefined;
  }

  override async alarm(): Promise<void> {
    await this.ctx.storage.deleteAll();
  }
}
