import * as z from "zod";
import { semverRange } from "./semver-range.ts";

const range = z.string().min(1).refine((r) => semverRange(r) !== undefined, "must be a semver range: ^4.11.0, ~0.1.0, >=1.0 <2.0");

/** `render.helm.chart.update`: the versions Sluice may write into the app definition's `version`. */
export const chartUpdateSchema = z.strictObject({ semver: range });

/**
 * `render.helm.dependencyUpdates[]`: a `dependencies:` entry of the chart's Chart.yaml (by name or
 * alias) whose pinned version Sluice moves to the newest its Helm or OCI repository lists in `semver`.
 */
export const dependencyUpdateSchema = z.strictObject({
  name: z.string().min(1),
  semver: range,
});

export type ChartUpdate = z.infer<typeof chartUpdateSchema>;
export type DependencyUpdate = z.infer<typeof dependencyUpdateSchema>;
