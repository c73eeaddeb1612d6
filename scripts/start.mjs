// `npm start`: the whole local stack on http://127.0.0.1:8787 (gateway) and :8788 (FaceID sandbox),
// no Tencent account needed. Ctrl-C stops both.
import { parseArgs } from "node:util";
import { startLocalStack } from "./local-stack.mjs";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "8787" },
    "sandbox-port": { type: "string", default: "8788" },
    "persist-to": { type: "string" },
  },
});

const stack = await startLocalStack({
  port: Number(values.port),
  sandboxPort: Number(values["sandbox-port"]),
  ...(values["persist-to"] ? { persistTo: values["persist-to"] } : {}),
  stdio: "inherit",
});

console.log(`
FaceID Edge is running (upstream: the local FaceID sandbox, no Tencent account needed)
  gateway   ${stack.gatewayUrl}          Tencent dialect: POST /   REST: /v1/...
  health    ${stack.gatewayUrl}/healthz
  sandbox   ${stack.sandboxUrl}
Create a partner:  npm run partner -- create --name "Acme" --json
Stop with Ctrl-C.
`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    await stack.stop();
    process.exit(0);
  });
}
