import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative, resolve, sep } from "node:path";
import picomatch from "picomatch";
import type { AppConfig } from "../../core/config/app-config.ts";
import { CommandError, type CommandRunner } from "./command-runner.ts";
import type { Manifest } from "./manifest.ts";
import { ManifestError, parseManifests } from "./parse-manifests.ts";
import type { RenderCache } from "./render-cache.ts";
import { buildDependencies } from "./build-dependencies.ts";
import { ChartError } from "../charts/chart-error.ts";
import { chartDependencies } from "../charts/chart-yaml.ts";
import type { ChartSources } from "../charts/chart-sources.ts";
import { commandRetry, RenderError } from "./render-error.ts";
import { renderJsonnet } from "./render-jsonnet.ts";
import { JSONNET_BUILD_COMMAND } from "./run-jsonnet.ts";

export interface RenderTools {
  helm: string;
  kubectl: string;
  run: CommandRunner;
  /** A renderer still running after this long is killed. */
  timeoutMs: number;
  /** Rendered output by repo, revision and path; none means render every time. */
  cache?: RenderCache;
  /** Charts from Helm and OCI repositories, for app charts and Chart.yaml dependencies; none: git charts only. */
  charts?: ChartSources;
  /** go-jsonnet compiled to wasm, for a directory's `.jsonnet` files (infra/build-jsonnet.sh); none: jsonnet fails. */
  jsonnet?: string;
}

/** The destination's Kubernetes version and served API versions, so Helm's `.Capabilities` match it. */
export interface RenderCapabilities {
  kubeVersion: string;
  apiVersions: readonly string[];
}

/** Renders an app from a checkout of its source repo into Kubernetes objects. */
export async function renderApp(app: AppConfig, checkoutDir: string, tools: RenderTools, capabilities?: RenderCapabilities): Promise<Manifest[]> {
  const base = resolve(checkoutDir, app.source.path);
  if (base !== checkoutDir && !base.startsWith(`${checkoutDir}${sep}`)) throw new RenderError(`source.path ${app.source.path} leaves the repository`, { retry: "never" });
  try {
    if ("helm" in app.render) return await renderHelm(app, app.render.helm, base, checkoutDir, tools, capabilities);
    if ("kustomize" in app.render) {
      const out = await tools.run(tools.kubectl, ["kustomize", base], { timeoutMs: tools.timeoutMs });
      return parseManifests(out, `kustomize ${app.source.path}`);
    }
    return await renderDirectory(base, checkoutDir, app.render.directory, tools);
  } catch (error) {
    if (error instanceof ManifestError) throw new RenderError(`${app.name}: ${error.message}`, { retry: "never", cause: error });
    if (error instanceof CommandError) throw new RenderError(`${app.name}: ${error.message}`, { retry: commandRetry(error), cause: error });
    throw error;
  }
}

type HelmConfig = Extract<AppConfig["render"], { helm: unknown }>["helm"];

