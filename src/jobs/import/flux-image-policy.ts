import type { ImportContext } from "./import-context.ts";
import { describeResource, type KubeResource } from "./kube-resource.ts";

type Obj = Record<string, unknown>;

/** Flux's default exclusion list, as a glob. */
const SIGNATURES = "^.*\\.sig$";

/**
 * A Flux ImagePolicy (with its ImageRepository) as a Sluice `repository` and `policy`:
 * `filterTags` is the regex and extract, `semver`, `alphabetical` and `numerical` the order.
 */
export function fluxImagePolicy(
  policy: KubeResource,
  repositories: ReadonlyMap<string, KubeResource>,
  ctx: ImportContext,
): { repository: string; policy: Obj } | undefined {
  const from = describeResource(policy);
  const spec = policy.spec;
  const ref = (spec["imageRepositoryRef"] ?? {}) as Obj;
  const repository = repositories.get(
    `${String(ref["namespace"] ?? policy.metadata.namespace ?? "flux-system")}/${String(ref["name"])}`,
  );
  const image = repository?.spec["image"];
  if (repository === undefined || typeof image !== "string") {
    ctx.report.skipped(from, "its ImageRepository was not among the resources read", "spec.imageRepositoryRef");
    return undefined;
  }
  const ignore = exclusions(repository, ctx);
  const filter = (spec["filterTags"] ?? {}) as Obj;
  const regex =
    typeof filter["pattern"] === "string"
      ? { regex: filter["pattern"], ...(typeof filter["extract"] === "string" ? { extract: filter["extract"] } : {}) }
      : {};
  const choice = (spec["policy"] ?? {}) as Obj;
  const semver = choice["semver"] as Obj | undefined;
  const order = (choice["alphabetical"] ?? choice["numerical"]) as Obj | undefined;
  if (spec["digestReflectionPolicy"] !== undefined && spec["digestReflectionPolicy"] !== "Never") {
    ctx.report.changed(
      from,
      "digestReflectionPolicy: Sluice pins the digest with pinDigest",
      "spec.digestReflectionPolicy",
    );
  }
  const pin =
    spec["digestReflectionPolicy"] !== undefined && spec["digestReflectionPolicy"] !== "Never"
      ? { pinDigest: true }
      : {};
  if (semver) return { repository: image, policy: { semver: String(semver["range"]), ...regex, ...ignore, ...pin } };
  if (order) {
    return {
      repository: image,
      policy: {
        regex: ".*",
        ...regex,
        order: choice["numerical"] ? "numerical" : "alphabetical",
        direction: order["order"] === "desc" ? "desc" : "asc",
        ...ignore,
        ...pin,
      },
    };
  }
  ctx.report.skipped(from, "no semver, alphabetical or numerical policy", "spec.policy");
  return undefined;
}

/** An ImageRepository's exclusionList as ignore globs: Flux's default one is `*.sig`; other regexes are noted. */
function exclusions(repository: KubeResource, ctx: ImportContext): { ignore?: string[] } {
  const list = repository.spec["exclusionList"];
  if (!Array.isArray(list)) return { ignore: ["*.sig"] };
  const globs = list.flatMap((pattern) => {
    if (pattern === SIGNATURES) return ["*.sig"];
    ctx.report.skipped(
      describeResource(repository),
      `exclusion ${String(pattern)}: ignore takes globs; add it to the policy's ignore as one`,
      "spec.exclusionList",
    );
    return [];
  });
  return globs.length ? { ignore: globs } : {};
}
