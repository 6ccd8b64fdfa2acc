import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../../../src/core/config/load-config.ts";
import { readYaml } from "../../../../src/core/util/read-yaml.ts";
import { toYaml } from "../../../../src/adapters/yaml/to-yaml.ts";
import { importResources, translateResources } from "../../../../src/jobs/import/import-resources.ts";
import type { RepoCheckout } from "../../../../src/jobs/import/import-context.ts";

/** The apps and app sets as translated, before the schema checks them. */
const translated = (documents: unknown[], options: Parameters<typeof translateResources>[1] = {}) => {
  const t = translateResources(documents, options);
  return { apps: t.apps.map((a) => a.app), appSets: t.appSets.map((a) => a.app) };
};
const fixture = (name: string): unknown[] => readYaml(readFileSync(new URL(`../../../fixtures/import/${name}`, import.meta.url), "utf8")).map((d) => d.value);

/** A checkout made of a few files, as a repository's working tree. */
function checkout(files: Record<string, string>): RepoCheckout {
  return {
    exists: (path) => path in files,
    filesContaining: (dir, needle) => Object.keys(files).filter((f) => (dir === "." || f.startsWith(`${dir}/`)) && (files[f] ?? "").includes(needle)),
  };
}

/** The imported apps and app sets in a sluice.yaml with their clusters: what a user would run. */
function asConfig(result: ReturnType<typeof importResources>): ReturnType<typeof parseConfig> {
  const clusters = result.clusters.map((name) => ({ name, kubeconfig: { path: "~/.kube/config" } }));
  return parseConfig(toYaml({ clusters, apps: result.apps, ...(result.appSets.length ? { appSets: result.appSets } : {}) }), "imported.yaml");
}

