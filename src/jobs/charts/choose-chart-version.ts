import { pickVersion } from "../../adapters/charts/chart-versions.ts";
import type { ChartSources } from "../../adapters/charts/chart-sources.ts";
import { semverRange } from "../../core/config/semver-range.ts";
import { PermanentJobError } from "../../core/errors/permanent-job-error.ts";
import { retryOf } from "../../core/errors/retry-of.ts";
import { buildTagPolicy } from "../../engine/policy/build-tag-policy.ts";
import type { TagPolicy } from "../../engine/policy/tag-policy.ts";

/** The semver order of a chart's range, for never-downgrade and rollback-hold decisions. */
export function chartPolicy(range: string): TagPolicy {
  const semver = semverRange(range) ?? range;
  return buildTagPolicy({ kind: "semver", semver, prerelease: false, ignore: [], pinDigest: false }, () => Promise.resolve(undefined));
}

/**
 * The newest version the range allows among those the repository lists (its index.yaml, or its OCI
 * tags) listed now, as Helm would pick it; the job's version is only a hint. A repository that refuses is a
 * PermanentJobError; one that does not answer is retried.
 */
export async function chooseChartVersion(charts: ChartSources, chart: { repo: string; name: string; range: string }, now: Date): Promise<{ version: string } | { skipped: string }> {
  let listed;
  try {
    listed = await charts.versions({ repo: chart.repo, name: chart.name }, { listedSince: now.getTime() });
  } catch (error) {
    if (retryOf(error) === "never" && error instanceof Error) throw new PermanentJobError(error.message, { cause: error });
    throw error;
  }
  const version = pickVersion(semverRange(chart.range) ?? chart.range, listed.versions.map((v) => v.version));
  if (version === undefined) return { skipped: `no version of ${chart.name} in ${chart.repo} matches ${chart.range}` };
  return { version };
}
