import { argoApplication } from "./argo-application.ts";
import { configProblems } from "./config-problems.ts";
import { fluxHelmRelease } from "./flux-helm-release.ts";
import { fluxImageAutomation } from "./flux-image-automation.ts";
import { fluxKustomization } from "./flux-kustomization.ts";
import { FluxSources } from "./flux-sources.ts";
import type { ImportContext, RepoCheckout } from "./import-context.ts";
import { ImportReport, type ImportNote } from "./import-report.ts";
import type { ImportedApp } from "./imported-app.ts";
import { apiGroup, describeResource, kubeResourceSchema, type KubeResource } from "./kube-resource.ts";
import { updaterResource } from "./updater-resource.ts";
import type { UpdaterImage } from "./updater-image.ts";
import { argoApplicationSet } from "./argo-application-set.ts";
import { appSetTemplateProblems } from "./app-set-template-problems.ts";

export interface ImportOptions {
  /** The Sluice cluster name of the cluster Argo CD or Flux runs in; default `in-cluster`. */
  inCluster?: string;
  checkoutFor?: (repoUrl: string) => RepoCheckout | undefined;
  /** The git repository for Flux HelmReleases whose chart comes from a repository, when no Kustomization says. */
  valuesRepo?: { repo: string; branch: string; path: string };
}

export interface ImportResult {
  /** `apps[]` entries, each valid against the app schema. */
  apps: Record<string, unknown>[];
  /** `appSets[]` entries. */
  appSets: Record<string, unknown>[];
  /** Clusters the apps deploy to, to define under `clusters:`. */
  clusters: string[];
  notes: ImportNote[];
}

// Kinds import reads, by API group; anything else is noted and left.
const KINDS: Readonly<Record<string, readonly string[]>> = {
  "argoproj.io": ["Application", "ApplicationSet"],
  "argocd-image-updater.argoproj.io": ["ImageUpdater"],
  "source.toolkit.fluxcd.io": ["GitRepository", "HelmRepository", "OCIRepository"],
  "kustomize.toolkit.fluxcd.io": ["Kustomization"],
  "helm.toolkit.fluxcd.io": ["HelmRelease"],
  "image.toolkit.fluxcd.io": ["ImageRepository", "ImagePolicy", "ImageUpdateAutomation"],
};

/** What import made of the resources, before the config schema checks it. */
export interface Translation {
  readonly apps: readonly ImportedApp[];
  readonly appSets: readonly ImportedApp[];
  readonly ctx: ImportContext;
}

/**
 * Argo CD, Image Updater and Flux resources as Sluice app definitions, with a note for everything
 * that did not carry over as it was. Every app and app set returned passes the config schema;
 * one that does not is left out with its problems in the notes.
 */
export function importResources(documents: readonly unknown[], options: ImportOptions = {}): ImportResult {
  const { apps, appSets, ctx } = translateResources(documents, options);
  return {
    apps: validApps(apps, ctx),
    appSets: validAppSets(appSets, ctx),
    clusters: [...ctx.clusters].sort(),
    notes: ctx.report.notes,
  };
}

