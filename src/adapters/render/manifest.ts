/**
 * A Kubernetes object as rendered from git: the fields Sluice needs, the rest kept as is. `name` is
 * empty for a hook with only `metadata.generateName`: the API server names it when it is created.
 */
export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string>; [k: string]: unknown };
  [k: string]: unknown;
}
