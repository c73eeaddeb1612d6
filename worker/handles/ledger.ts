/**
 * Who obtained each FaceID handle. Recorded the moment the handle comes back from Tencent, before the caller
 * sees it, and checked before any call that reads by a handle leaves, in both dialects alike: another
 * partner's handle gets exactly what an unknown one gets, and never reaches Tencent.
 */
import type { FaceIdAction } from "../../shared/faceid/actions";
import { HANDLE_READERS, type HandleForm, issuedHandle } from "../../shared/faceid/handles";
import { fail } from "../errors/failure";
import type { HandleOwner } from "./handle-owner";

export class HandleLedger {
  readonly #owners: DurableObjectNamespace<HandleOwner>;
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
    const recorded = await this.#owner(issued.issue.form, issued.handle).record(partnerId, expiresAt);
    // Tencent issues each handle once; a second owner would mean a handle reused across calls.
    if (!recorded) fail({ kind: "internal", detail: `${action} issued a handle already recorded` });
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
    for (const { field, form } of reader.handles) {
      const handle = parameters[field];
      if (handle === undefined && form === "resource-url") continue;
      if (handle === undefined) fail({ kind: "missing-parameter", parameter: field });
      if (typeof handle !== "string" || !handle)
        fail({ kind: "invalid-parameter", parameter: field, detail: "must be a non-empty string." });
      const owner = await this.#owner(form, handle).ownerAt(now);
      const allowed = form === "token" ? owner === partnerId : owner === undefined || owner === partnerId;
      if (!allowed) fail({ kind: "unknown-handle", parameter: field, form });
    }
  }

  #owner(form: HandleForm, handle: string) {
    return this.#owners.get(this.#owners.idFromName(`${form}:${handle}`));
  }
}
