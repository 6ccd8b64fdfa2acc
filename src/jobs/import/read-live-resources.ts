import type { KubeClient, LiveObject } from "../../adapters/kube/kube-client.ts";

// Every kind import reads, with the versions to try, newest first.
const KINDS: readonly (readonly [kind: string, apiVersions: readonly string[]])[] = [
  ["Application", ["argoproj.io/v1alpha1"]],
  ["ApplicationSet", ["argoproj.io/v1alpha1"]],
  ["ImageUpdater", ["argocd-image-updater.argoproj.io/v1alpha1"]],
  ["GitRepository", ["source.toolkit.fluxcd.io/v1", "source.toolkit.fluxcd.io/v1beta2"]],
  ["HelmRepository", ["source.toolkit.fluxcd.io/v1", "source.toolkit.fluxcd.io/v1beta2"]],
  ["OCIRepository", ["source.toolkit.fluxcd.io/v1", "source.toolkit.fluxcd.io/v1beta2"]],
  ["Kustomization", ["kustomize.toolkit.fluxcd.io/v1", "kustomize.toolkit.fluxcd.io/v1beta2"]],
  ["HelmRelease", ["helm.toolkit.fluxcd.io/v2", "helm.toolkit.fluxcd.io/v2beta2"]],
  ["ImageRepository", ["image.toolkit.fluxcd.io/v1", "image.toolkit.fluxcd.io/v1beta2"]],
  ["ImagePolicy", ["image.toolkit.fluxcd.io/v1", "image.toolkit.fluxcd.io/v1beta2"]],
  ["ImageUpdateAutomation", ["image.toolkit.fluxcd.io/v1", "image.toolkit.fluxcd.io/v1beta2"]],
];

/** Every Argo CD, Image Updater and Flux object a cluster serves, in all namespaces; kinds it does not serve are skipped. */
export async function readLiveResources(client: KubeClient): Promise<LiveObject[]> {
  const lists = await Promise.all(
    KINDS.map(async ([kind, versions]) => {
      for (const apiVersion of versions) {
        if (await client.resource(apiVersion, kind)) return client.list(apiVersion, kind, undefined);
      }
      return [];
    }),
  );
  return lists.flat();
}
