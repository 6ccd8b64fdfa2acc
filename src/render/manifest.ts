/** A Kubernetes object as rendered from git: the fields Sluice needs, the rest kept as is. */
export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string>; [k: string]: unknown };
  [k: string]: unknown;
}

/** A key naming one object: group/kind/namespace/name. */
export function manifestKey(m: Pick<Manifest, "apiVersion" | "kind" | "metadata">): string {
  const group = m.apiVersion.includes("/") ? m.apiVersion.split("/")[0] : "";
  return `${group}/${m.kind}/${m.metadata.namespace ?? ""}/${m.metadata.name}`;
}