async function renderHelm(app: AppConfig, helm: HelmConfig, base: string, root: string, tools: RenderTools, capabilities?: RenderCapabilities): Promise<Manifest[]> {
  const scratch = await mkdtemp(join(tmpdir(), "sluice-helm-"));
  try {
    const chart = await helmChart(helm, base, root, scratch, tools.charts);
    const args = ["template", helm.releaseName ?? app.name, chart, "--namespace", app.destination.namespace];
    if (helm.includeCRDs) args.push("--include-crds");
    const kubeVersion = helm.kubeVersion ?? capabilities?.kubeVersion;
    if (kubeVersion) args.push("--kube-version", kubeVersion);
    if (capabilities && capabilities.apiVersions.length > 0) args.push("--api-versions", capabilities.apiVersions.join(","));
    for (const file of helm.valueFiles) args.push("--values", valueFile(file, base, root));
    if (helm.values) {
      const inline = join(scratch, "values.json");
      await writeFile(inline, JSON.stringify(helm.values));
      args.push("--values", inline);
    }
    const out = await tools.run(tools.helm, args, { timeoutMs: tools.timeoutMs });
    return parseManifests(out, `helm template ${helm.chart ? `${helm.chart.repo} ${helm.chart.name}` : app.source.path}`);
  } catch (error) {
    if (error instanceof ChartError) throw new RenderError(`${app.name}: ${error.message}`, { retry: error.retry, cause: error });
    throw error;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * The chart to template: a package from a repository; or the source folder, copied to scratch
 * with its dependencies built when its Chart.yaml lists any (the checkout is never written).
 */
async function helmChart(helm: HelmConfig, base: string, root: string, scratch: string, charts: ChartSources | undefined): Promise<string> {
  if (helm.chart) {
    if (!charts) throw new RenderError(`the chart comes from ${helm.chart.repo}, and this runtime fetches no charts`, { retry: "never" });
    return charts.fetch(await charts.resolve(helm.chart));
  }
  const manifest = await readFile(join(base, "Chart.yaml"), "utf8").catch((error: unknown) => {
    if (isMissing(error)) return "";
    throw error;
  });
  if (manifest === "" || !hasDependencies(manifest, join(base, "Chart.yaml"))) return base;
  const copy = join(scratch, "chart");
  await cp(base, copy, { recursive: true, filter: (path) => !path.split(sep).includes(".git") });
  await buildDependencies(copy, { dir: base, root }, charts);
  return copy;
}

/** A value file: relative to the source path, or with `$values/` to the repository's root; never outside it. */
function valueFile(file: string, base: string, root: string): string {
  const path = file.startsWith("$values/") ? resolve(root, file.slice("$values/".length)) : resolve(base, file);
  if (path !== root && !path.startsWith(`${root}${sep}`)) throw new RenderError(`value file ${file} leaves the repository`, { retry: "never" });
  return path;
}

function hasDependencies(text: string, file: string): boolean {
  try {
    return chartDependencies(text, file).length > 0;
  } catch (error) {
    throw new RenderError(error instanceof Error ? error.message : String(error), { retry: "never", cause: error });
  }
}

const isMissing = (error: unknown): boolean =>
  typeof error === "object" && error !== null && "code" in error && (error.code === "ENOENT" || error.code === "ENOTDIR");

type DirectoryConfig = Extract<AppConfig["render"], { directory: unknown }>["directory"];

async function renderDirectory(base: string, root: string, config: DirectoryConfig, tools: RenderTools): Promise<Manifest[]> {
  const include = picomatch(config.include, { dot: false });
  const exclude = config.exclude.length > 0 ? picomatch(config.exclude, { dot: true }) : () => false;
  const out: Manifest[] = [];
  const unread: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const path = join(dir, entry.name);
      const rel = relative(base, path).split(sep).join("/");
      if (entry.isDirectory()) {
        if (config.recurse && !entry.name.startsWith(".") && !exclude(rel) && !exclude(`${rel}/`)) await walk(path);
      } else if (entry.isFile() && include(rel) && !exclude(rel)) {
        out.push(...(entry.name.endsWith(".jsonnet") ? await jsonnetFile(path, base, root, config, tools) : parseManifests(await readFile(path, "utf8"), relative(root, path))));
      } else if (entry.isFile() && !exclude(rel) && !DOCUMENTATION.test(entry.name)) {
        unread.push(rel);
      }
    }
  };
  await walk(base);
  if (out.length === 0 && unread.length > 0) throw new RenderError(nothingRendered(unread, config), { retry: "never" });
  return out;
}

const NO_JSONNET_OPTIONS = { tlas: [], extVars: [], libs: [] };

function jsonnetFile(path: string, base: string, root: string, config: DirectoryConfig, tools: RenderTools): Promise<Manifest[]> {
  const posix = (p: string) => p.split(sep).join("/") || ".";
  const file = posix(relative(root, path));
  if (!tools.jsonnet) throw new RenderError(`${file}: this runtime renders no jsonnet (no jsonnet wasm: build it with ${JSONNET_BUILD_COMMAND})`, { retry: "later" });
  return renderJsonnet(file, posix(relative(root, base)), root, config.jsonnet ?? NO_JSONNET_OPTIONS, { wasm: tools.jsonnet, timeoutMs: tools.timeoutMs });
}

// Files no renderer would take for manifests; a folder of them and nothing else renders nothing, rightly.
const DOCUMENTATION = /^(\.|readme|license|changelog|owners)|\.(md|txt)$/i;

/** Why a folder with files rendered nothing: which files, and what Sluice would have read. */
function nothingRendered(unread: readonly string[], config: DirectoryConfig): string {
  const shown = unread.slice(0, 5).join(", ") + (unread.length > 5 ? `, and ${unread.length - 5} more` : "");
  // A .libsonnet is only imported: a folder of them and no .jsonnet renders nothing, and says so.
  const libsonnet = unread.some((f) => f.endsWith(".libsonnet")) ? "; a .libsonnet file is imported by a .jsonnet file, not rendered itself" : "";
  return `the folder renders no objects: ${shown} ${unread.length === 1 ? "is" : "are"} not read (directory.include: ${config.include.join(", ")})${libsonnet}`;
}