describe("importResources from Argo CD and Image Updater", () => {
  it("turns the documented Applications and ApplicationSets into a config that loads", () => {
    const result = importResources(fixture("argo-cd.yaml"));

    const config = asConfig(result);
    expect(config.apps.map((a) => a.name)).toEqual(["guestbook", "my-app", "helm-guestbook", "kustomize-guestbook"]);
    expect(config.appSets.map((s) => s.name)).toEqual(["guestbook", "cluster-addons", "guestbook-staging"]);
    expect(result.clusters).toEqual(["in-cluster"]);
  });

  it("writes a chart from a Helm repository as the app's chart, its values from the git source", () => {
    const [app] = asConfig(importResources(fixture("argo-cd.yaml").filter((d) => (d as { metadata: { name: string } }).metadata.name === "my-app"))).apps;

    expect(app?.render).toMatchObject({ helm: { chart: { repo: "https://prometheus-community.github.io/helm-charts", name: "prometheus", version: "15.7.1" },
      valueFiles: ["$values/charts/prometheus/values.yaml"] } });
    expect(app?.source).toMatchObject({ repo: "https://git.example.com/org/value-files.git", branch: "dev" });
  });

  it("writes an OCI chart as an oci:// chart, and says why a chart with no git source is left out", () => {
    const oci = { apiVersion: "argoproj.io/v1alpha1", kind: "Application", metadata: { name: "web", namespace: "argocd" },
      spec: { destination: { server: "https://kubernetes.default.svc", namespace: "web" }, sources: [
        { repoURL: "ghcr.io/acme/charts", chart: "web", targetRevision: "1.4.*", helm: { valueFiles: ["$values/web.yaml"] } },
        { repoURL: "https://github.com/acme/gitops.git", targetRevision: "main", ref: "values" }] } };
    const chartOnly = { ...oci, metadata: { name: "chart-only", namespace: "argocd" }, spec: { ...oci.spec, sources: undefined, source: oci.spec.sources[0] } };

    const result = importResources([oci, chartOnly]);

    expect(asConfig(result).apps.map((a) => [a.name, a.render])).toEqual([["web", expect.objectContaining({ helm: expect.objectContaining({ chart: { repo: "oci://ghcr.io/acme/charts", name: "web", version: "1.4.*" } }) })]]);
    expect(result.notes).toContainEqual(expect.objectContaining({ source: "Application argocd/chart-only", level: "skipped", message: expect.stringContaining("Sluice apps need a git repository") }));
  });

  it("gives a chart with no git source the --values-repo repository", () => {
    const chartOnly = { apiVersion: "argoproj.io/v1alpha1", kind: "Application", metadata: { name: "redis", namespace: "argocd" },
      spec: { destination: { server: "https://kubernetes.default.svc", namespace: "redis" },
        source: { repoURL: "https://charts.bitnami.com/bitnami", chart: "redis", targetRevision: "^19.0.0", helm: { valuesObject: { replica: { replicaCount: 1 } } } } } };

    const result = importResources([chartOnly], { valuesRepo: { repo: "https://github.com/acme/gitops.git", branch: "main", path: "." } });

    expect(asConfig(result).apps[0]).toMatchObject({ name: "redis", source: { repo: "https://github.com/acme/gitops.git", branch: "main", path: "." },
      render: { helm: { chart: { repo: "https://charts.bitnami.com/bitnami", name: "redis", version: "^19.0.0" }, values: { replica: { replicaCount: 1 } } } } });
  });

  it("translates each documented Application's source, render, destination, sync policy and images", () => {
    const [guestbook, multi, helm, kustomize] = translated(fixture("argo-cd.yaml")).apps;
    expect(guestbook).toMatchObject({ source: { repo: "https://github.com/argoproj/argocd-example-apps.git", branch: "main", path: "guestbook" },
      render: { directory: { recurse: false } }, destination: { cluster: "in-cluster", namespace: "guestbook" },
      syncPolicy: { automated: true, prune: true, selfHeal: true, createNamespace: true, prunePropagationPolicy: "background" } });
    expect(multi).toMatchObject({ source: { repo: "https://git.example.com/org/value-files.git", branch: "dev" },
      render: { helm: { valueFiles: ["$values/charts/prometheus/values.yaml"], chart: { repo: "https://prometheus-community.github.io/helm-charts", name: "prometheus", version: "15.7.1" } } },
      syncPolicy: { automated: false } });
    expect(helm).toMatchObject({ source: { repo: "https://github.com/argoproj/argocd-example-apps.git", branch: "master" },
      render: { helm: { releaseName: "guestbook", valueFiles: ["values-production.yaml"], values: { ingress: { enabled: true }, service: { type: "LoadBalancer" }, replicaCount: 2 } } },
      images: [{ repository: "gcr.io/heptio-images/ks-guestbook-demo", policy: { semver: "^0.1", partialVersions: true },
        write: { file: "helm-guestbook/values-production.yaml", tag: "image.tag", repository: "image.repository" } }],
      syncPolicy: { ignoreDifferences: [{ group: "apps", kind: "Deployment", jsonPointers: ["/spec/replicas"] }] } });
    expect(kustomize).toMatchObject({ render: { kustomize: {} },
      images: [{ policy: { newestPushed: { match: "^[0-9a-f]{7}$" }, ignore: ["latest", "master"] }, write: { file: "kustomize-guestbook/kustomization.yaml", kustomize: { name: "gcr.io/heptio-images/ks-guestbook-demo" } } }] });
  });

  it("reports what did not carry over, with the resource and field", () => {
    const { notes } = importResources(fixture("argo-cd.yaml"));

    expect(notes).toEqual(expect.arrayContaining([
      { source: "Application argocd/guestbook", field: "spec.source.targetRevision", level: "changed", message: "targetRevision HEAD (the default branch) is written as main" },
      { source: "Application argocd/guestbook", field: "spec.source", level: "changed", message: "Argo CD picks the tool from the files; without a checkout import assumed a plain directory" },
      expect.objectContaining({ source: "Application argocd/helm-guestbook", field: "spec.source.repoURL", level: "changed" }),
      { source: "Application argocd/kustomize-guestbook", field: "spec.source.kustomize", level: "skipped", message: "kustomize options namePrefix: set them in the kustomization.yaml" },
      { source: "Application argocd/kustomize-guestbook", field: "gb.platforms", level: "skipped", message: "platforms has no Sluice equivalent" },
    ]));
  });

  it("picks the render tool from a checkout, as Argo CD picks it from the files", () => {
    const files = checkout({ "guestbook/Chart.yaml": "name: guestbook\n" });

    const result = importResources(fixture("argo-cd.yaml").slice(0, 1), { checkoutFor: () => files });

    expect(result.apps[0]).toMatchObject({ render: { helm: {} } });
  });

  it("turns list and git directories ApplicationSets into app sets", () => {
    const result = translated(fixture("argo-cd.yaml"));

    expect(result.appSets.map((s) => s["name"])).toEqual(["guestbook", "cluster-addons", "guestbook-staging"]);
    expect(result.appSets[2]).toMatchObject({ generators: [{ clusters: { selector: { matchLabels: { staging: "true" } } } }],
      template: { name: "{{cluster.name}}-guestbook", destination: { cluster: "{{cluster.name}}", namespace: "guestbook" } } });
    expect(result.appSets[0]).toMatchObject({ generators: [{ list: { elements: [{ cluster: "engineering-dev" }, { cluster: "engineering-prod" }] } }],
      template: { name: "{{cluster}}-guestbook", source: { path: "guestbook" } } });
    expect(result.appSets[1]).toMatchObject({ generators: [{ gitDirectories: { repo: "https://github.com/argoproj/argo-cd.git", branch: "main",
      include: ["applicationset/examples/git-generator-directory/cluster-addons/*"], exclude: ["applicationset/examples/git-generator-directory/excludes/cluster-addons/exclude-helm-guestbook"] } }],
    template: { name: "{{path.basename}}", destination: { namespace: "{{path.basename}}" } } });
  });

  it("applies an ImageUpdater resource to the Applications it selects", () => {
    const result = importResources(fixture("image-updater.yaml"));

    expect(asConfig(result).apps[0]?.images[0]).toMatchObject({ repository: "docker.io/library/nginx", policy: { kind: "semver", semver: "1.17.x" },
      write: { file: "apps/nginx/kustomization.yaml", kustomize: { name: "nginx" } } });
    expect(result.notes).toContainEqual(expect.objectContaining({ source: "ImageUpdater argocd-image-updater-sample-short", message: "applicationRefs[1] (nothing-matches-*) selects no imported Application" }));
  });
});

