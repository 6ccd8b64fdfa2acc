// Apps and objects the sync integration tests apply.
import { configSchema, type AppConfig } from "../../src/core/config/app-config.ts";
import type { Manifest } from "../../src/adapters/render/manifest.ts";

/** A directory app on the test cluster; health is not followed unless the policy says so. */
export function appFor(name: string, namespace: string, syncPolicy: Record<string, unknown> = {}): AppConfig {
  const config = configSchema.parse({
    clusters: [{ name: "test", kubeconfig: { path: "/dev/null" } }],
    apps: [{ name, source: { repo: "https://git.invalid/charts.git" }, render: { directory: {} }, destination: { cluster: "test", namespace }, syncPolicy: { createNamespace: true, healthTimeoutSeconds: 0, ...syncPolicy } }],
  });
  const app = config.apps[0];
  if (!app) throw new Error("no app");
  return app;
}

export const deployment = (name: string, image = "registry.invalid/web:1.0.0", extra: Record<string, unknown> = {}): Manifest => ({
  apiVersion: "apps/v1", kind: "Deployment", metadata: { name },
  spec: { replicas: 2, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: "web", image, ports: [{ containerPort: 8080 }] }] } }, ...extra },
});
export const configMap = (name: string, data: Record<string, string> = { greeting: "hello" }): Manifest => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name }, data });
export const service = (name: string): Manifest => ({ apiVersion: "v1", kind: "Service", metadata: { name }, spec: { selector: { app: name }, ports: [{ port: 80, targetPort: 8080 }] } });

/** Node label prefix of the pools that held Pods wait for (releasePool in sync-kubectl.ts adds the label). */
export const POOL_LABEL_PREFIX = "pool.sluice.test/";

/**
 * The Deployment with its Pods held Pending until the nodes join `pool`: a rollout that stays
 * Progressing (or misses its deadline) until the test releases it, however fast kwok runs Pods.
 */
export function held(pool: string, manifest: Manifest): Manifest {
  const copy = structuredClone(manifest) as Manifest & { spec: { template: { spec: Record<string, unknown> } } };
  copy.spec.template.spec["nodeSelector"] = { [`${POOL_LABEL_PREFIX}${pool}`]: "open" };
  return copy;
}
