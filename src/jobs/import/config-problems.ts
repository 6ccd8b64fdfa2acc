import { configSchema } from "../../core/config/app-config.ts";
import type { ImportContext } from "./import-context.ts";

/**
 * Problems of a config made of `part` (one app or app set) and the clusters the apps name: the
 * checks sluice.yaml gets, so what import writes loads. Paths are given inside the entry.
 */
export function configProblems(part: Record<string, unknown>, ctx: Pick<ImportContext, "clusters">): string[] {
  const clusters = [...ctx.clusters].map((name) => ({ name, kubeconfig: { path: "~/.kube/config" } }));
  const checked = configSchema.safeParse({ clusters, ...part });
  if (checked.success) return [];
  return checked.error.issues.map((issue) => {
    if (issue.code === "unrecognized_keys" && issue.path.length === 0)
      return `this Sluice does not read ${issue.keys.join(", ")}`;
    return `${issue.path.slice(2).join(".") || issue.path.join(".")}: ${issue.message}`;
  });
}
