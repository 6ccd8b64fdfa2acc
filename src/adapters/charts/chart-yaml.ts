import { parse } from "yaml";
import * as z from "zod";

const chartYamlSchema = z.object({
  name: z.string().optional(),
  dependencies: z.array(z.object({
    name: z.string().min(1),
    version: z.string().optional(),
    repository: z.string().optional(),
    alias: z.string().optional(),
  })).nullish(),
});

/** One entry of a Chart.yaml's `dependencies:`. */
export type ChartDependency = NonNullable<z.infer<typeof chartYamlSchema>["dependencies"]>[number];

/** Where a dependency comes from: a folder of the same repo, or a Helm or OCI repository. */
export type DependencySource =
  | { readonly kind: "file"; readonly path: string }
  | { readonly kind: "repo"; readonly repo: string }
  | { readonly kind: "unknown"; readonly reason: string };

/** The dependencies a Chart.yaml lists; a file that does not parse is an Error naming it. */
export function chartDependencies(text: string, file: string): ChartDependency[] {
  const parsed = chartYamlSchema.safeParse(parse(text));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    throw new Error(`${file}: not a Chart.yaml: ${problems}`);
  }
  return parsed.data.dependencies ?? [];
}

/** How `repository:` names the dependency's source. */
export function dependencySource(dep: ChartDependency): DependencySource {
  const repo = (dep.repository ?? "").trim();
  if (repo === "") return { kind: "unknown", reason: `dependency ${dep.name} has no repository and is not in charts/` };
  if (repo.startsWith("file://")) return { kind: "file", path: repo.slice("file://".length) };
  if (/^(https?|oci):\/\//.test(repo)) return { kind: "repo", repo };
  return { kind: "unknown", reason: `dependency ${dep.name} names its repository ${repo} as one added by \`helm repo add\`; give its URL` };
}
