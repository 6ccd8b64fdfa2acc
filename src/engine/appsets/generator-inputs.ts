import type { ClusterConfig } from "../../core/config/app-config.ts";

/** A branch and the commit it points at. */
export interface BranchHead {
  readonly name: string;
  readonly sha: string;
}

/** An open pull or merge request, as the generators need it. */
export interface OpenRequest {
  readonly number: number;
  readonly branch: string;
  readonly sha: string;
  readonly labels: readonly string[];
}

/** Something read for a generator, or why it could not be read. */
export type Read<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

/** What the generators read outside the configuration, fetched before expansion so expansion is pure. */
export interface GeneratorInputs {
  readonly clusters: readonly ClusterConfig[];
  /** Branch heads by repository key. */
  readonly branches: ReadonlyMap<string, Read<readonly BranchHead[]>>;
  /** Directory paths (repo-relative) by `<repoKey>#<branch>`. */
  readonly directories: ReadonlyMap<string, Read<readonly string[]>>;
  /** Open requests by `<provider>:<repoKey>`. */
  readonly requests: ReadonlyMap<string, Read<readonly OpenRequest[]>>;
}

export const directoriesKey = (repoKey: string, branch: string): string => `${repoKey}#${branch}`;
export const requestsKey = (provider: string, repoKey: string): string => `${provider}:${repoKey}`;
