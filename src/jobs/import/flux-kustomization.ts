import { posix } from "node:path";
import { dnsLabelFrom } from "./dns-label-from.ts";
import type { FluxSources } from "./flux-sources.ts";
import type { ImportContext } from "./import-context.ts";
import type { ImportedApp } from "./imported-app.ts";
import { describeResource, type KubeResource } from "./kube-resource.ts";

// Fields whose effect Sluice cannot give, with what to do instead.
const UNSUPPORTED: Readonly<Record<string, string>> = {
  postBuild: "variable substitution is not done; render the values into the files",
  patches: "put the patches in a kustomization.yaml",
  images: "put the images in a kustomization.yaml",
  components: "list the components in a kustomization.yaml",
  dependsOn: "apps sync independently; order inside one app with sync waves",
  decryption: "SOPS decryption is not done",
  serviceAccountName: "Sluice applies with its own identity",
  healthChecks: "Sluice follows the health of every object it applies",
  force: "immutable fields are not recreated",
};

/** A Flux Kustomization as a Sluice app: its GitRepository, path, target namespace and prune. */
export function fluxKustomization(
  resource: KubeResource,
  sources: FluxSources,
  ctx: ImportContext,
): ImportedApp | undefined {
  const from = describeResource(resource);
  const spec = resource.spec;
  const source = sources.get(spec["sourceRef"], resource.metadata.namespace);
  if (source?.kind !== "git") {
    ctx.report.skipped(
      from,
      "its sourceRef is not a GitRepository import read (give the GitRepository too)",
      "spec.sourceRef",
    );
    return undefined;
  }
  for (const [key, why] of Object.entries(UNSUPPORTED))
    if (spec[key] !== undefined) ctx.report.skipped(from, `${key}: ${why}`, `spec.${key}`);
  if (spec["kubeConfig"] !== undefined)
    ctx.report.changed(
      from,
      `kubeConfig: deploys to cluster ${ctx.inCluster} here; define the remote cluster and change the destination`,
      "spec.kubeConfig",
    );
  ctx.clusters.add(ctx.inCluster);
  const path = posix.normalize(String(spec["path"] ?? ".").replace(/^\.\//, "")).replace(/^\/+/, "") || ".";
  const checkout = ctx.checkoutFor(source.repo);
  const at = (file: string): boolean => checkout?.exists(path === "." ? file : `${path}/${file}`) ?? true;
  // Without a kustomization.yaml, Flux generates one taking every manifest under the path.
  const render = ["kustomization.yaml", "kustomization.yml", "Kustomization"].some(at)
    ? { kustomize: {} }
    : { directory: { recurse: true } };
  let namespace = typeof spec["targetNamespace"] === "string" ? spec["targetNamespace"] : undefined;
  if (namespace === undefined) {
    namespace = "default";
    ctx.report.changed(from, "no targetNamespace: objects without a namespace go to default", "spec.targetNamespace");
  }
  return {
    from,
    app: {
      name: dnsLabelFrom(resource.metadata.name),
      source: { repo: source.repo, branch: source.branch, path },
      render,
      destination: { cluster: ctx.inCluster, namespace },
      // Flux corrects drift at every interval and always applies: selfHeal and automated.
      syncPolicy: { automated: spec["suspend"] !== true, prune: spec["prune"] === true, selfHeal: true },
    },
  };
}
