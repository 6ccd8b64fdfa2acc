import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { dirname, isAbsolute, resolve } from "node:path";
import type { z } from "zod";
import { configSchema, type SluiceConfig } from "./app-config.ts";
import { ConfigError, type ConfigProblem } from "./config-error.ts";
import { readConfigYaml } from "./read-config-yaml.ts";

/** Reads, parses and validates a sluice.yaml; relative paths in it are resolved against its folder. */
export async function loadConfig(path: string): Promise<SluiceConfig> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new ConfigError(path, [{ path: "(file)", message: `cannot read: ${(error as Error).message}` }], { cause: error });
  }
  return parseConfig(text, path);
}

/** Parses configuration text; `source` names it in errors and anchors its relative paths. */
export function parseConfig(text: string, source: string): SluiceConfig {
  const raw = readConfigYaml(text, source);
  const result = configSchema.safeParse(raw ?? {});
  if (!result.success) throw new ConfigError(source, toProblems(result.error));
  return resolvePaths(result.data, dirname(resolve(source)));
}

function toProblems(error: z.ZodError): ConfigProblem[] {
  return error.issues.map((issue) => ({
    path: issue.path.length === 0 ? "(root)" : issue.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("").replace(/^\./, ""),
    message: issue.message,
  }));
}

function resolvePath(base: string, path: string): string {
  if (path === "~" || path.startsWith("~/")) return resolve(homedir(), path.slice(2));
  return isAbsolute(path) ? path : resolve(base, path);
}

function resolvePaths(config: SluiceConfig, base: string): SluiceConfig {
  const secret = <T extends object>(ref: T): T => ("file" in ref && typeof ref.file === "string" ? { ...ref, file: resolvePath(base, ref.file) } : ref);
  return {
    ...config,
    webhooks: Object.fromEntries(Object.entries(config.webhooks).map(([k, v]) => [k, v && "secrets" in v ? { ...v, secrets: v.secrets.map(secret) } : v])),
    clusters: config.clusters.map((c) => ("kubeconfig" in c ? { ...c, kubeconfig: { ...c.kubeconfig, path: resolvePath(base, c.kubeconfig.path) } } : "token" in c ? { ...c, token: secret(c.token) } : c)),
    git: { ...config.git, credentials: config.git.credentials.map((c) => ("password" in c
      ? { ...c, password: secret(c.password) }
      : { ...c, githubApp: { ...c.githubApp, privateKey: secret(c.githubApp.privateKey) } })) },
    helmRepositories: config.helmRepositories.map((r) => ({ ...r, ...(r.password ? { password: secret(r.password) } : {}), ...(r.bearer ? { bearer: secret(r.bearer) } : {}) })),
    apps: config.apps.map((app) => ("directory" in app.destination
      ? { ...app, destination: { ...app.destination, directory: resolvePath(base, app.destination.directory) } }
      : app)),
  };
}
