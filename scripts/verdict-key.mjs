// `npm run verdict-key`: a new Ed25519 key for signing verdict tokens, as the private JWK that goes into the
// VERDICT_SIGNING_KEY secret and the public JWK that /.well-known/jwks.json will serve (keep it: a rotation
// moves it into VERDICT_RETIRED_KEYS). `--json` prints one object { privateJwk, publicJwk }. Also used by
// `npm start` (scripts/dev-vars.mjs) and the test set-up to make local keys. Nothing is written anywhere.
import { createHash, generateKeyPairSync } from "node:crypto";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

/** A fresh key; `kid` is its RFC 7638 thumbprint, so two keys never share one. */
export function generateVerdictKey() {
  const { privateKey } = generateKeyPairSync("ed25519");
  const { crv, x, d } = privateKey.export({ format: "jwk" });
  const kid = jwkThumbprint({ crv, x });
  const publicJwk = { kty: "OKP", crv, x, kid, alg: "EdDSA", use: "sig" };
  return { privateJwk: { ...publicJwk, d }, publicJwk };
}

/** RFC 7638 §3.2: the required members of an OKP key, in lexicographic order, without white space. */
function jwkThumbprint({ crv, x }) {
  const canonical = JSON.stringify({ crv, kty: "OKP", x });
  return createHash("sha256").update(canonical).digest("base64url");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { json: { type: "boolean", default: false } } });
  const { privateJwk, publicJwk } = generateVerdictKey();
  if (values.json) {
    console.log(JSON.stringify({ privateJwk, publicJwk }));
  } else {
    console.log(
      "# VERDICT_SIGNING_KEY (private: npx wrangler secret put VERDICT_SIGNING_KEY, then paste this line)",
    );
    console.log(JSON.stringify(privateJwk));
    console.log(
      "# its public key (served at /.well-known/jwks.json; on rotation it goes into VERDICT_RETIRED_KEYS)",
    );
    console.log(JSON.stringify(publicJwk));
  }
}
