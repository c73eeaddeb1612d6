// `npm start`: the whole local stack on http://127.0.0.1:8787 (gateway) and :8788 (FaceID sandbox),
// no Tencent account needed. Ctrl-C stops both. A wrangler that stops on its own is started again (one line
// says which one stopped and how, one that it is back); one that keeps stopping stops everything, exit 1.
// Wrangler's output passes through with the handles and tokens in URLs redacted (scripts/redact-output.mjs).
import { parseArgs } from "node:util";
import { startLocalStack } from "./local-stack.mjs";
import { redactingWriter, redactUrls } from "./redact-output.mjs";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "8787" },
    "sandbox-port": { type: "string", default: "8788" },
    "persist-to": { type: "string" },
  },
});

/** One line writer per wrangler and stream, so that their unfinished lines never mix. */
const writers = new Map();
const writerFor = (source, stream) => {
  const key = `${source} ${stream}`;
  if (!writers.has(key)) {
    const out = stream === "stderr" ? process.stderr : process.stdout;
    const write = (text) => out.write(text);
    writers.set(key, redactingWriter(write));
  }
  return writers.get(key);
};
const flushOutput = () => {
  for (const writer of writers.values()) writer.flush();
};
const notice = (line) => {
  flushOutput();
  console.error(`[npm start] ${line}`);
};

let stack;
try {
  stack = await startLocalStack({
    port: Number(values.port),
    sandboxPort: Number(values["sandbox-port"]),
    ...(values["persist-to"] ? { persistTo: values["persist-to"] } : {}),
    stdio: "pipe",
    // Piped, wrangler would print without colours; keep them when this terminal shows them.
    env:
      process.stdout.isTTY && !process.env.NO_COLOR && !process.env.FORCE_COLOR ? { FORCE_COLOR: "1" } : {},
    onOutput: (source, text, stream) => writerFor(source, stream).write(text),
    supervise: true,
    onNotice: notice,
  });
} catch (error) {
  flushOutput();
  console.error(redactUrls(error instanceof Error ? (error.stack ?? error.message) : String(error)));
  process.exit(1);
}

console.log(`
FaceID Edge is running (upstream: the local FaceID sandbox, no Tencent account needed)
  gateway   ${stack.gatewayUrl}          Tencent dialect: POST /   REST: /v1/...
  health    ${stack.gatewayUrl}/healthz
  sandbox   ${stack.sandboxUrl}
Create a partner:  npm run partner -- create --name "Acme" --json
Stop with Ctrl-C.
`);

stack.failed.then((error) => {
  notice(`${error.message}; exiting`);
  process.exit(1);
});

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    await stack.stop();
    flushOutput();
    process.exit(0);
  });
}
