import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import type { AppConfig } from "../config/app-config.ts";
import type { CommandRunner } from "./command-runner.ts";
import type { Manifest } from "./manifest.ts";
import { parseManifests } from "./parse-manifests.ts";

export interface RenderTools {
  helm: string;
  kubectl: string;
  run: CommandRunner;
  timeoutMs: number;
}

/** Renders an app from a checkout of its source repo into Kubernetes objects. */
export async function renderApp(app: AppConfig, checkoutDir: string, tools: RenderTools): Promise<Manifest[]> {
  const base = resolve(checkoutDir, app.source.path);
  if (base !== checkoutDir && !base.startsWith(`${checkoutDir}/`)) throw new Error(`source.path ${app.source.path} leaves the repository`);
  if ("helm" in app.render) return renderHelm(app, app.render.helm, base, tools);
  if ("kustomize" in app.render) {
    const out = await tools.run(tools.kubectl, ["kustomize", base], { timeoutMs: tools.timeoutMs });
    return parseManifests(out, `kustomize ${app.source.path}`);
  }
  return renderDirectory(base, checkoutDir, app.render.directory.recurse);
}

async function renderHelm(app: AppConfig, helm: { releaseName?: string; valueFiles: string[]; values?: Record<string, unknown> }, chart: string, tools: RenderTools): Promise<Manifest[]> {
  const args = ["template", helm.releaseName ?? app.name, chart, "--namespace", app.destination.namespace, "--include-crds"];
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

async function renderDirectory(dir: string, root: string, recurse: boolean): Promise<Manifest[]> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  const out: Manifest[] = [];
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && recurse && !entry.name.startsWith(".")) out.push(...await renderDirectory(path, root, recurse));
    else if (entry.isFile() && /\.(ya?ml|json)$/.test(entry.name)) out.push(...parseManifests(await readFile(path, "utf8"), relative(root, path)));
  }
  return out;
}
