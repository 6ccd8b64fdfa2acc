import { z } from "zod";

/** `apps[].render`: how an app's source becomes Kubernetes objects. */
export const renderConfigSchema = z.union([
  z.object({
    helm: z.object({
      releaseName: z.string().min(1).optional(),
      valueFiles: z.array(z.string().min(1)).default([]),
      values: z.record(z.string(), z.unknown()).optional(),
    }).strict(),
  }).strict(),
  z.object({ kustomize: z.object({}).strict() }).strict(),
  z.object({ directory: z.object({ recurse: z.boolean().default(true) }).strict() }).strict(),
], { error: "render must be one of { helm: {...} }, { kustomize: {} } or { directory: {} }" });
