import { argoApplication } from "./argo-application.ts";
import { dnsLabelFrom } from "./dns-label-from.ts";
import { httpsGitUrl } from "./https-git-url.ts";
import type { ImportContext } from "./import-context.ts";
import type { ImportedApp } from "./imported-app.ts";
import { describeResource, type KubeResource } from "./kube-resource.ts";

type Obj = Record<string, unknown>;

// Argo CD's generator variables that Sluice spells otherwise.
const RENAMES: Readonly<Record<string, string>> = {
  name: "cluster.name",
  server: "cluster.server",
  branch_slug: "branchSlug",
  head_sha: "sha",
  head_short_sha: "shortSha",
};

const SECRET_TYPE = "argocd.argoproj.io/secret-type";

/** A pull request's head commit as targetRevision: a Sluice app follows the request's branch instead. */
function followBranch(spec: Obj, from: string, ctx: ImportContext): void {
  const source = spec["source"] as Obj | undefined;
  const revision = source?.["targetRevision"];
  if (!source || typeof revision !== "string" || !/^\{\{(sha|shortSha)\}\}$/.test(revision)) return;
  source["targetRevision"] = "{{branch}}";
  ctx.report.changed(
    from,
    `targetRevision ${revision} is written as {{branch}}: the app follows the request's branch, at its head`,
    "spec.template.spec.source.targetRevision",
  );
}

// Why the generators Sluice lacks are not translated.
const WHY: Readonly<Record<string, string>> = {
  scmProvider:
    "Sluice does not list an organization's repositories; give each repository a branches or pullRequests generator",
  merge: "Sluice has no merge of generators; give each its own app set",
  clusterDecisionResource: "Sluice reads no placement resources; label the clusters and use a clusters generator",
  plugin: "Sluice calls no generator plugins",
};

/**
 * An ApplicationSet as a Sluice app set: list, clusters, git directories, GitHub/GitLab pull
 * request and matrix generators, and its template translated as an Application is.
 */
export function argoApplicationSet(resource: KubeResource, ctx: ImportContext): ImportedApp | undefined {
  const from = describeResource(resource);
  const spec = resource.spec;
  const goTemplate = spec["goTemplate"] === true;
  const generators = (Array.isArray(spec["generators"]) ? (spec["generators"] as Obj[]) : []).flatMap(
    (g, i) => generator(g, from, `spec.generators[${i}]`, ctx) ?? [],
  );
  if (generators.length === 0) {
    ctx.report.skipped(
      from,
      "no generator Sluice has (list, clusters, git directories, pullRequest, matrix)",
      "spec.generators",
    );
    return undefined;
  }
  const usesClusters = JSON.stringify(generators).includes('"clusters"');
  const template = placeholders((spec["template"] ?? {}) as Obj, goTemplate, usesClusters) as Obj;
  const metadata = (template["metadata"] ?? {}) as Obj;
  followBranch((template["spec"] ?? {}) as Obj, from, ctx);
  const app = argoApplication(
    {
      apiVersion: "argoproj.io/v1alpha1",
      kind: "Application",
      metadata: {
        name: String(metadata["name"] ?? "{{name}}"),
        ...(metadata["annotations"] ? { annotations: metadata["annotations"] as Record<string, string> } : {}),
      },
      spec: (template["spec"] ?? {}) as Obj,
    },
    ctx,
    [],
    `${from} template`,
  );
  if (!app) return undefined;
  return { from, app: { name: dnsLabelFrom(resource.metadata.name), generators, template: app.app } };
}

function generator(g: Obj, from: string, field: string, ctx: ImportContext): Obj | undefined {
  if (g["list"]) {
    const elements = ((g["list"] as Obj)["elements"] ?? []) as Obj[];
    return {
      list: {
        elements: elements.map((e) =>
          Object.fromEntries(Object.entries(e).map(([k, v]) => [k, typeof v === "object" ? JSON.stringify(v) : v])),
        ),
      },
    };
  }
  if (g["clusters"]) {
    const selector = ((g["clusters"] as Obj)["selector"] ?? {}) as Obj;
    const labels = { ...((selector["matchLabels"] ?? {}) as Record<string, string>) };
    if (labels[SECRET_TYPE] !== undefined) {
      delete labels[SECRET_TYPE];
      ctx.report.changed(
        from,
        `matchLabels ${SECRET_TYPE} dropped: it marks Argo CD's cluster Secrets, and every Sluice cluster is one`,
        `${field}.clusters.selector`,
      );
    }
    if (selector["matchExpressions"] !== undefined)
      ctx.report.skipped(
        from,
        "matchExpressions: Sluice selects clusters by matchLabels",
        `${field}.clusters.selector.matchExpressions`,
      );
    return { clusters: { selector: { matchLabels: labels } } };
  }
  if (g["git"]) return gitGenerator(g["git"] as Obj, from, field, ctx);
  if (g["pullRequest"]) return pullRequestGenerator(g["pullRequest"] as Obj, from, field, ctx);
  if (g["matrix"]) {
    const inner = ((g["matrix"] as Obj)["generators"] ?? []) as Obj[];
    if (inner.length !== 2 || inner.some((x) => x["matrix"] || x["merge"])) {
      const why = "a Sluice matrix combines two generators, neither a matrix nor a merge";
      ctx.report.skipped(from, why, `${field}.matrix`);
      return undefined;
    }
    const leaves = inner.map((x, i) => generator(x, from, `${field}.matrix.generators[${i}]`, ctx));
    return leaves.every(Boolean) ? { matrix: { generators: leaves } } : undefined;
  }
  const kind = Object.keys(g).filter((k) => !["selector", "template", "values"].includes(k)).join(", ");
  ctx.report.skipped(from, `generator ${kind} has no Sluice equivalent${WHY[kind] ? `: ${WHY[kind]}` : ""}`, field);
  return undefined;
}

