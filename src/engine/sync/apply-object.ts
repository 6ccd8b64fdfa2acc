import type { SyncPolicy } from "../../core/config/sync-config.ts";
import { isApplyConflict, KubeApiError } from "../../adapters/kube/kube-api-error.ts";
import type { KubeClient, LiveObject } from "../../adapters/kube/kube-client.ts";
import { CLIENT_SIDE_MANAGERS, conflictingManagers } from "./client-side-managers.ts";
import { applyTakingOver } from "./take-over-client-side.ts";

/**
 * Server-side apply (forcing conflicts when the app asks) that takes over from client-side apply,
 * or replace when the app asks for that.
 */
export async function applyObject(client: KubeClient, object: LiveObject, policy: Pick<SyncPolicy, "replace" | "force">, dryRun = false): Promise<LiveObject> {
  if (policy.replace) return client.replace(object, { dryRun });
  if (!dryRun) return applyTakingOver(client, object, policy.force);
  try {
    return await client.apply(object, { dryRun, force: policy.force });
  } catch (error) {
    // The sync takes the client-side managers' fields over, so their conflicts do not stop its dry run.
    const managers = conflictingManagers(error);
    if (policy.force || managers.length === 0 || !managers.every((m) => CLIENT_SIDE_MANAGERS.includes(m))) throw error;
    return client.apply(object, { dryRun, force: true });
  }
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
