import type { SluiceConfig } from "../../core/config/app-config.ts";
import type { AppSetConfig } from "../../core/config/app-set-config.ts";
import type { AppSourceConfig } from "../../core/config/app-source-config.ts";
import type { AppIndex } from "../../core/apps/app-index.ts";
import type { Logger } from "../../core/log/logger.ts";
import type { GitRemotes } from "../../adapters/git/git-workspace.ts";
import type { SecretResolver } from "../../adapters/secrets/secret-resolver.ts";
import { buildAppIndex, sourceLabel, type SourceRead } from "../../engine/appsets/build-app-index.ts";
import type { BranchHead, OpenRequest } from "../../engine/appsets/generator-inputs.ts";
import { readDefinitionsFile } from "../../engine/appsets/read-definitions-file.ts";
import { gitAuthFor } from "../deps/git-auth-for.ts";
import { readGeneratorInputs } from "./read-generator-inputs.ts";
import { readDefinitionFiles } from "./read-tree.ts";
import { reasonOf } from "./reason-of.ts";
import { RevisionCache } from "./revision-cache.ts";
import { watchedRepos } from "./generator-reads.ts";
import type { PullRequestsGenerator } from "./pull-requests-generator.ts";

export interface GitAppIndexDeps {
  readonly config: SluiceConfig;
  readonly git: GitRemotes;
  readonly secrets: SecretResolver;
  listBranches(url: string, auth?: { username: string; password: string }): Promise<BranchHead[]>;
  /** Open pull or merge requests of a pullRequests generator's repository. */
  listRequests?(generator: PullRequestsGenerator): Promise<OpenRequest[]>;
  readonly logger: Logger;
  now(): number;
  /** How long an index is used before the heads are asked again; a push to a watched repository asks at once. */
  readonly maxAgeMs: number;
}

/**
 * The app index read from git: each app source's head (one ref query), its files read again only
 * when the head moved, the generators' branches, directories and requests, then `buildAppIndex`.
 * A warm process asks the heads at most every `maxAgeMs`; concurrent callers share one read.
 */
export class GitAppIndex {
  private index: AppIndex | undefined;
  private readAt = Number.NEGATIVE_INFINITY;
  private reading: Promise<AppIndex> | undefined;
  private watched = new Set<string>();
  private readonly sources = new RevisionCache<{ path: string; text: string }[]>();
  private readonly directories = new RevisionCache<string[]>();

  constructor(private readonly deps: GitAppIndexDeps) {
    for (const s of deps.config.appSources) this.watched.add(s.repoKey);
    for (const key of watchedRepos(deps.config.appSets)) this.watched.add(key);
  }

  /** The index, read again when older than `maxAgeMs`. */
  current(): Promise<AppIndex> {
    if (this.index && this.deps.now() - this.readAt < this.deps.maxAgeMs) return Promise.resolve(this.index);
    return this.refresh();
  }

  /** Reads the heads now (a push to an app source, the sweep); callers during a read share it. */
  refresh(): Promise<AppIndex> {
    this.reading ??= this.read().finally(() => {
      this.reading = undefined;
    });
    return this.reading;
  }

  /** The index as last read, without reading. */
  held(): AppIndex | undefined {
    return this.index;
  }

  /** True when a push to one of these repositories (normalised) can change the apps. */
  watches(repositoryKeys: readonly string[]): boolean {
    return repositoryKeys.some((key) => this.watched.has(key));
  }

  private async read(): Promise<AppIndex> {
    const started = this.deps.now();
    const { config } = this.deps;
    const sources = await Promise.all(config.appSources.map((source) => this.readSource(source)));
    const sets: AppSetConfig[] = [...config.appSets];
    for (const s of sources) {
      if (!s.read.ok) continue;
      for (const file of s.read.value.files) sets.push(...readDefinitionsFile(file.path, file.text, config).appSets.map((a) => a.set));
    }
    const inputs = await readGeneratorInputs(sets, { ...this.deps, directories: this.directories });
    const index = buildAppIndex({ config, sources, inputs, previous: this.index });
    this.watched = new Set([...config.appSources.map((s) => s.repoKey), ...watchedRepos(sets)]);
    if (index.revision !== this.index?.revision) {
      this.deps.logger.info("app index read", { revision: index.revision, apps: index.entries.length, problems: index.problems.length, ms: this.deps.now() - started });
      for (const p of index.problems) this.deps.logger.warn("app definition refused", { file: p.file, path: p.path, reason: p.message, ...(p.name ? { app: p.name } : {}) });
    }
    this.index = index;
    this.readAt = this.deps.now();
    return index;
  }

  private async readSource(source: AppSourceConfig): Promise<SourceRead> {
    try {
      const auth = await gitAuthFor(source.repo, this.deps);
      const head = await this.deps.git.headOf(source.repo, source.branch, auth);
      if (head === undefined) return { source, read: { ok: false, reason: `branch ${source.branch} not found in ${source.repo}` } };
      const files = await this.sources.at(`${sourceLabel(source)}`, head, async () => {
        const workspace = await this.deps.git.checkout(source.repo, source.branch, auth);
        try {
          return await readDefinitionFiles(workspace.dir, source.path);
        } finally {
          await workspace.dispose();
        }
      });
      return { source, read: { ok: true, value: { head, files } } };
    } catch (error) {
      return { source, read: { ok: false, reason: reasonOf(error) } };
    }
  }
}
