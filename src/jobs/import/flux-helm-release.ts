import { posix } from "node:path";
import { dnsLabelFrom } from "./dns-label-from.ts";
import type { FluxSources } from "./flux-sources.ts";
import type { ImportContext } from "./import-context.ts";
import type { ImportedApp } from "./imported-app.ts";
import { describeResource, type KubeResource } from "./kube-resource.ts";

type Obj = Record<string, unknown>;
type GitSource = { repo: string; branch: string; path: string };

const UNSUPPORTED: Readonly<Record<string, string>> = {
  valuesFrom: "values from ConfigMaps and Secrets are not read; put them in values or a values file",
  postRenderers: "post-renderers are not run",
  dependsOn: "apps sync independently",
  serviceAccountName: "Sluice applies with its own identity",
  test: "Helm tests are not run",
};

/**
 * A Flux HelmRelease as a Sluice Helm app. A chart from a GitRepository renders from that
 * repository; a chart from a HelmRepository or OCIRepository needs a git repository for the app
 * too: the Kustomization that applied the HelmRelease (its `kustomize.toolkit.fluxcd.io/*`
 * labels, on a live cluster), else `gitSource`.
 */
export function fluxHelmRelease(
  resource: KubeResource,
  sources: FluxSources,
  ctx: ImportContext,
  appliedBy: (namespace: string, name: string) => GitSource | undefined,
  gitSource?: GitSource,
): ImportedApp | undefined {
  const from = describeResource(resource);
  const spec = resource.spec;
  const namespace = resource.metadata.namespace;
  const chartSpec = (((spec["chart"] ?? {}) as Obj)["spec"] ?? {}) as Obj;
  const ref = spec["chartRef"] ?? chartSpec["sourceRef"];
  const chartSource = sources.get(ref, namespace);
  const labels = resource.metadata.labels ?? {};
  const kustomization = labels["kustomize.toolkit.fluxcd.io/name"];
  const owner = kustomization
    ? appliedBy(labels["kustomize.toolkit.fluxcd.io/namespace"] ?? "flux-system", kustomization)
    : undefined;
  let source: GitSource | undefined;
  const helm: Obj = {};
  const valueFiles = Array.isArray(chartSpec["valuesFiles"]) ? chartSpec["valuesFiles"].map(String) : [];
  if (chartSource?.kind === "git") {
    source = {
      repo: chartSource.repo,
      branch: chartSource.branch,
      path: posix.normalize(String(chartSpec["chart"] ?? ".").replace(/^\.\//, "")),
    };
    // Flux reads valuesFiles from the root of the source; Sluice's $values/ says the same.
    if (valueFiles.length) helm["valueFiles"] = valueFiles.map((f) => `$values/${f.replace(/^\.?\//, "")}`);
  } else if (chartSource) {
    source = owner ?? gitSource;
    const chart = chartOf(chartSource, chartSpec);
    if (!source || !chart) {
      ctx.report.skipped(
        from,
        chart
          ? "a chart from a repository needs a git repository for the app: import it from the cluster or pass --values-repo"
          : "the chart's version is unknown",
        "spec.chart",
      );
      return undefined;
    }
    helm["chart"] = chart;
    if (valueFiles.length)
      ctx.report.skipped(from, "valuesFiles inside a packaged chart are not read", "spec.chart.spec.valuesFiles");
  } else {
    ctx.report.skipped(
      from,
      "its chart source is not a GitRepository, HelmRepository or OCIRepository import read (give it too)",
      "spec.chart",
    );
    return undefined;
  }
  return { from, app: appOf(resource, source, helm, from, ctx) };
}

function chartOf(source: { kind: "helm" | "oci"; url: string; version?: string }, chartSpec: Obj): Obj | undefined {
  if (source.kind === "helm")
    return { repo: source.url, name: String(chartSpec["chart"]), version: String(chartSpec["version"] ?? "*") };
  // An OCIRepository points at the chart itself; Sluice appends the chart's name to the repository, as Helm does.
  const url = source.url.replace(/\/+$/, "");
  const slash = url.lastIndexOf("/");
  const version = source.version ?? (typeof chartSpec["version"] === "string" ? chartSpec["version"] : undefined);
  if (chartSpec["chart"] !== undefined) return { repo: url, name: String(chartSpec["chart"]), version: version ?? "*" };
  return version ? { repo: url.slice(0, slash), name: url.slice(slash + 1), version } : undefined;
}

function appOf(resource: KubeResource, source: GitSource, helm: Obj, from: string, ctx: ImportContext): Obj {
  const spec = resource.spec;
  for (const [key, why] of Object.entries(UNSUPPORTED))
    if (spec[key] !== undefined) ctx.report.skipped(from, `${key}: ${why}`, `spec.${key}`);
  if (spec["kubeConfig"] !== undefined)
    ctx.report.changed(
      from,
      `kubeConfig: deploys to cluster ${ctx.inCluster} here; define the remote cluster and change the destination`,
      "spec.kubeConfig",
    );
  const install = (spec["install"] ?? {}) as Obj;
  if (typeof spec["releaseName"] === "string") helm["releaseName"] = spec["releaseName"];
  if (typeof spec["values"] === "object" && spec["values"] !== null) helm["values"] = spec["values"];
  if (install["crds"] === "Skip") helm["includeCRDs"] = false;
  const drift = ((spec["driftDetection"] ?? {}) as Obj)["mode"];
  ctx.clusters.add(ctx.inCluster);
  return {
    name: dnsLabelFrom(resource.metadata.name),
    source,
    render: { helm },
    destination: {
      cluster: ctx.inCluster,
      namespace: String(spec["targetNamespace"] ?? resource.metadata.namespace ?? "default"),
    },
    syncPolicy: {
      automated: spec["suspend"] !== true,
      prune: true,
      selfHeal: drift === "enabled",
      createNamespace: install["createNamespace"] === true,
    },
  };
}
