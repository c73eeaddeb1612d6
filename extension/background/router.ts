/**
 * Routes one-shot requests to their handlers after checking the sender: a request is answered only from the
 * kind of context declared for it in `REQUEST_SENDERS`, and a content script only on an enabled partner site
 * (except its hello, which is how it learns it is not). Messages that are not ours get no answer at all.
 */

import type { Runtime } from "webextension-polyfill";
import { ExtensionError, replyError, replyOk } from "../messaging/errors";
import { isBackgroundRequestKind, isEnvelope, REQUEST_SENDERS, type Reply } from "../messaging/protocol";
import { t } from "../ui/i18n";
import type { RequestHandlers } from "./requests";
import type { ClassifiedSender } from "./sender";

export function createMessageRouter(
  handlers: RequestHandlers,
  classify: (sender: Runtime.MessageSender) => Promise<ClassifiedSender>,
): (message: unknown, sender: Runtime.MessageSender) => Promise<Reply<unknown>> | undefined {
  return (message, rawSender) => {
    if (!isEnvelope(message) || !isBackgroundRequestKind(message.kind)) return undefined;
    const kind = message.kind;
    return (async () => {
      try {
        const sender = await classify(rawSender);
        const allowed =
          sender.kind === REQUEST_SENDERS[kind] &&
          (sender.kind !== "content" || sender.enabled || kind === "page.hello");
        if (!allowed) throw new ExtensionError("forbidden", t("error_context_not_allowed"));
        const handler = handlers[kind] as (payload: unknown, sender: ClassifiedSender) => Promise<unknown>;
        return replyOk(await handler(message.payload ?? {}, sender));
      } catch (error) {
        return replyError(error);
      }
    })();
  };
}
