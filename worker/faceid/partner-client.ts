/**
 * FaceID on behalf of one partner: the same calls as FaceIdClient, held to tenancy. A call that reads by a
 * handle (SdkToken, BizToken, resource URL) goes out only if the partner obtained that handle, and goes out
 * re-serialised from what was checked: a duplicate key or an escape that Tencent might read differently
 * cannot carry another handle past the check. A handle an answer carries is recorded as the partner's before
 * the answer reaches anyone. Both dialects reach FaceID only through this, so no path can skip it.
 */
import type { FaceIdAction } from "../../shared/faceid/actions";
import { HANDLE_READERS } from "../../shared/faceid/handles";
import type { HandleLedger } from "../handles/ledger";
import { parseJsonObject } from "../http/json-body";
import { ChunkedBody } from "./chunked-body";
import type { FaceIdClient, OutgoingBody, SendOptions, UpstreamAnswer } from "./client";

export class PartnerFaceIdClient {
  readonly #client: FaceIdClient;
  readonly #ledger: HandleLedger;
  readonly #partnerId: string;
  readonly #admit: NonNullable<SendOptions["admit"]>;

  /** `admit`: a sending slot under Tencent's quota, spent for this partner (quota/reserve.ts). */
  constructor(
    client: FaceIdClient,
    ledger: HandleLedger,
    partnerId: string,
    admit: NonNullable<SendOptions["admit"]>,
  ) {
    this.#client = client;
    this.#ledger = ledger;
    this.#partnerId = partnerId;
    this.#admit = admit;
  }

  async send(
    action: FaceIdAction,
    body: OutgoingBody,
    sendOptions: SendOptions = {},
  ): Promise<UpstreamAnswer> {
    const options = { ...sendOptions, admit: this.#admit };
    let answer: UpstreamAnswer;
    if (HANDLE_READERS[action]) {
      // Only CompareFaceLiveness's multipart upload is chunked, and it reads no handle.
      if (body instanceof ChunkedBody)
        throw new Error(`${action} reads handles: its body must be held whole`);
      // Most reading calls are small. LivenessCompare and the ID card OCR checks may carry base64 media beside
      // their URLs (at most the 10 MB body): parsed and re-serialised all the same, as a tenancy check must be.
      const parameters = parseJsonObject(typeof body === "string" ? new TextEncoder().encode(body) : body);
      await this.#ledger.checkReads(action, parameters, this.#partnerId);
      const { bodyHash: _, ...rest } = options;
      answer = await this.#client.send(action, JSON.stringify(parameters), rest);
    } else {
      answer = await this.#client.send(action, body, options);
    }
    if (!answer.error) await this.#ledger.recordIssued(action, answer.response, this.#partnerId);
    return answer;
  }
}
