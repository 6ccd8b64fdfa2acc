import type { ImportReport } from "./import-report.ts";

/** The files of a checked-out git repository, so import can see what Argo CD or Flux would find there. */
export interface RepoCheckout {
  /** True when the repo-relative path is a file. */
  exists(path: string): boolean;
  /** Repo-relative paths of files under `dir` (repo-relative, `.` for all) whose text contains `needle`. */
  filesContaining(dir: string, needle: string): string[];
}

/** What every translator needs: where to note problems, how to name clusters, checkouts to look into. */
export interface ImportContext {
  readonly report: ImportReport;
  /** The Sluice cluster name for the cluster Argo CD or Flux runs in (`https://kubernetes.default.svc`). */
  readonly inCluster: string;
  /** The checkout of a repository by its URL, when the user gave one. */
  checkoutFor(repoUrl: string): RepoCheckout | undefined;
  /** Cluster names the imported apps deploy to, for the user to define under `clusters:`. */
  readonly clusters: Set<string>;
  /** The git repository (`--values-repo`) for apps whose chart comes from a repository and that name no git source. */
  readonly valuesRepo?: { repo: string; branch: string; path: string };
}
