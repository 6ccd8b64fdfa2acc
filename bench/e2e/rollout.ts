// When a Deployment is updated to an image and Available: kubectl rollout status's test, read
// straight from the API server so that Sluice and the CI script are timed by the same watcher.
import * as z from "zod";
import type { KubeTransport } from "../../src/adapters/kube/kube-http.ts";

const deploymentSchema = z.object({
  metadata: z.object({ generation: z.number().default(0) }).loose(),
  spec: z.object({
    replicas: z.number().default(1),
    template: z.object({ spec: z.object({ containers: z.array(z.object({ image: z.string() }).loose()) }).loose() }).loose(),
  }).loose(),
  status: z.object({
    observedGeneration: z.number().default(0),
    replicas: z.number().default(0),
    updatedReplicas: z.number().default(0),
    availableReplicas: z.number().default(0),
    conditions: z.array(z.object({ type: z.string(), status: z.string() }).loose()).default([]),
  }).loose().default({ observedGeneration: 0, replicas: 0, updatedReplicas: 0, availableReplicas: 0, conditions: [] }),
}).loose();

/** True once the Deployment runs `image` on all its replicas, old ones gone, and is Available. */
export async function rolledOut(kube: KubeTransport, namespace: string, name: string, image: string): Promise<boolean> {
  const d = deploymentSchema.parse(await kube({ method: "GET", path: `/apis/apps/v1/namespaces/${namespace}/deployments/${name}` }).catch(() => ({})) ?? {});
  const s = d.status;
  const want = d.spec.replicas;
  return d.spec.template.spec.containers[0]?.image === image && s.observedGeneration >= d.metadata.generation
    && s.updatedReplicas === want && s.replicas === want && s.availableReplicas === want
    && s.conditions.some((c) => c.type === "Available" && c.status === "True");
}

/** Milliseconds from `since` until the rollout of `image` is complete, polling every 20 ms; throws after `timeoutMs`. */
export async function timeToRollout(kube: KubeTransport, where: { namespace: string; name: string; image: string }, since: number, timeoutMs = 120_000): Promise<number> {
  for (;;) {
    if (await rolledOut(kube, where.namespace, where.name, where.image).catch(() => false)) return performance.now() - since;
    if (performance.now() - since > timeoutMs) throw new Error(`${where.namespace}/${where.name} not rolled out to ${where.image} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
