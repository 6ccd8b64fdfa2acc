import type { KubeClient, LiveObject } from "../../adapters/kube/kube-client.ts";
import { APP_ANNOTATION, MANAGED_BY, MANAGED_BY_LABEL } from "../../adapters/kube/labels.ts";
import { refOf, type ObjectRef } from "../../adapters/kube/object-ref.ts";
import { applyObject } from "./apply-object.ts";
import type { PreparedHook } from "./sync-steps.ts";

export interface HookClock {
  sleep(ms: number): Promise<void>;
  /** How long to wait for a hook deleted before its creation to be gone. */
  deleteTimeoutMs: number;
}

/** The app's live instances of a hook: by name, or for generateName every object it generated. */
async function previousInstances(client: KubeClient, hook: PreparedHook, app: string): Promise<LiveObject[]> {
  const mine = (o: LiveObject) => o.metadata.annotations?.[APP_ANNOTATION] === app;
  if (!hook.generateName) {
    const live = await client.get(hook.ref);
    return live && mine(live) ? [live] : [];
  }
  const listed = await client.list(hook.ref.apiVersion, hook.ref.kind, hook.ref.namespace, `${MANAGED_BY_LABEL}=${MANAGED_BY}`);
  return listed.filter((o) => mine(o) && o.metadata["generateName"] === hook.generateName);
}

/** Deletes a hook's instance and its Pods, and waits until the name is free for the new one. */
export async function deleteHook(client: KubeClient, live: LiveObject, clock: HookClock): Promise<void> {
  const ref = refOf(live);
  await client.delete(ref, { propagationPolicy: "Background", ...(live.metadata.uid ? { uid: live.metadata.uid } : {}) });
  for (let waited = 0; waited < clock.deleteTimeoutMs; waited += 250) {
    const still = await client.get(ref);
    if (!still || still.metadata.uid !== live.metadata.uid) return;
    await clock.sleep(250);
  }
  throw new Error(`${ref.kind}/${ref.name} still exists ${clock.deleteTimeoutMs} ms after it was deleted`);
}

/**
 * Starts a hook as Argo CD does: with BeforeHookCreation its previous instance is deleted first,
 * so a Job whose template changed is created again, never patched (its template is immutable);
 * a hook with generateName is created (POST), the server choosing its name. Returns its ref.
 */
export async function startHook(
  client: KubeClient,
  hook: PreparedHook,
  app: { name: string; force: boolean },
  clock: HookClock,
): Promise<ObjectRef> {
  if (hook.deletePolicies.includes("BeforeHookCreation")) {
    for (const previous of await previousInstances(client, hook, app.name)) await deleteHook(client, previous, clock);
  }
  // Its name is empty: the API server generates one from generateName on create.
  if (hook.generateName) return refOf(await client.create(hook.object));
  return refOf(await applyObject(client, hook.object, { replace: false, force: app.force }));
}
