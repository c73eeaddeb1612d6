/**
 * One Durable Object per capture session: it counts the session's verification attempts and holds its
 * revocation, atomically for the whole edge (a Durable Object runs one request at a time), so a used-up or
 * revoked token is refused everywhere at once; and it keeps the session's record (session-record.ts) for its
 * partner's backend to look up, and tells the partner's webhook what happens to it (webhooks/capture-events.ts).
 * It forgets everything when the record's retention ends.
 */
import { DurableObject } from "cloudflare:workers";
import { attemptEvents, endEvents, type SessionMoment } from "../webhooks/capture-events";
import type { WebhookMessage } from "../webhooks/delivery-log";
import { type PendingEvent, sendWebhookMessages, stampWebhookEvents } from "../webhooks/publisher";
import { type AttemptRecord, type SessionOpening, type SessionView, sessionStatus } from "./session-record";

/**
 * A hosted verification started with the session (POST /v1/web-verifications): the attempt as it was asked
 * for, whether the person opened it through the hand-off link, and whether its verdict is in the record yet.
 */
export interface WebFlow {
  bizToken: string;
  attempt: Omit<AttemptRecord, "result" | "passed" | "similarity" | "tencentRequestId">;
  opened: boolean;
  recorded: boolean;
}

export type AttemptOutcome =
  | { ok: true; attemptsUsed: number }
  | { ok: false; reason: "exhausted" | "revoked" | "expired" };

interface SessionState {
  attemptsUsed: number;
  revoked: boolean;
  /** capture.completed has been queued (once per session). */
  completed?: boolean;
}

/**
 * Webhook events the queue (or the delivery log) refused, kept until a retry gets them through. They are
 * stamped, so a retry sends the same `webhook-id`s.
 */
interface Outbox {
  messages: WebhookMessage[];
  /** Failed sends so far. */
  tries: number;
  /** Unix milliseconds: when the alarm tries again. */
  retryAt: number;
}

/** 10 s after the first failure, doubling, at most an hour apart, until the record is forgotten. */
export function outboxRetryDelay(tries: number): number {
  return Math.min(10_000 * 2 ** Math.max(0, tries - 1), 3_600_000);
}

/** The Durable Object of the session `sessionId` (SessionClaims' `sid`). */
export function captureSessionOf(env: Env, sessionId: string): DurableObjectStub<CaptureSession> {
  return env.CAPTURE_SESSIONS.get(env.CAPTURE_SESSIONS.idFromName(sessionId));
}

/** A session minted before records existed has no opening: it is forgotten a minute after it expires. */
const FORGET_WITHOUT_RECORD_MS = 60_000;

