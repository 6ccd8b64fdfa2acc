import type { AppIndex, IndexedApp } from "../../core/apps/app-index.ts";

// A NUL is in no branch name, so the pair cannot collide.
const requestKey = (number: number | string, branch: string): string => `${number}\u0000${branch}`;

const built = new WeakMap<AppIndex, Map<string, IndexedApp[]>>();

/**
 * The generated apps of one pull (merge) request, by the `number` and `branch` variables its
 * generator gave them: a lookup in a map built once per index (an index never changes), not a pass over every app.
 */
export function requestApps(index: AppIndex, number: number, branch: string): readonly IndexedApp[] {
  let byRequest = built.get(index);
  if (!byRequest) {
    byRequest = new Map();
    for (const entry of index.entries) {
      const { number: n, branch: b } = entry.labels;
      if (!entry.appSet || n === undefined || b === undefined) continue;
      const key = requestKey(n, b);
      const list = byRequest.get(key);
      if (list) list.push(entry);
      else byRequest.set(key, [entry]);
    }
    built.set(index, byRequest);
  }
  return byRequest.get(requestKey(number, branch)) ?? [];
}
