import * as z from "zod";
import type { KubeClient } from "../../adapters/kube/kube-client.ts";
import type { ObjectRef } from "../../adapters/kube/object-ref.ts";

// A CRD just created has `status.conditions: null` until its controller first writes it.
const crdStatus = z.object({ status: z.object({ conditions: z.array(z.object({ type: z.string(), status: z.string() }).loose()).nullish().transform((c) => c ?? []) }).loose().default({ conditions: [] }) }).loose();

/** Waits until each CRD reports Established=True, so its custom resources can be applied; false on timeout. */
export async function waitEstablished(client: KubeClient, crds: readonly ObjectRef[], sleep: (ms: number) => Promise<void>, timeoutMs: number): Promise<boolean> {
  const pending = new Set(crds);
  for (let waited = 0; ; waited += 250) {
    for (const ref of [...pending]) {
      const live = await client.get(ref);
      const established = live && crdStatus.parse(live).status.conditions.some((c) => c.type === "Established" && c.status === "True");
      if (established) pending.delete(ref);
    }
    if (pending.size === 0) return true;
    if (waited >= timeoutMs) return false;
    await sleep(250);
  }
}
