import type { AppSetConfig, LeafGeneratorConfig } from "../../core/config/app-set-config.ts";

/** The generators of an app set, a matrix's two among them. */
export function leafGenerators(set: AppSetConfig): LeafGeneratorConfig[] {
  return set.generators.flatMap((g) => ("matrix" in g ? g.matrix.generators : [g]));
}

/** The repositories (normalised) whose pushes can change what these app sets generate. */
export function watchedRepos(sets: readonly AppSetConfig[]): Set<string> {
  const keys = new Set<string>();
  for (const g of sets.flatMap(leafGenerators)) {
    if ("branches" in g) keys.add(g.branches.repoKey);
    if ("gitDirectories" in g) keys.add(g.gitDirectories.repoKey);
    if ("pullRequests" in g) keys.add(g.pullRequests.repoKey);
  }
  return keys;
}
