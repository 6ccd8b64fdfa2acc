import { posix } from "node:path";
import type { FluxSources } from "./flux-sources.ts";
import { fluxImagePolicy } from "./flux-image-policy.ts";
import type { ImportContext } from "./import-context.ts";
import type { ImportedApp } from "./imported-app.ts";
import { describeResource, type KubeResource } from "./kube-resource.ts";

type Obj = Record<string, unknown>;

/**
 * Flux's ImageUpdateAutomation as `images[]` of the apps rendering from its GitRepository:
 * each ImagePolicy it selects is written wherever a file under `update.path` carries the policy's
 * `# {"$imagepolicy": "<namespace>:<name>"}` marker, through Sluice's setter target, which reads
 * Flux's markers unchanged. Finding the markers needs a checkout of the repository.
 */
export function fluxImageAutomation(
  automation: KubeResource,
  policies: readonly KubeResource[],
  repositories: ReadonlyMap<string, KubeResource>,
  apps: readonly ImportedApp[],
  sources: FluxSources,
  ctx: ImportContext,
): void {
  const from = describeResource(automation);
  const spec = automation.spec;
  const source = sources.get(spec["sourceRef"], automation.metadata.namespace);
  if (source?.kind !== "git") {
    ctx.report.skipped(from, "its sourceRef is not a GitRepository import read", "spec.sourceRef");
    return;
  }
  const push = (((spec["git"] ?? {}) as Obj)["push"] ?? {}) as Obj;
  if (push["branch"] !== undefined)
    ctx.report.changed(
      from,
      `push.branch ${String(push["branch"])}: Sluice pushes to the app's branch, or opens a pull request (writeBack.pullRequest)`,
      "spec.git.push",
    );
  const checkout = ctx.checkoutFor(source.repo);
  if (!checkout) {
    ctx.report.skipped(
      from,
      `finding its $imagepolicy markers needs a checkout of ${source.repo}: pass --checkout`,
      "spec.update",
    );
    return;
  }
  const dir = posix.normalize(String(((spec["update"] ?? {}) as Obj)["path"] ?? ".").replace(/^\.\//, "")) || ".";
  const marked = new Set(checkout.filesContaining(dir, "$imagepolicy"));
  const namespace = automation.metadata.namespace ?? "flux-system";
  for (const policy of policies.filter((p) => (p.metadata.namespace ?? "flux-system") === namespace)) {
    const setter = `${namespace}:${policy.metadata.name}`;
    // The policy's name ends at the closing quote or at a :tag, :name or :digest suffix.
    const files = [
      ...new Set([`"${setter}"`, `"${setter}:`].flatMap((needle) => checkout.filesContaining(dir, needle))),
    ].filter((f) => marked.has(f));
    const translated = files.length ? fluxImagePolicy(policy, repositories, ctx) : undefined;
    if (!translated) continue;
    for (const file of files)
      attach(apps, source.repo, file, { ...translated, write: { file, setter } }, describeResource(policy), ctx);
  }
}

function attach(
  apps: readonly ImportedApp[],
  repo: string,
  file: string,
  image: Obj,
  from: string,
  ctx: ImportContext,
): void {
  const candidates = apps.filter((a) => (a.app["source"] as Obj)["repo"] === repo);
  const inside =
    candidates.find((a) => {
      const path = String((a.app["source"] as Obj)["path"]);
      return path === "." || file.startsWith(`${path}/`);
    }) ?? candidates[0];
  if (!inside) {
    ctx.report.skipped(from, `${file} is in ${repo}, which no imported app renders`, "spec");
    return;
  }
  inside.app["images"] = [...((inside.app["images"] as Obj[] | undefined) ?? []), image];
}
