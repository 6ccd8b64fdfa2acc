import * as z from "zod";

const globs = z.union([z.string().min(1).transform((g) => [g]), z.array(z.string().min(1))]);

/** `apps[].render`: how an app's source becomes Kubernetes objects. */
export const renderConfigSchema = z.union([
  z.object({
    helm: z.object({
      releaseName: z.string().min(1).optional(),
      valueFiles: z.array(z.string().min(1)).default([]),
      values: z.record(z.string(), z.unknown()).optional(),
      /** Render the chart's crds/ folder too (Helm's --include-crds). */
      includeCRDs: z.boolean().default(true),
    }).strict(),
  }).strict(),
  z.object({ kustomize: z.object({}).strict() }).strict(),
  z.object({
    directory: z.object({
      recurse: z.boolean().default(true),
      /** Globs, relative to the source path, of files to read; default every .yaml, .yml and .json. */
      include: globs.default(["**/*.{yaml,yml,json}"]),
      exclude: globs.default([]),
    }).strict(),
  }).strict(),
], { error: "render must be one of { helm: {...} }, { kustomize: {} } or { directory: {} }" });

export type RenderConfig = z.infer<typeof renderConfigSchema>;
