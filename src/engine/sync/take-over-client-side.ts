import { KubeApiError } from "../../adapters/kube/kube-api-error.ts";
import type { KubeClient, LiveObject } from "../../adapters/kube/kube-client.ts";
import { FIELD_MANAGER } from "../../adapters/kube/labels.ts";
import { refOf } from "../../adapters/kube/object-ref.ts";
import { CLIENT_SIDE_MANAGERS, conflictingManagers } from "./client-side-managers.ts";
import { upgradeManagedFields } from "./upgrade-managed-fields.ts";

const ATTEMPTS = 3;

/**
 * Server-side apply that takes an object over from client-side apply. The common case costs the
 * one apply: the object it returns shows whether a client-side manager still owns fields. Only
 * then, or when the apply conflicts with one, are its fields moved to Sluice (guarded by the
 * resourceVersion they were read at) and the object applied again, which drops what git dropped.
 */
export async function applyTakingOver(client: KubeClient, object: LiveObject, force: boolean): Promise<LiveObject> {
  for (let attempt = 1; ; attempt++) {
    let applied: LiveObject | undefined;
    let conflict: KubeApiError | undefined;
    try {
      applied = await client.apply(object, { force });
    } catch (error) {
      if (!(error instanceof KubeApiError) || !conflictingManagers(error).some((m) => CLIENT_SIDE_MANAGERS.includes(m))) throw error;
      conflict = error;
    }
    const current = applied ?? (await client.get(refOf(object)));
    const upgraded = current && upgradeManagedFields(current.metadata.managedFields ?? [], CLIENT_SIDE_MANAGERS, FIELD_MANAGER);
    const version = current?.metadata.resourceVersion;
    if (!upgraded || !version) {
      if (applied) return applied;
      throw conflict ?? new Error(`${object.kind} ${object.metadata.name} is gone`);
    }
    try {
      await client.patchManagedFields(refOf(object), version, upgraded);
    } catch (error) {
      // Another writer came between the read and the patch: read again by applying again.
      if (attempt < ATTEMPTS && isStale(error)) continue;
      throw error;
    }
    return client.apply(object, { force });
  }
}

/**
 * A write that lost a race: 409, or the 422 Invalid the API server answers (with no further
 * detail) when the JSON patch's resourceVersion test fails.
 */
const isStale = (error: unknown): boolean => error instanceof KubeApiError && (error.status === 409 || error.status === 422);
