import * as z from "zod";
import type { KubeClient, LiveObject } from "../../adapters/kube/kube-client.ts";

const terminatedSchema = z.object({ reason: z.string().optional(), message: z.string().optional(), exitCode: z.number().optional() }).loose();
const podSchema = z.object({
  metadata: z.object({ name: z.string() }).loose(),
  status: z.object({
    containerStatuses: z.array(z.object({
      name: z.string(),
      state: z.object({ terminated: terminatedSchema.optional() }).loose().optional(),
      lastState: z.object({ terminated: terminatedSchema.optional() }).loose().optional(),
    }).loose()).default([]),
  }).loose().default({ containerStatuses: [] }),
}).loose();

/** What a failed container said: its termination message (the file it wrote), else its reason and exit code. */
export function podTermination(pod: LiveObject): string | undefined {
  const parsed = podSchema.safeParse(pod);
  if (!parsed.success) return undefined;
  for (const c of parsed.data.status.containerStatuses) {
    const t = c.state?.terminated ?? c.lastState?.terminated;
    if (!t || t.exitCode === 0) continue;
    const said = t.message?.trim();
    return `pod ${parsed.data.metadata.name} container ${c.name}: ${said || `${t.reason ?? "terminated"} (exit code ${t.exitCode ?? "?"})`}`;
  }
  return undefined;
}

/**
 * A failed hook's own words: the Job's Failed condition (already in its health message) and the
 * termination message of its Pods, which the Job controller labels with the Job's name.
 */
export async function hookFailure(client: KubeClient, hook: LiveObject, health: string): Promise<string> {
  if (hook.kind !== "Job" || !hook.metadata.namespace) {
    const own = hook.kind === "Pod" ? podTermination(hook) : undefined;
    return own && !health.includes(own) ? `${health}; ${own}` : health;
  }
  try {
    const pods = await client.list("v1", "Pod", hook.metadata.namespace, `batch.kubernetes.io/job-name=${hook.metadata.name}`);
    const said = pods.map(podTermination).find((m) => m !== undefined);
    return said ? `${health}; ${said}` : health;
  } catch (error) {
    // The Job's condition is the failure; its Pods only add detail.
    return `${health} (its pods could not be read: ${error instanceof Error ? error.message : String(error)})`;
  }
}