export class CaptureSession extends DurableObject<Env> {
  /** Records who opened the session and for what, when it is minted. */
  async open(opening: SessionOpening): Promise<void> {
    await this.ctx.storage.put("opening", opening);
    // First at its expiry (a session that ends unused is completed then), then at the end of its retention.
    await this.ctx.storage.setAlarm(opening.expiresAt * 1000);
  }

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
    const moment = await this.#moment(Date.now());
    if (moment) await this.#publish(moment, endEvents(moment));
  }

  /**
   * Adds one verification's outcome to the record and queues its webhook events, with the verdict token its
   * answer carried (null when there was no verdict). Called after the answer has gone.
   */
  async recordAttempt(attempt: AttemptRecord, verdictToken: string | null = null): Promise<void> {
    if ((await this.ctx.storage.get<SessionOpening>("opening")) === undefined) return;
    const attempts = (await this.ctx.storage.get<AttemptRecord[]>("attempts")) ?? [];
    await this.ctx.storage.put("attempts", [...attempts, attempt]);
    const moment = await this.#moment(Date.now());
    if (moment) await this.#publish(moment, attemptEvents(moment, verdictToken));
  }

  /** Remembers a hosted verification the session started: only this session reads its result. */
  async openWebFlow(bizToken: string, attempt: WebFlow["attempt"]): Promise<void> {
    await this.ctx.storage.put(`web:${bizToken}`, { bizToken, attempt, opened: false, recorded: false });
  }

  /** The session's hosted verification with this BizToken; undefined when it is not this session's. */
  async webFlow(bizToken: string): Promise<WebFlow | undefined> {
    return this.ctx.storage.get<WebFlow>(`web:${bizToken}`);
  }

  /** The person opened the verification through the hand-off link. */
  async markWebFlowOpened(bizToken: string): Promise<void> {
    const flow = await this.webFlow(bizToken);
    if (flow && !flow.opened) await this.ctx.storage.put(`web:${bizToken}`, { ...flow, opened: true });
  }

  /**
   * Records a hosted verification's verdict once, the first time it is read, with the token that answer
   * carried; later reads change nothing.
   */
  async recordWebVerdict(
    bizToken: string,
    outcome: Pick<AttemptRecord, "result" | "passed" | "similarity" | "tencentRequestId">,
    verdictToken: string,
  ): Promise<void> {
    const flow = await this.webFlow(bizToken);
    if (!flow || flow.recorded) return;
    await this.ctx.storage.put(`web:${bizToken}`, { ...flow, recorded: true });
    await this.recordAttempt({ ...flow.attempt, ...outcome }, verdictToken);
  }

  /**
   * The session as its partner sees it at `now`; undefined when there is no record or it is another
   * partner's, which the caller answers alike: not found.
   */
  async describe(sessionId: string, partnerId: string, now: number): Promise<SessionView | undefined> {
    const opening = await this.ctx.storage.get<SessionOpening>("opening");
    if (opening === undefined || opening.partnerId !== partnerId) return undefined;
    const state = await this.#state();
    // Records made before the hosted flow existed are all uploads; before the face checks, none overrode them.
    const attempts = ((await this.ctx.storage.get<AttemptRecord[]>("attempts")) ?? []).map((attempt) => ({
      ...attempt,
      flow: attempt.flow ?? "compare",
      checksOverridden: attempt.checksOverridden ?? false,
    }));
    return {
      sessionId,
      externalId: opening.externalId,
      status: sessionStatus({ ...state, attempts }, opening, now),
      attemptsUsed: state.attemptsUsed,
      maxAttempts: opening.maxAttempts,
      attempts,
      expiresAt: opening.expiresAt,
    };
  }

  /**
   * First at the session's expiry, then at the end of its record's retention; earlier while webhook events wait
   * in the outbox for a retry.
   */
  override async alarm(): Promise<void> {
    const opening = await this.ctx.storage.get<SessionOpening>("opening");
    if (opening === undefined) {
      await this.ctx.storage.deleteAll();
      return;
    }
    if ((await this.ctx.storage.get<Outbox>("outbox")) !== undefined) {
      await this.#send(opening, []);
      // The alarm came for the retry: the session's own step waits for its time.
      if (Date.now() < (await this.#nextStepAt(opening))) {
        await this.#scheduleAlarm(opening);
        return;
      }
    }
    if (!(await this.ctx.storage.get<boolean>("expiryPassed"))) {
      // A session that ended unused (neither passed, failed nor revoked) is completed now, as expired.
      await this.ctx.storage.put("expiryPassed", true);
      const moment = await this.#moment(Date.now());
      if (moment) await this.#publish(moment, endEvents(moment));
      await this.#scheduleAlarm(opening);
      return;
    }
    await this.ctx.storage.deleteAll();
  }

  /** The session's own next step: its expiry until that has passed, then the end of its record's retention. */
  async #nextStepAt(opening: SessionOpening): Promise<number> {
    return (await this.ctx.storage.get<boolean>("expiryPassed"))
      ? opening.forgetAt
      : opening.expiresAt * 1000;
  }

  /** The alarm for the next step or the outbox's retry, whichever is first. */
  async #scheduleAlarm(opening: SessionOpening): Promise<void> {
    const retryAt = (await this.ctx.storage.get<Outbox>("outbox"))?.retryAt ?? Number.POSITIVE_INFINITY;
    await this.ctx.storage.setAlarm(Math.min(await this.#nextStepAt(opening), retryAt));
  }

  /** The session as webhook events see it at `now`; undefined for a session minted before records existed. */
  async #moment(now: number): Promise<SessionMoment | undefined> {
    const opening = await this.ctx.storage.get<SessionOpening>("opening");
    if (opening?.sessionId === undefined) return undefined;
    const state = await this.#state();
    const attempts = (await this.ctx.storage.get<AttemptRecord[]>("attempts")) ?? [];
    return {
      opening,
      attempts,
      status: sessionStatus({ ...state, attempts }, opening, now),
      completedBefore: state.completed === true,
    };
  }

  /**
   * Queues the events (none without a partner endpoint). capture.completed is marked sent before it is
   * queued, so two moments never both send it. Events the queue or the delivery log refuse wait in the outbox,
   * and the alarm sends them again, with the same `webhook-id`s, until they get through.
   */
  async #publish(moment: SessionMoment, events: PendingEvent[]): Promise<void> {
    if (events.some((event) => event.type === "capture.completed")) {
      await this.ctx.storage.put("state", { ...(await this.#state()), completed: true });
    }
    await this.#send(moment.opening, stampWebhookEvents(moment.opening.partnerId, events, new Date()));
  }

  /** Sends `fresh` with whatever the outbox holds; a failure is logged (never its payload) and kept for later. */
  async #send(opening: SessionOpening, fresh: WebhookMessage[]): Promise<void> {
    const messages = [...((await this.ctx.storage.get<Outbox>("outbox"))?.messages ?? []), ...fresh];
    if (messages.length === 0) return;
    try {
      await sendWebhookMessages(this.env, opening.partnerId, messages);
    } catch (error) {
      console.error(
        JSON.stringify({
          error: "webhook events not queued; kept for a retry",
          partnerId: opening.partnerId,
          events: messages.map((message) => message.type),
          name: error instanceof Error ? error.name : typeof error,
        }),
      );
      // Read again: another send may have changed the outbox while this one waited.
      const held = await this.ctx.storage.get<Outbox>("outbox");
      const known = new Set(held?.messages.map((message) => message.webhookId));
      const tries = (held?.tries ?? 0) + 1;
      await this.ctx.storage.put("outbox", {
        messages: [...(held?.messages ?? []), ...messages.filter((message) => !known.has(message.webhookId))],
        tries,
        retryAt: Date.now() + outboxRetryDelay(tries),
      } satisfies Outbox);
      await this.#scheduleAlarm(opening);
      return;
    }
    const held = await this.ctx.storage.get<Outbox>("outbox");
    if (held === undefined) return;
    const sent = new Set(messages.map((message) => message.webhookId));
    const left = held.messages.filter((message) => !sent.has(message.webhookId));
    if (left.length === 0) await this.ctx.storage.delete("outbox");
    else await this.ctx.storage.put("outbox", { ...held, messages: left });
  }

  async #state(): Promise<SessionState> {
    return (await this.ctx.storage.get<SessionState>("state")) ?? { attemptsUsed: 0, revoked: false };
  }

  /** Sessions with a record are forgotten when it says (set by `open`); others soon after they expire. */
  async #forgetAfter(expiresAtSeconds: number): Promise<void> {
    if ((await this.ctx.storage.getAlarm()) === null)
      await this.ctx.storage.setAlarm(expiresAtSeconds * 1000 + FORGET_WITHOUT_RECORD_MS);
  }
}
