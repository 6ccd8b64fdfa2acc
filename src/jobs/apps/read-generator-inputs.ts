import type { SluiceConfig } from "../../core/config/app-config.ts";
import type { AppSetConfig } from "../../core/config/app-set-config.ts";
import type { GitRemotes } from "../../adapters/git/git-workspace.ts";
import type { SecretResolver } from "../../adapters/secrets/secret-resolver.ts";
import {
  directoriesKey, requestsKey, type BranchHead, type GeneratorInputs, type OpenRequest, type Read,
} from "../../engine/appsets/generator-inputs.ts";
import { gitAuthFor } from "../deps/git-auth-for.ts";
import { leafGenerators } from "./generator-reads.ts";
import type { PullRequestsGenerator } from "./pull-requests-generator.ts";
import { listDirectories } from "./read-tree.ts";
import { reasonOf } from "./reason-of.ts";
import type { RevisionCache } from "./revision-cache.ts";

export interface GeneratorReadDeps {
  readonly config: SluiceConfig;
  readonly git: GitRemotes;
  readonly secrets: SecretResolver;
  listBranches(url: string, auth?: { username: string; password: string }): Promise<BranchHead[]>;
  listRequests?(generator: PullRequestsGenerator): Promise<OpenRequest[]>;
  readonly directories: RevisionCache<string[]>;
}

/** One read per repository whatever the number of app sets: its branches, its directories at a head, its requests. */
export async function readGeneratorInputs(sets: readonly AppSetConfig[], deps: GeneratorReadDeps): Promise<GeneratorInputs> {
  const branches = new Map<string, Promise<Read<readonly BranchHead[]>>>();
  const directories = new Map<string, Promise<Read<readonly string[]>>>();
  const requests = new Map<string, Promise<Read<readonly OpenRequest[]>>>();
  for (const g of sets.flatMap(leafGenerators)) {
    if ("branches" in g && !branches.has(g.branches.repoKey)) {
      const { repo } = g.branches;
      branches.set(g.branches.repoKey, attempt(async () => deps.listBranches(repo, await gitAuthFor(repo, deps))));
    }
    if ("gitDirectories" in g) {
      const { repo, branch, repoKey } = g.gitDirectories;
      const key = directoriesKey(repoKey, branch);
      if (!directories.has(key)) directories.set(key, attempt(() => readDirectories(repo, branch, key, deps)));
    }
    if ("pullRequests" in g) {
      const key = requestsKey(g.pullRequests.provider, g.pullRequests.repoKey);
      const list = deps.listRequests;
      const generator = g.pullRequests;
      if (!requests.has(key)) {
        requests.set(key, list ? attempt(() => list(generator)) : Promise.resolve({ ok: false, reason: "no hosting API client" }));
      }
    }
  }
  return { clusters: deps.config.clusters, branches: await settle(branches), directories: await settle(directories), requests: await settle(requests) };
}

async function readDirectories(repo: string, branch: string, key: string, deps: GeneratorReadDeps): Promise<string[]> {
  const auth = await gitAuthFor(repo, deps);
  const head = await deps.git.headOf(repo, branch, auth);
  if (head === undefined) throw new Error(`branch ${branch} not found in ${repo}`);
  return deps.directories.at(key, head, async () => {
    const workspace = await deps.git.checkout(repo, branch, auth);
    try {
      return await listDirectories(workspace.dir);
    } finally {
      await workspace.dispose();
    }
  });
}

async function attempt<T>(read: () => Promise<T>): Promise<Read<T>> {
  try {
    return { ok: true, value: await read() };
  } catch (error) {
    return { ok: false, reason: reasonOf(error) };
  }
}

async function settle<T>(reads: Map<string, Promise<Read<T>>>): Promise<Map<string, Read<T>>> {
  return new Map(await Promise.all([...reads].map(async ([key, read]) => [key, await read] as const)));
}
