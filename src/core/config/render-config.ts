import * as z from "zod";
import { valid, validRange } from "semver";
import { chartUpdateSchema, dependencyUpdateSchema } from "./chart-update-config.ts";
import { jsonnetConfigSchema } from "./jsonnet-config.ts";

const globs = z.union([z.string().min(1).transform((g) => [g]), z.array(z.string().min(1))]);

/**
 * A chart that is not in git: from a Helm repository (`https://…`, read through its index.yaml)
 * or an OCI registry (`oci://host/path`, the chart's name appended as Helm does). `version` is
 * an exact version or a semver range (`^4.11.0`, `~1.2`, `>=2 <3`): the highest allowed is used.
 */
export const chartSourceSchema = z.strictObject({
  repo: z.string().regex(/^(https?|oci):\/\/[^\s/]+/, "must be an http(s):// Helm repository or an oci:// registry path"),
  name: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/i, "a chart name (letters, digits, '.', '_', '-')"),
  version: z.string().min(1).refine((v) => validRange(v) !== null, "must be a version or a semver range"),
  /** Sluice writes new versions this range allows into `version`, which is then one exact version. */
  update: chartUpdateSchema.optional(),
}).superRefine((chart, ctx) => {
  if (chart.update && valid(chart.version) === null) {
    ctx.addIssue({ code: "custom", path: ["version"], message: `with update, version is the exact version Sluice writes (such as 1.2.3), not "${chart.version}"` });
  }
});

export type ChartSource = z.infer<typeof chartSourceSchema>;

/** `apps[].render`: how an app's source becomes Kubernetes objects. */
export const renderConfigSchema = z.union([
  z.object({
    helm: z.object({
      releaseName: z.string().min(1).optional(),
      /**
       * Relative to the source path; `$values/<path>` is relative to the root of the app's git
       * repo (Argo CD's multiple sources: the chart from a repository, the values from git).
       */
      valueFiles: z.array(z.string().min(1)).default([]),
      values: z.record(z.string(), z.unknown()).optional(),
      /** Render the chart's crds/ folder too (Helm's --include-crds). */
      includeCRDs: z.boolean().default(true),
      /** Helm's `.Capabilities.KubeVersion` instead of the destination's own (Argo CD's `helm.kubeVersion`). */
      kubeVersion: z.string().regex(/^v?\d+\.\d+(\.\d+)?([-+].*)?$/, "a Kubernetes version such as 1.29 or v1.29.3").optional(),
      /** The chart comes from a Helm or OCI repository instead of the source path. */
      chart: chartSourceSchema.optional(),
      /** Chart.yaml dependencies whose pinned versions Sluice moves within a range. */
      dependencyUpdates: z.array(dependencyUpdateSchema).optional(),
    }).strict().superRefine((helm, ctx) => {
      if (helm.chart && helm.dependencyUpdates?.length) {
        ctx.addIssue({ code: "custom", path: ["dependencyUpdates"], message: "a chart from a repository has no Chart.yaml in git to update; use chart.update" });
      }
      const seen = new Set<string>();
      helm.dependencyUpdates?.forEach((d, i) => {
        if (seen.has(d.name)) ctx.addIssue({ code: "custom", path: ["dependencyUpdates", i, "name"], message: `dependency ${d.name} is listed twice` });
        seen.add(d.name);
      });
    }),
  }).strict(),
  z.object({ kustomize: z.object({}).strict() }).strict(),
  z.object({
    directory: z.object({
      recurse: z.boolean().default(true),
      /** Globs, relative to the source path, of files to read; default every .yaml, .yml, .json and .jsonnet. */
      include: globs.default(["**/*.{yaml,yml,json,jsonnet}"]),
      exclude: globs.default([]),
      /** How `.jsonnet` files are evaluated (Argo CD's `directory.jsonnet`). */
      jsonnet: jsonnetConfigSchema.optional(),
    }).strict(),
  }).strict(),
], { error: "render must be one of { helm: {...} }, { kustomize: {} } or { directory: {} }" });

export type RenderConfig = z.infer<typeof renderConfigSchema>;
