import * as z from "zod";

/** A resource as import reads it: kind, name, namespace, annotations and labels, and its spec as it is. */
export const kubeResourceSchema = z
  .object({
    apiVersion: z.string().min(1),
    kind: z.string().min(1),
    metadata: z
      .object({
        name: z.string().min(1),
        namespace: z.string().min(1).optional(),
        annotations: z.record(z.string(), z.string()).optional(),
        labels: z.record(z.string(), z.string()).optional(),
      })
      .loose(),
    spec: z.record(z.string(), z.unknown()).default({}),
  })
  .loose();

export type KubeResource = z.infer<typeof kubeResourceSchema>;

/** `Kind namespace/name`, as the report names a resource. */
export function describeResource(resource: Pick<KubeResource, "kind" | "metadata">): string {
  const { name, namespace } = resource.metadata;
  return `${resource.kind} ${namespace ? `${namespace}/` : ""}${name}`;
}

/** The API group of an apiVersion (`argoproj.io/v1alpha1` → `argoproj.io`; `v1` → ``). */
export function apiGroup(apiVersion: string): string {
  const slash = apiVersion.indexOf("/");
  return slash === -1 ? "" : apiVersion.slice(0, slash);
}
