// Hooks and waves for the phase tests: Jobs whose Pods kwok runs to completion, held in a pool
// until the test releases it, or failing by the Job controller's own deadline.
import type { Manifest } from "../../src/adapters/render/manifest.ts";
import { POOL_LABEL_PREFIX } from "./sync-fixtures.ts";

export interface JobOptions {
  annotations?: Record<string, string>;
  image?: string;
  /** Pods wait for nodes of this pool (releasePool); none: they run at once. */
  pool?: string;
  /** The name's prefix for the server to complete, instead of a name. */
  generateName?: boolean;
  /** The Job controller fails the Job (DeadlineExceeded) once it ran this long. */
  deadlineSeconds?: number;
}

/** A Job hook or wave member: restartPolicy Never, no retries. */
export function job(name: string, options: JobOptions = {}): Manifest {
  const podSpec: Record<string, unknown> = { restartPolicy: "Never", containers: [{ name: "run", image: options.image ?? "registry.invalid/migrate:1.0.0" }] };
  if (options.pool) podSpec["nodeSelector"] = { [`${POOL_LABEL_PREFIX}${options.pool}`]: "open" };
  return {
    apiVersion: "batch/v1", kind: "Job",
    metadata: { ...(options.generateName ? { name: "", generateName: name } : { name }), ...(options.annotations ? { annotations: options.annotations } : {}) },
    spec: { backoffLimit: 0, ...(options.deadlineSeconds ? { activeDeadlineSeconds: options.deadlineSeconds } : {}), template: { spec: podSpec } },
  };
}

/** The manifest with these annotations added. */
export function annotated(manifest: Manifest, annotations: Record<string, string>): Manifest {
  return { ...manifest, metadata: { ...manifest.metadata, annotations: { ...manifest.metadata.annotations, ...annotations } } };
}

export const preSync = { "argocd.argoproj.io/hook": "PreSync" };
export const postSync = { "argocd.argoproj.io/hook": "PostSync" };
export const syncFail = { "argocd.argoproj.io/hook": "SyncFail" };
