/**
 * Who obtained each FaceID handle. Recorded the moment the handle comes back from Tencent, before the caller
 * sees it, and checked before any call that reads by a handle leaves, in both dialects alike: another
 * partner's handle gets exactly what an unknown one gets, and never reaches Tencent.
 */
import type { FaceIdAction } from "../../shared/faceid/actions";
import { HANDLE_READERS, type HandleForm, issuedHandle } from "../../shared/faceid/handles";
import { fail } from "../errors/failure";
import type { HandleOwner, OwnerRecord } from "./handle-owner";

/** How many owners a ledger holds; past it, the one seen longest ago goes first. */
const MEMO_ENTRIES = 10_000;

/** One per isolate (services.ts). */
export class HandleLedger {
  readonly #owners: DurableObjectNamespace<HandleOwner>;
  /**
   * Owners this isolate has seen, until their handle expires: an owner never changes, so a client polling its
   * result (the usual way to wait for a liveness flow) asks the handle's object once per isolate, not per read.
   * Only owners are held, never "unknown": a handle recorded in another isolate must be found at once.
   */
  readonly #seen = new Map<string, OwnerRecord>();
  readonly #clock: () => number;

  constructor(env: Env, clock: () => number) {
    this.#owners = env.HANDLE_OWNERS;
    this.#clock = clock;
  }

  /** Records the handle a successful answer of `action` carries, if any, as `partnerId`'s. */
  async recordIssued(action: FaceIdAction, response: Record<string, unknown>, partnerId: string) {
    const issued = issuedHandle(action, response);
    if (!issued) return;
    const expiresAt = this.#clock() + issued.issue.lifetimeSeconds * 1000;
    const name = nameOf(issued.issue.form, issued.handle);
    const recorded = await this.#object(name).record(partnerId, expiresAt);
    // Tencent issues each handle once; a second owner would mean a handle reused across calls.
    if (!recorded) fail({ kind: "internal", detail: `${action} issued a handle already recorded` });
    this.#remember(name, { partnerId, expiresAt });
  }

  /**
   * Refuses a call that reads by handles unless it names only the action's own parameters and every handle
   * it names is `partnerId`'s (an unrecorded resource URL is the partner's own storage: see HandleForm).
   */
  async checkReads(action: FaceIdAction, parameters: Record<string, unknown>, partnerId: string) {
    const reader = HANDLE_READERS[action];
    if (!reader) return;
    for (const name of Object.keys(parameters)) {
      if (!reader.parameters.includes(name)) fail({ kind: "unknown-parameter", parameter: name });
    }
    const now = this.#clock();
    for (const { field, form, unknownCode } of reader.handles) {
      const handle = parameters[field];
      if (handle === undefined && form === "resource-url") continue;
      if (handle === undefined) fail({ kind: "missing-parameter", parameter: field });
      if (typeof handle !== "string" || !handle)
        fail({ kind: "invalid-parameter", parameter: field, detail: "must be a non-empty string." });
      const owner = (await this.#ownerAt(nameOf(form, handle), now))?.partnerId;
      const allowed = form === "token" ? owner === partnerId : owner === undefined || owner === partnerId;
      if (!allowed)
        fail({ kind: "unknown-handle", parameter: field, form, ...(unknownCode ? { unknownCode } : {}) });
    }
  }

  async #ownerAt(name: string, now: number): Promise<OwnerRecord | undefined> {
    const seen = this.#seen.get(name);
    if (seen !== undefined && now < seen.expiresAt) return seen;
    const record = await this.#object(name).ownerAt(now);
    if (record) this.#remember(name, record);
    else this.#seen.delete(name);
    return record;
  }

  #remember(name: string, record: OwnerRecord): void {
    this.#seen.delete(name);
    this.#seen.set(name, record);
    for (const oldest of this.#seen.keys()) {
      if (this.#seen.size <= MEMO_ENTRIES) break;
      this.#seen.delete(oldest);
    }
  }

  #object(name: string) {
    return this.#owners.get(this.#owners.idFromName(name));
  }
}

/** The object of a handle: one per form and value, so a token and a URL never share one. */
function nameOf(form: HandleForm, handle: string): string {
  return `${form}:${handle}`;
}
