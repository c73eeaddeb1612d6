// The two readers of CompareFaceLiveness's rules (worker/compare/) fed the same seeded random bodies: the
// raw-bytes reader may decline to decide, never decide differently from the parsed reader. Bodies are built
// from real media and the ways SDKs, hand-written clients and attackers write JSON.
import { describe, expect, it } from "vitest";
import { checkTencentParameters } from "../../worker/compare/parsed";
import { tencentBodyProvedInPlace } from "../../worker/compare/request";
import type { CompareScope } from "../../worker/compare/rules";
import { GatewayError } from "../../worker/errors/failure";
import { parseJsonObject } from "../../worker/http/json-body";
import { jsonUploadInPlace, parsedJsonUpload } from "../../worker/rest/compare";
import { fixtureBase64 } from "../support/fixtures";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A small linear congruential generator: the same cases every run, so a failure names its seed. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  return {
    chance: (p: number) => next() < p,
    pick: <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)] as T,
    shuffle<T>(values: T[]): T[] {
      for (let i = values.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [values[i], values[j]] = [values[j] as T, values[i] as T];
      }
      return values;
    },
  };
}
type Random = ReturnType<typeof random>;

function mediaValues(): { image: unknown[]; video: unknown[] } {
  const jpeg = fixtureBase64("face.jpg");
  const png = fixtureBase64("face.png");
  const mp4 = fixtureBase64("video-3s.mp4");
  const avi = fixtureBase64("video-3s.avi");
  const broken = (text: string, at: number, character: string) =>
    text.slice(0, at) + character + text.slice(at + 1);
  const common = (text: string) => [
    text.slice(0, -1),
    `${text.slice(0, 76)}\n${text.slice(76)}`,
    broken(text, text.length >> 1, "*"),
    broken(text, 8, "="),
    `data:application/octet-stream;base64,${text}`,
    "",
    null,
    7,
  ];
  return {
    image: [jpeg, jpeg, png, fixtureBase64("face.gif"), mp4, ...common(jpeg)],
    video: [
      mp4,
      mp4,
      avi,
      fixtureBase64("video-3s.flv"),
      fixtureBase64("video-3s.webm"),
      jpeg,
      ...common(mp4),
    ],
  };
}

/** A JSON object of the given members, in the given order, written as some client would write it. */
function writeBody(members: [string, unknown][], rng: Random): Uint8Array {
  const object = Object.fromEntries(members);
  let text = rng.chance(0.3) ? JSON.stringify(object, null, rng.pick([1, 2, "\t"])) : JSON.stringify(object);
  if (rng.chance(0.1)) text = text.replaceAll("/", "\\/");
  if (rng.chance(0.05))
    text = `${text.slice(0, -1)},${JSON.stringify(rng.pick(members)?.[0] ?? "x")}:"SILENT"}`;
  if (rng.chance(0.03)) text = ` ${text}\n`;
  if (rng.chance(0.02)) text = `${text}x`;
  return encoder.encode(text);
}

/** Runs a reader; a GatewayError (the gateway's refusal) is an answer, anything else a defect. */
function outcome<T>(read: () => T): { ok: true; value: T } | { ok: false } {
  try {
    return { ok: true, value: read() };
  } catch (error) {
    if (error instanceof GatewayError || error instanceof SyntaxError) return { ok: false };
    throw error;
  }
}

const CASES = 1000;

describe("the raw-bytes and parsed readers of CompareFaceLiveness", () => {
  const media = mediaValues();

  it("agree on every Tencent dialect body the raw-bytes reader proves valid", () => {
    const rng = random(13);
    let proved = 0;
    let refusedByBoth = 0;
    for (let i = 0; i < CASES; i++) {
      // Half the cases start valid and may get one thing wrong; the rest are anything.
      const valid = rng.chance(0.5);
      const members: [string, unknown][] = [];
      const action = rng.chance(0.5);
      if (!valid || rng.chance(0.95))
        members.push(["ImageBase64", valid ? media.image[0] : rng.pick(media.image)]);
      if (!valid || rng.chance(0.95))
        members.push(["VideoBase64", valid ? media.video[0] : rng.pick(media.video)]);
      if (valid) members.push(["LivenessType", action ? "ACTION" : "SILENT"]);
      else if (rng.chance(0.95))
        members.push(["LivenessType", rng.pick(["SILENT", "ACTION", "silent", "", 1])]);
      if (valid && (action || rng.chance(0.3)))
        members.push(["ValidateData", action ? rng.pick(["2", "4,2"]) : ""]);
      else if (rng.chance(0.5))
        members.push(["ValidateData", rng.pick(["", "2", "4,2", "2,2", "5", "1,2,3", 2, null])]);
      if (rng.chance(0.05)) members.push([rng.pick(["Extra", "__proto__", "imageBase64"]), "x"]);
      const body = writeBody(rng.shuffle(members), rng);
      const inPlace = tencentBodyProvedInPlace(body);
      const parsed = outcome(() => checkTencentParameters(parseJsonObject(body)));
      if (inPlace) {
        expect(parsed.ok, `case ${i}: ${decoder.decode(body.subarray(0, 200))}`).toBe(true);
        proved++;
      } else if (!parsed.ok) refusedByBoth++;
    }
    // Both kinds of case occur often enough for the property to mean something.
    expect(proved).toBeGreaterThan(CASES / 20);
    expect(refusedByBoth).toBeGreaterThan(CASES / 4);
  });

  it("agree on every REST upload the raw-bytes reader proves valid, and build Tencent the same body", () => {
    const rng = random(42);
    const scopes: CompareScope[] = [
      {},
      { livenessType: "SILENT" },
      { livenessType: "ACTION", actions: ["shake_head", "blink"] },
      { actions: ["nod"] },
    ];
    let proved = 0;
    for (let i = 0; i < CASES; i++) {
      const scope = rng.pick(scopes);
      const valid = rng.chance(0.5);
      const members: [string, unknown][] = [];
      if (!valid || rng.chance(0.95))
        members.push(["imageBase64", valid ? media.image[0] : rng.pick(media.image)]);
      if (!valid || rng.chance(0.95))
        members.push(["videoBase64", valid ? media.video[0] : rng.pick(media.video)]);
      if (valid) members.push(["livenessType", scope.livenessType ?? (scope.actions ? "ACTION" : "SILENT")]);
      else if (rng.chance(0.85)) members.push(["livenessType", rng.pick(["SILENT", "ACTION", "silent", 1])]);
      if (rng.chance(0.2))
        members.push(["actions", rng.pick([["blink"], ["shake_head", "blink"], [], "nod"])]);
      if (rng.chance(0.05)) members.push([rng.pick(["extra", "ImageBase64"]), "x"]);
      const body = writeBody(rng.shuffle(members), rng);
      const inPlace = jsonUploadInPlace(body, scope);
      const parsed = outcome(() => parsedJsonUpload(body, scope));
      if (inPlace) {
        const described = `case ${i}: ${decoder.decode(body.subarray(0, 200))}`;
        expect(parsed.ok, described).toBe(true);
        if (!parsed.ok) continue;
        const bodyText = (prepared: { body: Uint8Array | string }) =>
          typeof prepared.body === "string" ? prepared.body : decoder.decode(prepared.body);
        expect(bodyText(inPlace), described).toBe(bodyText(parsed.value));
        expect(inPlace.livenessType).toBe(parsed.value.livenessType);
        expect(inPlace.validateData).toBe(parsed.value.validateData);
        expect(inPlace.actions).toEqual(parsed.value.actions);
        proved++;
      }
    }
    expect(proved).toBeGreaterThan(CASES / 20);
  });
});
