import type { AppConfig } from "../config/app-config.ts";
import { appScope, repoPath } from "../config/app-scope.ts";
import type { AppIndex } from "./app-index.ts";

/** The apps of an index by what events name: a delivery costs lookups, not a pass over every app. */
export interface AppMatcher {
  /** Apps whose source is one of these repositories (normalised URLs), each once. */
  followingRepo(repositoryKeys: readonly string[]): readonly AppConfig[];
  /** Apps whose source is this branch of one of these repositories, each once, in the order followingRepo gives. */
  followingBranch(repositoryKeys: readonly string[], branch: string): readonly AppConfig[];
  /** Of the apps on this branch, those a change to one of `paths` syncs (`appScope(app).watches`), found by path. */
  touchedOnBranch(repositoryKeys: readonly string[], branch: string, paths: readonly string[]): ReadonlySet<AppConfig>;
  /** Apps tracking this image repository (normalised). */
  trackingImage(repository: string): readonly AppConfig[];
}

const matchers = new WeakMap<AppIndex, AppMatcher>();

/** The matcher of an index, built once per index (an index never changes; a new revision is a new index). */
export function appMatcher(index: AppIndex): AppMatcher {
  let matcher = matchers.get(index);
  if (!matcher) {
    matcher = build(index);
    matchers.set(index, matcher);
  }
  return matcher;
}

// A NUL cannot be in a repository key or a branch name, so the pair cannot collide.
const branchKey = (repoKey: string, branch: string): string => `${repoKey}\u0000${branch}`;

type Lists = Map<string, AppConfig[]>;

function add(map: Lists, key: string, app: AppConfig): void {
  const list = map.get(key);
  if (!list) map.set(key, [app]);
  // Apps are added one at a time, so a repeat (two images of one repository) can only be the last one.
  else if (list[list.length - 1] !== app) list.push(app);
}

function build(index: AppIndex): AppMatcher {
  const byRepo: Lists = new Map();
  const byBranch: Lists = new Map();
  const byImage: Lists = new Map();
  // Per branch: apps by the root they watch (`branchKey` + NUL + root), and those with globs, tried one by one.
  const byRoot: Lists = new Map();
  const globbing: Lists = new Map();
  for (const { app } of index.entries) {
    const onBranch = branchKey(app.source.repoKey, app.source.branch);
    add(byRepo, app.source.repoKey, app);
    add(byBranch, onBranch, app);
    const scope = appScope(app);
    add(byRoot, `${onBranch}\u0000${scope.root}`, app);
    if (scope.globs.length > 0) add(globbing, onBranch, app);
    for (const image of app.images) add(byImage, image.repository, app);
  }
  // One key (the usual push) is one lookup; several are merged, each app once.
  const union = (lists: readonly AppConfig[][]): readonly AppConfig[] => (lists.length === 1 ? (lists[0] ?? []) : [...new Set(lists.flat())]);
  return {
    followingRepo: (keys) => union(keys.map((key) => byRepo.get(key) ?? [])),
    followingBranch: (keys, branch) => union(keys.map((key) => byBranch.get(branchKey(key, branch)) ?? [])),
    touchedOnBranch(keys, branch, paths) {
      const touched = new Set<AppConfig>();
      const cleaned = paths.map(repoPath);
      for (const key of keys) {
        const onBranch = branchKey(key, branch);
        for (const path of cleaned) for (const root of rootsOver(path)) for (const app of byRoot.get(`${onBranch}\u0000${root}`) ?? []) touched.add(app);
        for (const app of globbing.get(onBranch) ?? []) if (cleaned.some((path) => appScope(app).globbed(path))) touched.add(app);
      }
      return touched;
    },
    trackingImage: (repository) => byImage.get(repository) ?? [],
  };
}

/** Every root an app could watch that holds `path`: the whole repository, each folder above it, the path itself. */
function rootsOver(path: string): string[] {
  const roots = ["", path];
  for (let i = path.indexOf("/"); i !== -1; i = path.indexOf("/", i + 1)) roots.push(path.slice(0, i));
  return roots;
}
