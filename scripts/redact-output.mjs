// What `npm start` prints of its wranglers, with the handles and tokens that travel in URLs taken out.
// wrangler dev logs every request with its path ("[wrangler:info] GET /v1/liveness/results/<SdkToken> 200 OK
// (12ms)") and has no switch for that line alone (--log-level warn also hides the Worker's own console.log
// lines, our access log among them): so the path after a prefix that carries a handle, and any query string,
// are replaced before the line is printed. Everything else passes unchanged, colours included.

/** Path prefixes whose rest (up to whitespace, `?`, a quote or a colour code) is a handle or a token. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: an ANSI colour code (ESC) ends a path
const SECRET_PATH = /(\/v1\/(?:liveness\/results|web-verifications|sessions)\/)([^\s?"'\u001b]+)/g;
/** A query string: `?` right after a path, up to whitespace, a quote or a colour code. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: an ANSI colour code (ESC) ends a query string
const QUERY = /(\/[^\s?"'\u001b]*)\?[^\s"'\u001b]+/g;
/** A route pattern's parameter (our access log prints `/v1/liveness/results/:sdkToken`): nothing to hide. */
const ROUTE_PARAMETER = /^:[A-Za-z]\w*$/;

export const REDACTED = "<redacted>";

/** The text with the rest of each handle-carrying path and each query string replaced. */
export function redactUrls(text) {
  return text
    .replace(SECRET_PATH, (match, prefix, rest) => (ROUTE_PARAMETER.test(rest) ? match : prefix + REDACTED))
    .replace(QUERY, `$1?${REDACTED}`);
}

/**
 * A writer that redacts whole lines: pieces of output may end mid-line (mid-token), so the unfinished line is
 * held until its end arrives, or printed, redacted, after `holdMs` without more output (a prompt).
 */
export function redactingWriter(write, { holdMs = 100 } = {}) {
  let pending = "";
  let timer;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (pending) write(redactUrls(pending));
    pending = "";
  };
  return {
    write(text) {
      pending += text;
      const end = pending.lastIndexOf("\n");
      if (end >= 0) {
        write(redactUrls(pending.slice(0, end + 1)));
        pending = pending.slice(end + 1);
      }
      clearTimeout(timer);
      timer = pending ? setTimeout(flush, holdMs) : undefined;
    },
    flush,
  };
}