/** The translation alone: apps and app sets as sluice.yaml spells them, not yet checked. */
export function translateResources(documents: readonly unknown[], options: ImportOptions = {}): Translation {
  const ctx: ImportContext = {
    report: new ImportReport(),
    inCluster: options.inCluster ?? "in-cluster",
    checkoutFor: options.checkoutFor ?? (() => undefined),
    clusters: new Set(),
    ...(options.valuesRepo ? { valuesRepo: options.valuesRepo } : {}),
  };
  const byKind = readResources(documents, ctx);
  const of = (kind: string): KubeResource[] => byKind.get(kind) ?? [];
  const imported: ImportedApp[] = [];
  const applications = of("Application");
  const extra = new Map<string, UpdaterImage[]>();
  const named = applications.map((a) => ({
    name: a.metadata.name,
    namespace: a.metadata.namespace,
    labels: a.metadata.labels ?? {},
  }));
  for (const updater of of("ImageUpdater")) {
    for (const [name, images] of updaterResource(updater, named, ctx))
      extra.set(name, [...(extra.get(name) ?? []), ...images]);
  }
  for (const application of applications)
    pushDefined(imported, argoApplication(application, ctx, extra.get(application.metadata.name)));
  const sources = new FluxSources(ctx);
  for (const kind of ["GitRepository", "HelmRepository", "OCIRepository"])
    for (const source of of(kind)) sources.add(source);
  const kustomizations = new Map<string, ImportedApp>();
  for (const k of of("Kustomization")) {
    const app = fluxKustomization(k, sources, ctx);
    if (app) kustomizations.set(`${k.metadata.namespace ?? "flux-system"}/${k.metadata.name}`, app);
    pushDefined(imported, app);
  }
  const appliedBy = (namespace: string, name: string) =>
    kustomizations.get(`${namespace}/${name}`)?.app["source"] as
      | { repo: string; branch: string; path: string }
      | undefined;
  for (const release of of("HelmRelease"))
    pushDefined(imported, fluxHelmRelease(release, sources, ctx, appliedBy, options.valuesRepo));
  const repositories = new Map(
    of("ImageRepository").map((r) => [`${r.metadata.namespace ?? "flux-system"}/${r.metadata.name}`, r]),
  );
  for (const automation of of("ImageUpdateAutomation"))
    fluxImageAutomation(automation, of("ImagePolicy"), repositories, imported, sources, ctx);
  const appSets: ImportedApp[] = [];
  for (const set of of("ApplicationSet")) pushDefined(appSets, argoApplicationSet(set, ctx));
  return { apps: imported, appSets, ctx };
}

function pushDefined<T>(list: T[], item: T | undefined): void {
  if (item !== undefined) list.push(item);
}

function readResources(documents: readonly unknown[], ctx: ImportContext): Map<string, KubeResource[]> {
  const byKind = new Map<string, KubeResource[]>();
  const flat = documents.flatMap((d) => (isList(d) ? d.items : [d])).filter((d) => d !== null && d !== undefined);
  for (const [i, document] of flat.entries()) {
    const parsed = kubeResourceSchema.safeParse(document);
    if (!parsed.success) {
      ctx.report.skipped(`document ${i + 1}`, "not a Kubernetes resource (apiVersion, kind and metadata.name)");
      continue;
    }
    const resource = parsed.data;
    if (!KINDS[apiGroup(resource.apiVersion)]?.includes(resource.kind)) {
      ctx.report.skipped(
        describeResource(resource),
        `${resource.apiVersion} ${resource.kind} is not a kind import reads`,
      );
      continue;
    }
    byKind.set(resource.kind, [...(byKind.get(resource.kind) ?? []), resource]);
  }
  return byKind;
}

function isList(document: unknown): document is { items: unknown[] } {
  return typeof document === "object" && document !== null && Array.isArray((document as { items?: unknown }).items);
}

/** Apps that pass the schema, names made unique; the rest are noted with every problem. */
function validApps(imported: readonly ImportedApp[], ctx: ImportContext): Record<string, unknown>[] {
  const names = new Set<string>();
  return imported.flatMap(({ from, app }) => {
    let name = String(app["name"]);
    for (let n = 2; names.has(name); n++) name = `${String(app["name"]).slice(0, 60)}-${n}`;
    if (name !== app["name"])
      ctx.report.changed(from, `named ${name}: ${String(app["name"])} was taken`, "metadata.name");
    const renamed = { ...app, name };
    const problems = configProblems({ apps: [renamed] }, ctx);
    if (problems.length) {
      ctx.report.skipped(from, `not a valid app: ${problems.join("; ")}`);
      return [];
    }
    names.add(name);
    return [renamed];
  });
}

/** App sets that pass the schema, their template filled with a sample element too; the rest are noted with every problem. */
function validAppSets(sets: readonly ImportedApp[], ctx: ImportContext): Record<string, unknown>[] {
  return sets.flatMap(({ from, app }) => {
    const schema = configProblems({ appSets: [app] }, ctx);
    const problems = schema.length ? schema : appSetTemplateProblems(app);
    if (problems.length === 0) return [app];
    ctx.report.skipped(from, `not a valid app set: ${problems.join("; ")}`);
    return [];
  });
}
