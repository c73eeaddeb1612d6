import type { VerdictPublicJwk } from "../worker/verdicts/key-config";

export function generateVerdictKey(): {
  privateJwk: VerdictPublicJwk & { d: string };
  publicJwk: VerdictPublicJwk;
};
