import type { AppIndex } from "../../core/apps/app-index.ts";

/** How the problem of an app set begins when one of its generators' inputs could not be read for an index. */
export const CANNOT_GENERATE_NOW = "cannot generate now";

/**
 * True when the app set could not read a generator's input (a host's API rate limited or down, a
 * repository unreachable) for this index: an app of it missing from the index may well still be generated,
 * so it is not removed on that index's word.
 */
export function isUnsettled(index: AppIndex, appSet: string): boolean {
  return index.problems.some((p) => p.name === appSet && p.message.startsWith(CANNOT_GENERATE_NOW));
}