describe("importResources of ApplicationSet generators", () => {
  const generators = fixture("argo-cd-generators.yaml");

  it("turns the documented matrix and pull request ApplicationSets into app sets that load", () => {
    const config = asConfig(importResources(generators));

    expect(config.appSets.map((s) => s.name)).toEqual(["cluster-git", "myapps"]);
  });

  it("writes a matrix of git directories and clusters with Sluice's variables", () => {
    const [matrix] = importResources(generators).appSets;

    expect(matrix).toMatchObject({ generators: [{ matrix: { generators: [
      { gitDirectories: { repo: "https://github.com/argoproj/argo-cd.git", branch: "main", include: ["applicationset/examples/matrix/cluster-addons/*"] } },
      { clusters: { selector: { matchLabels: {} } } }] } }],
    template: { name: "{{path.basename}}-{{cluster.name}}", source: { path: "{{path}}" }, destination: { cluster: "{{cluster.name}}", namespace: "{{path.basename}}" } } });
  });

  it("writes a pull request generator whose apps follow the request's branch", () => {
    const { appSets, notes } = importResources(generators);

    expect(appSets[1]).toMatchObject({ generators: [{ pullRequests: { provider: "github", repo: "https://github.com/myorg/myrepository", labels: ["preview"] } }],
      template: { name: "myapp-{{branch}}-{{number}}", source: { branch: "{{branch}}" }, render: { helm: { values: { image: { tag: "pull-{{sha}}" } } } } } });
    expect(notes).toEqual(expect.arrayContaining([
      expect.objectContaining({ source: "ApplicationSet argocd/myapps", field: "spec.generators[0].github.tokenRef", level: "skipped" }),
      expect.objectContaining({ source: "ApplicationSet argocd/myapps", field: "spec.generators[0].requeueAfterSeconds", level: "skipped" }),
    ]));
  });

  it("reports SCM provider and git files generators as not translated, with the reason", () => {
    const { notes } = importResources(generators);

    expect(notes).toEqual(expect.arrayContaining([
      { source: "ApplicationSet argocd/myapps-scm", field: "spec.generators[0]", level: "skipped",
        message: "generator scmProvider has no Sluice equivalent: Sluice does not list an organization's repositories; give each repository a branches or pullRequests generator" },
      expect.objectContaining({ source: "ApplicationSet argocd/guestbook-files", field: "spec.generators[0].git.files", level: "skipped" }),
    ]));
  });

  it("leaves out an app set whose template uses a variable no Sluice generator gives", () => {
    const set = { apiVersion: "argoproj.io/v1alpha1", kind: "ApplicationSet", metadata: { name: "by-server", namespace: "argocd" },
      spec: { generators: [{ clusters: {} }], template: { metadata: { name: "{{name}}-web" }, spec: {
        source: { repoURL: "https://github.com/acme/gitops.git", targetRevision: "main", path: "web" },
        destination: { server: "https://kubernetes.default.svc", namespace: "web-{{server}}" } } } } };

    const { appSets, notes } = importResources([set]);

    expect(appSets).toEqual([]);
    expect(notes).toContainEqual({ source: "ApplicationSet argocd/by-server", level: "skipped",
      message: "not a valid app set: template.destination.namespace: no generator gives {{cluster.server}}" });
  });

  it("leaves out an app set whose template keeps a placeholder Sluice does not fill", () => {
    const set = { apiVersion: "argoproj.io/v1alpha1", kind: "ApplicationSet", metadata: { name: "segments", namespace: "argocd" },
      spec: { generators: [{ git: { repoURL: "https://github.com/acme/gitops.git", directories: [{ path: "apps/*" }] } }],
        template: { metadata: { name: "{{path.basename}}" }, spec: {
          source: { repoURL: "https://github.com/acme/gitops.git", targetRevision: "main", path: "{{path[0]}}/web" },
          destination: { server: "https://kubernetes.default.svc", namespace: "web" } } } } };

    const { appSets, notes } = importResources([set]);

    expect(appSets).toEqual([]);
    expect(notes).toContainEqual({ source: "ApplicationSet argocd/segments", level: "skipped",
      message: "not a valid app set: template.source.path: {{path[0]}} is not a placeholder Sluice fills" });
  });
});

