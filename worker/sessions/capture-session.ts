/**
 * One Durable Object per capture session: it counts the session's verification attempts and holds its
 * revocation, atomically for the whole edge (a Durable Object runs one request at a time), so a used-up or
 * revoked token is refused everywhere at once; and it keeps the session's record (session-record.ts) for its
 * partner's backend to look up, and tells the partner's webhook what happens to it (webhooks/capture-events.ts).
 * It forgets everything when the record's retention ends.
 */
import { DurableObject } from "cloudflare:workers";
import { attemptEvents, endEvents, type SessionMoment } from "../webhooks/capture-events";
import { type PendingEvent, publishWebhookEvents } from "../webhooks/publisher";
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

  /** First at the session's expiry, then at the end of its record's retention. */
  override async alarm(): Promise<void> {
    const opening = await this.ctx.storage.get<SessionOpening>("opening");
    if (opening !== undefined && !(await this.ctx.storage.get<boolean>("expiryPassed"))) {
      // A session that ended unused (neither passed, failed nor revoked) is completed now, as expired.
      await this.ctx.storage.put("expiryPassed", true);
      const moment = await this.#moment(Date.now());
      if (moment) await this.#publish(moment, endEvents(moment));
      await this.ctx.storage.setAlarm(opening.forgetAt);
      return;
    }
    await this.ctx.storage.deleteAll();
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
   * queued: a failure to queue loses that event (the session's record still has it) rather than sending it
   * twice from two moments. A failure is logged, never thrown: the record stands either way.
   */
  async #publish(moment: SessionMoment, events: PendingEvent[]): Promise<void> {
    if (events.some((event) => event.type === "capture.completed")) {
      await this.ctx.storage.put("state", { ...(await this.#state()), completed: true });
    }
    try {
      await publishWebhookEvents(this.env, moment.opening.partnerId, events);
    } catch (error) {
      console.error(
        JSON.stringify({
          error: "webhook events not queued",
          partnerId: moment.opening.partnerId,
          events: events.map((event) => event.type),
          name: error instanceof Error ? error.name : typeof error,
        }),
      );
    }
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
