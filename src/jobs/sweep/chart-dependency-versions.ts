import { dependencySource } from "../../adapters/charts/chart-yaml.ts";
import { dependencyPlace, readVersionAt } from "../../engine/writeback/chart-version-place.ts";
import { gitAuthFor } from "../deps/git-auth-for.ts";
import type { TrackedChart } from "./plan-chart-updates.ts";
import { callEndpoint, SWEEP_TIMEOUTS, type AppView, type SweepContext } from "./sweep-context.ts";
import { reasonOf } from "./endpoint-failure.ts";

/**
 * The `dependencyUpdates` of an app with the version each holds in the Chart.yaml at `head`, read from
 * the branch's snapshot (one shallow checkout per head, shared with planGit). A dependency the file
 * does not have, or one not from a Helm or OCI repository, makes the app Unknown with why.
 */
export async function dependencyVersions(view: AppView, head: string, file: string, ctx: SweepContext): Promise<TrackedChart[]> {
  const { app } = view;
  if (!("helm" in app.render)) return [];
  const { repo, branch } = app.source;
  const auth = await gitAuthFor(repo, ctx.deps);
  const read = await callEndpoint(ctx, `git:${new URL(repo).host}`, `checkout of ${branch} in ${repo}`, SWEEP_TIMEOUTS.snapshot, () => ctx.deps.snapshots.at(ctx.deps.git, repo, branch, head, auth));
  if (!read.ok) {
    ctx.findings.unknown(app.name, read.reason);
    return [];
  }
  const text = await read.value.snapshot.chartFile(file);
  if (text === undefined) {
    ctx.findings.unknown(app.name, `dependencyUpdates: no ${file} at ${head.slice(0, 12)}`);
    return [];
  }
  const out: TrackedChart[] = [];
  for (const update of app.render.helm.dependencyUpdates ?? []) {
    try {
      const place = dependencyPlace(text, update.name, file);
      const source = dependencySource({ name: place.chart, repository: place.repository });
      if (source.kind !== "repo") throw new Error(`${file}: dependency ${update.name} is not from a Helm or OCI repository`);
      out.push({ repo: source.repo, name: place.chart, range: update.semver, current: readVersionAt(text, place, file), dependency: update.name });
    } catch (error) {
      if (!(error instanceof Error)) throw error;
      ctx.findings.unknown(app.name, `dependencyUpdates: ${reasonOf(error)}`);
    }
  }
  return out;
}
