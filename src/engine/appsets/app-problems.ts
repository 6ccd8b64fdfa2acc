import type * as z from "zod";
import type { AppConfig, SluiceConfig } from "../../core/config/app-config.ts";
import type { AppDefinitionProblem } from "../../core/apps/app-definition-problem.ts";

/** Every issue of a failed parse as a problem at `prefix` in `file`. */
export function issuesAt(file: string, prefix: string, error: z.ZodError, name?: string): AppDefinitionProblem[] {
  return error.issues.map((issue) => ({
    file,
    path: [prefix, ...issue.path.map(String)].filter((p) => p !== "").join("."),
    message: issue.message,
    ...(name ? { name } : {}),
  }));
}

/** The problem of an app whose destination names a cluster sluice.yaml does not have. */
export function clusterProblem(app: AppConfig, config: SluiceConfig, file: string, prefix: string): AppDefinitionProblem | undefined {
  if (!("cluster" in app.destination)) return undefined;
  const cluster = app.destination.cluster;
  if (config.clusters.some((c) => c.name === cluster)) return undefined;
  return { file, path: `${prefix}.destination.cluster`, message: `no cluster named "${cluster}" under clusters`, name: app.name };
}

/** The `name` a definition gives, when it gives one: a broken app is still known by it. */
export function nameOf(raw: unknown): string | undefined {
  if (typeof raw !== "object" || raw === null || !("name" in raw)) return undefined;
  return typeof raw.name === "string" ? raw.name : undefined;
}