function gitGenerator(git: Obj, from: string, field: string, ctx: ImportContext): Obj | undefined {
  const repo = httpsGitUrl(String(git["repoURL"] ?? ""));
  if (!repo) {
    const url = String(git["repoURL"]);
    ctx.report.skipped(from, `repoURL ${url} is not a git URL import can read`, `${field}.git.repoURL`);
    return undefined;
  }
  if (!Array.isArray(git["directories"])) {
    ctx.report.skipped(
      from,
      "git files generators are not translated: Sluice generates from directories (gitDirectories), or declares the apps in an app source's files (appSources)",
      `${field}.git.files`,
    );
    return undefined;
  }
  const dirs = git["directories"] as Obj[];
  const revision = typeof git["revision"] === "string" && git["revision"] !== "HEAD" ? git["revision"] : "main";
  return {
    gitDirectories: {
      repo: repo.url,
      branch: revision,
      include: dirs.filter((d) => d["exclude"] !== true).map((d) => String(d["path"])),
      exclude: dirs.filter((d) => d["exclude"] === true).map((d) => String(d["path"])),
    },
  };
}

function pullRequestGenerator(pr: Obj, from: string, field: string, ctx: ImportContext): Obj | undefined {
  const github = pr["github"] as Obj | undefined;
  const gitlab = pr["gitlab"] as Obj | undefined;
  const gitea = pr["gitea"] as Obj | undefined;
  const provider = github ? "github" : gitlab ? "gitlab" : gitea ? "gitea" : undefined;
  const settings = github ?? gitlab ?? gitea;
  if (!provider || !settings) {
    ctx.report.skipped(
      from,
      `pullRequest ${Object.keys(pr).join(", ")}: pull request generators are translated for GitHub, GitLab and Gitea`,
      field,
    );
    return undefined;
  }
  const api = typeof settings["api"] === "string" ? settings["api"].replace(/\/+$/, "") : undefined;
  const publicApi = { github: "https://api.github.com", gitlab: "https://gitlab.com", gitea: undefined }[provider];
  const own = api !== undefined && api !== publicApi ? api : undefined;
  // GitHub Enterprise serves its API under /api/v3 of the host its repositories are on.
  const publicWeb = provider === "github" ? "https://github.com" : "https://gitlab.com";
  const host = own?.replace(/\/api\/v3$/, "") ?? publicWeb;
  const project =
    provider === "gitlab" ? String(settings["project"]) : `${String(settings["owner"])}/${String(settings["repo"])}`;
  const at = `${field}.${provider}`;
  if (provider === "gitlab" && /^\d+$/.test(project))
    ctx.report.changed(from, `project ${project} is an id: write the repository's path in repo`, `${at}.project`);
  if (settings["tokenRef"] !== undefined) {
    const why = "tokenRef: Kubernetes Secrets are not read; give token: { ssm | secretsManager | env | file }";
    ctx.report.skipped(from, why, `${at}.tokenRef`);
  }
  for (const key of ["filters", "requeueAfterSeconds"])
    if (pr[key] !== undefined)
      ctx.report.skipped(from, `${key} has no Sluice equivalent (labels are kept)`, `${field}.${key}`);
  for (const key of ["pullRequestState", "insecure", "appSecretName", "caRef"])
    if (settings[key] !== undefined) ctx.report.skipped(from, `${key} has no Sluice equivalent`, `${at}.${key}`);
  return {
    pullRequests: {
      provider,
      repo: `${host}/${project}`,
      ...(own ? { api: own } : {}),
      labels: settings["labels"] ?? [],
    },
  };
}

/** Template strings with Sluice's variable names; Go templates' `{{ .a.b }}` become `{{a.b}}`. */
function placeholders(value: unknown, goTemplate: boolean, clusters: boolean): unknown {
  if (typeof value === "string") {
    const pattern = goTemplate ? /\{\{-?\s*\.([A-Za-z0-9_.]+)\s*-?\}\}/g : /\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}/g;
    return value.replace(pattern, (_, name: string) => `{{${renamed(name, clusters)}}}`);
  }
  if (Array.isArray(value)) return value.map((v) => placeholders(v, goTemplate, clusters));
  if (typeof value === "object" && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, placeholders(v, goTemplate, clusters)]));
  return value;
}

function renamed(name: string, clusters: boolean): string {
  // Under goTemplate a git directory's path is `.path.path`; Sluice's is `path`.
  if (name === "path.path") return "path";
  if (clusters && name.startsWith("metadata.labels.")) return `cluster.labels.${name.slice("metadata.labels.".length)}`;
  // name and server are a cluster's only under a clusters generator; elsewhere they are a list element's own keys.
  if ((name === "name" || name === "server") && !clusters) return name;
  return RENAMES[name] ?? name;
}
