/**
 * An unexpected error underneath a capture failure, as "Class: message": what a developer needs to know which
 * step failed and why, kept in the message the agent and the page see. It never holds media: errors of the
 * parser, the codecs, the muxer and the DOM describe a file or a call, not its pixels.
 */
const MAX_CAUSE_CHARS = 300;

export function describeCause(cause: unknown): string {
  // Duck-typed: in a Firefox content script an error thrown by a page-side DOM object (a VideoEncoder's) is
  // not `instanceof Error` here, yet has its name and message.
  const text =
    typeof cause === "object" && cause !== null && "message" in cause
      ? `${errorName(cause)}: ${String((cause as { message: unknown }).message)}`
      : String(cause);
  return text.length > MAX_CAUSE_CHARS ? `${text.slice(0, MAX_CAUSE_CHARS - 1)}…` : text;
}

function errorName(cause: object): string {
  const name = "name" in cause ? String((cause as { name: unknown }).name) : "";
  return name || "Error";
}
