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
    return { clusters: { selector: { matchLabels: selector["matchLabels"] ?? {} } } };
  }
  if (g["git"]) return gitGenerator(g["git"] as Obj, from, field, ctx);
  if (g["pullRequest"]) return pullRequestGenerator(g["pullRequest"] as Obj, from, field, ctx);
  if (g["matrix"]) {
    const inner = ((g["matrix"] as Obj)["generators"] ?? []) as Obj[];
    const leaves = inner.map((x, i) => generator(x, from, `${field}.matrix.generators[${i}]`, ctx));
    return leaves.length === 2 && leaves.every(Boolean) ? { matrix: { generators: leaves } } : undefined;
  }
  ctx.report.skipped(from, `generator ${Object.keys(g).join(", ")} has no Sluice equivalent`, field);
  return undefined;
}

function gitGenerator(git: Obj, from: string, field: string, ctx: ImportContext): Obj | undefined {
  const repo = httpsGitUrl(String(git["repoURL"] ?? ""));
  if (!repo || !Array.isArray(git["directories"])) {
    ctx.report.skipped(from, "only git directories generators over a git URL are translated (not files)", field);
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
  if (github)
    return {
      pullRequests: {
        provider: "github",
        repo: `https://github.com/${String(github["owner"])}/${String(github["repo"])}`,
        labels: github["labels"] ?? [],
      },
    };
  if (gitlab) {
    const api = typeof gitlab["api"] === "string" ? gitlab["api"].replace(/\/+$/, "") : "https://gitlab.com";
    return {
      pullRequests: { provider: "gitlab", repo: `${api}/${String(gitlab["project"])}`, labels: gitlab["labels"] ?? [] },
    };
  }
  ctx.report.skipped(from, "pull request generators are translated for GitHub and GitLab", field);
  return undefined;
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
  if (clusters && name.startsWith("metadata.labels.")) return `cluster.labels.${name.slice("metadata.labels.".length)}`;
  // name and server are a cluster's only under a clusters generator; elsewhere they are a list element's own keys.
  if ((name === "name" || name === "server") && !clusters) return name;
  return RENAMES[name] ?? name;
}
