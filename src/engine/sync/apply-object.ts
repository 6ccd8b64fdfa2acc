import type { SyncPolicy } from "../../core/config/sync-config.ts";
import { isApplyConflict, KubeApiError } from "../../adapters/kube/kube-api-error.ts";
import type { KubeClient, LiveObject } from "../../adapters/kube/kube-client.ts";

/** Server-side apply (forcing conflicts when the app asks), or replace when the app asks for that. */
export function applyObject(client: KubeClient, object: LiveObject, policy: Pick<SyncPolicy, "replace" | "force">, dryRun = false): Promise<LiveObject> {
  return policy.replace ? client.replace(object, { dryRun }) : client.apply(object, { dryRun, force: policy.force });
}

/** Why an apply failed, in words a person can act on; conflicts name the other managers and fields. */
export function applyFailure(error: unknown): string {
  if (isApplyConflict(error)) {
    const conflicts = error.causes.filter((c) => c.type === "FieldManagerConflict");
    const list = conflicts.map((c) => `${c.field ?? "?"} (${(c.message ?? "").replace(/ using .*$/, "")})`).join(", ");
    return `conflict with another field manager: ${list || error.message}; set syncPolicy.force: true to take these fields`;
  }
  if (error instanceof KubeApiError) return `${error.status} ${error.reason ?? ""}: ${error.message}`.replace(/\s+:/, ":");
  return error instanceof Error ? error.message : String(error);
}
