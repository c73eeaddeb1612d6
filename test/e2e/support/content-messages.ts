// Records, inside the content script's own isolated world, every message it exchanges with the background:
// the requests it sends, the replies it gets, and the requests the background sends it. The DevTools protocol
// lists the isolated world as an execution context of the page; the recorder wraps `chrome.runtime.sendMessage`
// there (every request of the extension's goes through it) and listens on `runtime.onMessage`.
import type { CDPSession, Page } from "playwright-core";

const EXTENSION_WORLD = "FaceID Edge";

export class ContentMessages {
  private constructor(
    private readonly cdp: CDPSession,
    private readonly contextId: number,
  ) {}

  /** Starts recording in the content script of `page`, which must already run there (it said ready). */
  static async record(page: Page): Promise<ContentMessages> {
    const cdp = await page.context().newCDPSession(page);
    const contexts: { id: number; name: string; auxData?: { type?: string; isDefault?: boolean } }[] = [];
    cdp.on("Runtime.executionContextCreated", ({ context }) => contexts.push(context));
    // Enabling reports every context that already exists.
    await cdp.send("Runtime.enable");
    const world = contexts.find(
      (context) => context.name === EXTENSION_WORLD && context.auxData?.type === "isolated",
    );
    if (!world) throw new Error(`no "${EXTENSION_WORLD}" isolated world on the page`);
    const recorder = new ContentMessages(cdp, world.id);
    await recorder.evaluate(`(() => {
      const log = (globalThis.__faceidContentMessages = []);
      // Chrome's own \`browser\` namespace (used by webextension-polyfill where it exists) may be \`chrome\`.
      const runtimes = new Set([globalThis.browser?.runtime, globalThis.chrome?.runtime].filter(Boolean));
      for (const runtime of runtimes) {
        const send = runtime.sendMessage.bind(runtime);
        runtime.sendMessage = (...args) => {
          const callback = typeof args.at(-1) === "function" ? args.pop() : undefined;
          log.push(JSON.stringify({ sent: args[0] }));
          const logReply = (reply) => {
            log.push(JSON.stringify({ reply }));
            return reply;
          };
          if (callback) return send(...args, (reply) => callback(logReply(reply)));
          return send(...args).then(logReply);
        };
        runtime.onMessage.addListener((message) => {
          log.push(JSON.stringify({ received: message }));
        });
      }
    })()`);
    return recorder;
  }

  /** Each message as the JSON text that crossed between the contexts. */
  async messages(): Promise<string[]> {
    return (await this.evaluate("globalThis.__faceidContentMessages")) as string[];
  }

  private async evaluate(expression: string): Promise<unknown> {
    const { result, exceptionDetails } = await this.cdp.send("Runtime.evaluate", {
      expression,
      contextId: this.contextId,
      returnByValue: true,
    });
    if (exceptionDetails)
      throw new Error(
        `in the content script: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`,
      );
    return result.value;
  }
}
