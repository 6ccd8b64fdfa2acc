import type { AppConfig } from "../config/app-config.ts";
import type { AppIndex } from "./app-index.ts";

/** The apps of an index by what events name: a delivery costs lookups, not a pass over every app. */
export interface AppMatcher {
  /** Apps whose source is one of these repositories (normalised URLs), each once. */
  followingRepo(repositoryKeys: readonly string[]): AppConfig[];
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

function build(index: AppIndex): AppMatcher {
  const byRepo = new Map<string, AppConfig[]>();
  const byImage = new Map<string, AppConfig[]>();
  const push = (map: Map<string, AppConfig[]>, key: string, app: AppConfig) => {
    const list = map.get(key);
    if (!list) map.set(key, [app]);
    else if (!list.includes(app)) list.push(app);
  };
  for (const { app } of index.entries) {
    push(byRepo, app.source.repoKey, app);
    for (const image of app.images) push(byImage, image.repository, app);
  }
  return {
    followingRepo(keys) {
      const lists = keys.flatMap((key) => byRepo.get(key) ?? []);
      return keys.length > 1 ? [...new Set(lists)] : lists;
    },
    trackingImage: (repository) => byImage.get(repository) ?? [],
  };
}
