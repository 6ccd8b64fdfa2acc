import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative, resolve, sep } from "node:path";
import picomatch from "picomatch";
import type { AppConfig } from "../../core/config/app-config.ts";
import { CommandError, type CommandRunner } from "./command-runner.ts";
import type { Manifest } from "./manifest.ts";
import { ManifestError, parseManifests } from "./parse-manifests.ts";
import type { RenderCache } from "./render-cache.ts";
import { commandRetry, RenderError } from "./render-error.ts";

export interface RenderTools {
  helm: string;
  kubectl: string;
  run: CommandRunner;
  /** A renderer still running after this long is killed. */
  timeoutMs: number;
  /** Rendered output by repo, revision and path; none means render every time. */
  cache?: RenderCache;
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
    if ("helm" in app.render) return await renderHelm(app, app.render.helm, base, tools, capabilities);
    if ("kustomize" in app.render) {
      const out = await tools.run(tools.kubectl, ["kustomize", base], { timeoutMs: tools.timeoutMs });
      return parseManifests(out, `kustomize ${app.source.path}`);
    }
    return await renderDirectory(base, checkoutDir, app.render.directory);
  } catch (error) {
    if (error instanceof ManifestError) throw new RenderError(`${app.name}: ${error.message}`, { retry: "never", cause: error });
    if (error instanceof CommandError) throw new RenderError(`${app.name}: ${error.message}`, { retry: commandRetry(error), cause: error });
    throw error;
  }
}

type HelmConfig = Extract<AppConfig["render"], { helm: unknown }>["helm"];

async function renderHelm(app: AppConfig, helm: HelmConfig, chart: string, tools: RenderTools, capabilities?: RenderCapabilities): Promise<Manifest[]> {
  const args = ["template", helm.releaseName ?? app.name, chart, "--namespace", app.destination.namespace];
  if (helm.includeCRDs) args.push("--include-crds");
  if (capabilities) {
    args.push("--kube-version", capabilities.kubeVersion);
    if (capabilities.apiVersions.length > 0) args.push("--api-versions", capabilities.apiVersions.join(","));
  }
  for (const file of helm.valueFiles) args.push("--values", resolve(chart, file));
  let scratch: string | undefined;
  try {
    if (helm.values) {
      scratch = await mkdtemp(join(tmpdir(), "sluice-values-"));
      const inline = join(scratch, "values.json");
      await writeFile(inline, JSON.stringify(helm.values));
      args.push("--values", inline);
    }
    const out = await tools.run(tools.helm, args, { timeoutMs: tools.timeoutMs });
    return parseManifests(out, `helm template ${app.source.path}`);
  } finally {
    if (scratch) await rm(scratch, { recursive: true, force: true });
  }
}

type DirectoryConfig = Extract<AppConfig["render"], { directory: unknown }>["directory"];

async function renderDirectory(base: string, root: string, config: DirectoryConfig): Promise<Manifest[]> {
  const include = picomatch(config.include, { dot: false });
  const exclude = config.exclude.length > 0 ? picomatch(config.exclude, { dot: true }) : () => false;
  const out: Manifest[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const path = join(dir, entry.name);
      const rel = relative(base, path).split(sep).join("/");
      if (entry.isDirectory()) {
        if (config.recurse && !entry.name.startsWith(".") && !exclude(rel) && !exclude(`${rel}/`)) await walk(path);
      } else if (entry.isFile() && include(rel) && !exclude(rel)) {
        out.push(...parseManifests(await readFile(path, "utf8"), relative(root, path)));
      }
    }
  };
  await walk(base);
  return out;
}