describe("importResources from Flux", () => {
  const fleet = checkout({
    "clusters/my-cluster/podinfo-deployment.yaml": 'image: ghcr.io/stefanprodan/podinfo:5.0.0 # {"$imagepolicy": "flux-system:podinfo"}\n',
    "clusters/my-cluster/kustomization.yaml": "resources: [podinfo-deployment.yaml]\n",
  });
  const checkouts = (url: string) => (url.includes("flux-image-updates") ? fleet : undefined);

  it("turns Kustomizations, HelmReleases and image automation into a config that loads", () => {
    const result = importResources(fixture("flux.yaml"), { checkoutFor: checkouts });

    expect(asConfig(result).apps.map((a) => a.name)).toEqual(["podinfo", "flux-system", "podinfo-2"]);
  });

  it("translates Kustomizations, HelmReleases and image automation", () => {
    const result = importResources(fixture("flux.yaml"), { checkoutFor: checkouts });
    const [kustomization, fleetApp, release] = translated(fixture("flux.yaml"), { checkoutFor: checkouts }).apps;
    expect(kustomization).toMatchObject({ source: { repo: "https://github.com/stefanprodan/podinfo", branch: "master", path: "kustomize" },
      render: { kustomize: {} }, destination: { namespace: "default" }, syncPolicy: { automated: true, prune: true, selfHeal: true } });
    expect(fleetApp).toMatchObject({ source: { repo: "https://github.com/fluxcd-testing/flux-image-updates", branch: "main", path: "clusters/my-cluster" },
      images: [{ repository: "ghcr.io/stefanprodan/podinfo", policy: { semver: "5.0.x", ignore: ["*.sig"] },
        write: { file: "clusters/my-cluster/podinfo-deployment.yaml", setter: "flux-system:podinfo" } }] });
    expect(release).toMatchObject({ source: { repo: "https://github.com/fluxcd-testing/flux-image-updates", path: "clusters/my-cluster" },
      render: { helm: { chart: { repo: "https://stefanprodan.github.io/podinfo", name: "podinfo", version: "6.x" }, values: { replicaCount: 2 } } },
      destination: { namespace: "default" } });
    expect(result.notes).toContainEqual({ source: "HelmRelease default/podinfo", field: "spec.valuesFrom", level: "skipped",
      message: "valuesFrom: values from ConfigMaps and Secrets are not read; put them in values or a values file" });
  });

  it("says a checkout is needed to find the $imagepolicy markers", () => {
    const { notes } = importResources(fixture("flux.yaml"));

    expect(notes).toContainEqual({ source: "ImageUpdateAutomation flux-system/flux-system", field: "spec.update", level: "skipped",
      message: "finding its $imagepolicy markers needs a checkout of https://github.com/fluxcd-testing/flux-image-updates: pass --checkout" });
  });

  it("reads an ImagePolicy's filterTags and numerical order as a regex policy", () => {
    const files = checkout({ "clusters/my-cluster/app.yaml": 'image: ghcr.io/stefanprodan/podinfo:main-abc-1 # {"$imagepolicy": "flux-system:podinfo-main:tag"}\n' });

    const result = importResources(fixture("flux.yaml"), { checkoutFor: () => files });

    const images = result.apps.flatMap((a) => (a["images"] as unknown[] | undefined) ?? []);
    expect(images).toEqual([{ repository: "ghcr.io/stefanprodan/podinfo", policy: { regex: "^main-[a-fA-F0-9]+-(?P<ts>.*)", extract: "$ts", order: "numerical", direction: "asc", ignore: ["*.sig"] },
      write: { file: "clusters/my-cluster/app.yaml", setter: "flux-system:podinfo-main" } }]);
  });

  it("notes resources of other kinds and documents that are not resources", () => {
    const { apps, notes } = importResources([{ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web" } }, "text"]);

    expect(apps).toEqual([]);
    expect(notes.map((n) => `${n.source}: ${n.message}`)).toEqual(["Deployment web: apps/v1 Deployment is not a kind import reads",
      "document 2: not a Kubernetes resource (apiVersion, kind and metadata.name)"]);
  });
});
