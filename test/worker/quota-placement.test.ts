// Each action's quota object is created near the FaceID region the deployment calls: the location hint goes
// with every `get` of the object (it applies when the object is created), through the real namespace.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { FACEID_REGIONS } from "../../shared/faceid/actions";
import { QUOTA_LOCATION, quotaObject } from "../../worker/quota/placement";

/** The real namespace, noting the options of each `get`. */
function watchedNamespace() {
  const real = env.UPSTREAM_QUOTA;
  const options: unknown[] = [];
  const namespace = Object.assign(Object.create(real) as typeof real, {
    idFromName: (name: string) => real.idFromName(name),
    get: (id: DurableObjectId, getOptions?: DurableObjectNamespaceGetDurableObjectOptions) => {
      options.push(getOptions);
      return real.get(id, getOptions);
    },
  });
  return { namespace, options };
}

describe("where the quota object lives", () => {
  it("asks for the location nearest the deployment's FaceID region, and the object answers", async () => {
    const { namespace, options } = watchedNamespace();
    await quotaObject(namespace, "GetLivenessResult", "ap-singapore").report({ sends: [], unused: [] });
    await quotaObject(namespace, "GetLivenessResult", "sa-saopaulo").report({ sends: [], unused: [] });
    expect(options).toEqual([{ locationHint: "apac" }, { locationHint: "sam" }]);
  });

  it("has a hint for every FaceID region, each a Cloudflare location", () => {
    expect(Object.keys(QUOTA_LOCATION).sort()).toEqual([...FACEID_REGIONS].sort());
    expect(new Set(Object.values(QUOTA_LOCATION))).toEqual(new Set(["apac", "weur", "enam", "wnam", "sam"]));
  });
});
