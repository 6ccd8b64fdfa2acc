import { httpsGitUrl } from "./https-git-url.ts";
import { argoHelm } from "./argo-helm.ts";
import { argoJsonnet } from "./argo-jsonnet.ts";
import type { ImportContext } from "./import-context.ts";

type Obj = Record<string, unknown>;

/** What an Application's source(s) become: the app's `source` and `render`, or why there is none. */
export type TranslatedSource = { source: Obj; render: Obj } | { skipped: string };

/**
 * An Application's `source`, or its `sources` (a chart from a Helm repository plus a git
 * repository with `ref:` for `$values/…` files, as Argo CD's multiple sources).
 */
export function argoSource(spec: Obj, name: string, ctx: ImportContext): TranslatedSource {
  const sources = (Array.isArray(spec["sources"]) ? spec["sources"] : spec["source"] ? [spec["source"]] : []) as Obj[];
  const charts = sources.filter((s) => typeof s["chart"] === "string");
  const gits = sources.filter((s) => typeof s["chart"] !== "string");
  if (sources.length === 0) return { skipped: "no source" };
  if (charts.length > 1) return { skipped: `${charts.length} charts: a Sluice app renders one chart` };
  const git = gits.find((s) => s["ref"] !== undefined && charts.length > 0) ?? gits[0];
  const chart = charts[0];
  if (!git && chart && ctx.valuesRepo) {
    ctx.report.changed(
      name,
      `a chart with no git source: the app's git source is ${ctx.valuesRepo.repo} (--values-repo)`,
      "spec.source",
    );
    return { source: { ...ctx.valuesRepo }, render: { helm: chartRender(chart, name, ctx) } };
  }
  if (!git)
    return {
      skipped:
        "a chart from a Helm repository with no git source: Sluice apps need a git repository (add one as a source with ref:, or pass --values-repo)",
    };
  if (gits.length > 1)
    ctx.report.skipped(name, `only one git source is rendered: ${String(git["repoURL"])}`, "spec.sources");
  const repo = httpsGitUrl(String(git["repoURL"] ?? ""));
  if (!repo) return { skipped: `repoURL ${String(git["repoURL"])} is not a git URL import can read` };
  if (repo.converted)
    ctx.report.changed(
      name,
      `repoURL ${String(git["repoURL"])} is read over https as ${repo.url}: give git.credentials for it`,
      "spec.source.repoURL",
    );
  const path = typeof git["path"] === "string" && git["path"] !== "" ? git["path"] : ".";
  const source: Obj = { repo: repo.url, branch: branchOf(git["targetRevision"], name, ctx), path };
  if (chart) return { source, render: { helm: chartRender(chart, name, ctx) } };
  return { source, render: renderOf(git, repo.url, path, name, ctx) };
}

function chartRender(chart: Obj, name: string, ctx: ImportContext): Obj {
  return { ...argoHelm((chart["helm"] ?? {}) as Obj, name, ctx, "spec.sources[].helm"), chart: chartOf(chart) };
}

function chartOf(chart: Obj): Obj {
  const repo = String(chart["repoURL"] ?? "");
  return {
    repo: /^[a-z]+:\/\//.test(repo) ? repo : `oci://${repo}`,
    name: String(chart["chart"]),
    version: String(chart["targetRevision"] ?? "*"),
  };
}

function branchOf(revision: unknown, name: string, ctx: ImportContext): string {
  const text = typeof revision === "string" ? revision.replace(/^refs\/heads\//, "") : "";
  if (text === "" || text === "HEAD") {
    ctx.report.changed(
      name,
      "targetRevision HEAD (the default branch) is written as main",
      "spec.source.targetRevision",
    );
    return "main";
  }
  if (/^[0-9a-f]{40}$/.test(text) || /^v?\d+\.\d+/.test(text) || /[*^~<>]/.test(text)) {
    ctx.report.changed(
      name,
      `targetRevision ${text} looks like a commit, tag or range: Sluice follows a branch, named ${text} here`,
      "spec.source.targetRevision",
    );
  }
  return text;
}

function renderOf(git: Obj, repoUrl: string, path: string, name: string, ctx: ImportContext): Obj {
  if (git["plugin"] !== undefined)
    ctx.report.skipped(
      name,
      "config management plugins are not run; rendered as a plain directory",
      "spec.source.plugin",
    );
  if (git["helm"] !== undefined) return { helm: argoHelm(git["helm"] as Obj, name, ctx, "spec.source.helm") };
  if (git["kustomize"] !== undefined) {
    const options = Object.keys(git["kustomize"] as Obj);
    if (options.length)
      ctx.report.skipped(
        name,
        `kustomize options ${options.join(", ")}: set them in the kustomization.yaml`,
        "spec.source.kustomize",
      );
    return { kustomize: {} };
  }
  if (git["directory"] !== undefined) return { directory: directoryOf(git["directory"] as Obj, name, ctx) };
  const checkout = ctx.checkoutFor(repoUrl);
  const at = (file: string): boolean => checkout?.exists(path === "." ? file : `${path}/${file}`) ?? false;
  if (at("Chart.yaml")) return { helm: {} };
  if (at("kustomization.yaml") || at("kustomization.yml") || at("Kustomization")) return { kustomize: {} };
  if (!checkout)
    ctx.report.changed(
      name,
      "Argo CD picks the tool from the files; without a checkout import assumed a plain directory",
      "spec.source",
    );
  return { directory: { recurse: false } };
}

function directoryOf(directory: Obj, name: string, ctx: ImportContext): Obj {
  const jsonnet = argoJsonnet(directory["jsonnet"], name, ctx.report);
  return {
    recurse: directory["recurse"] === true,
    ...(jsonnet ? { jsonnet } : {}),
    ...(typeof directory["include"] === "string" ? { include: directory["include"] } : {}),
    ...(typeof directory["exclude"] === "string" ? { exclude: directory["exclude"] } : {}),
  };
}
