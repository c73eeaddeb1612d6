/**
 * The extension's one error type: a public code (what the page or the agent is told) and a short message.
 * Everything that fails inside the extension ends up as an `ExtensionError`, and crosses contexts as a
 * `WireError` inside a `Reply`.
 */

import type { CaptureErrorCode } from "../../shared/page-protocol";
import { t } from "../ui/i18n";
import type { Reply, WireError } from "./protocol";

export class ExtensionError extends Error {
  override readonly name = "ExtensionError";

  constructor(
    readonly code: CaptureErrorCode,
    message: string,
    readonly requestId?: string,
  ) {
    super(message);
  }

  toWire(): WireError {
    return this.requestId
      ? { code: this.code, message: this.message, requestId: this.requestId }
      : { code: this.code, message: this.message };
  }

  static fromWire(error: WireError): ExtensionError {
    return new ExtensionError(error.code, error.message, error.requestId);
  }
}

/** Any thrown value as a wire error: unexpected ones become `internal_error` without their details. */
export function toWireError(error: unknown): WireError {
  if (error instanceof ExtensionError) return error.toWire();
  return { code: "internal_error", message: t("error_internal") };
}

export function replyOk<T>(value: T): Reply<T> {
  return { ok: true, value };
}

export function replyError(error: unknown): Reply<never> {
  return { ok: false, error: toWireError(error) };
}

/** Opens a reply: the value, or the error it carries thrown as an `ExtensionError`. */
export function unwrapReply<T>(reply: unknown): T {
  if (typeof reply !== "object" || reply === null || typeof (reply as Reply<T>).ok !== "boolean") {
    // No listener answered: the background was not ready, or the receiver is gone.
    throw new ExtensionError("internal_error", t("error_no_answer"));
  }
  const typed = reply as Reply<T>;
  if (typed.ok) return typed.value;
  throw ExtensionError.fromWire(typed.error);
}
