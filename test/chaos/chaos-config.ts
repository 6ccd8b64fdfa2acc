// The fault suite's apps: `count` copies of the example chart, ten to a chart repo (so bumps share
// a branch, as in real GitOps repos), each with its own values file, image and Deployment.

export interface ChaosApp {
  name: string;
  /** Bare repo name under the git root. */
  repo: string;
  /** registry path of its image, without the host */
  image: string;
  valuesPath: string;
  initialValues: string;
}

export const APPS_PER_REPO = 10;
export const NAMESPACE = "chaos";

export function chaosApps(count: number, registryHost: string): ChaosApp[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `chaos-${i}`,
    repo: `charts-${Math.floor(i / APPS_PER_REPO)}.git`,
    image: `chaos/app${i}`,
    valuesPath: `charts/web/values-chaos-${i}.yaml`,
    initialValues: `replicaCount: 1\nimage:\n  repository: ${registryHost}/chaos/app${i}\n  tag: 1.0.0   # written by Sluice\n`,
  }));
}

export function chaosConfig(o: { apps: ChaosApp[]; registry: string; registryUrl: string; gitUrl: string; kubeconfig: string }): string {
  const apps = o.apps.map((a) => `
  - name: ${a.name}
    source: { repo: ${o.gitUrl}/${a.repo}, branch: main, path: charts/web }
    render: { helm: { valueFiles: [${a.valuesPath.split("/").pop() ?? ""}] } }
    destination: { cluster: test, namespace: ${NAMESPACE} }
    images:
      - repository: ${o.registry}/${a.image}
        policy: { semver: ">=1.0.0" }
        write: { file: ${a.valuesPath}, tag: image.tag }
    syncPolicy: { automated: true, createNamespace: true, healthTimeoutSeconds: 20 }`).join("");
  return `
webhooks:
  distribution:
    secrets: [{ env: REGISTRY_TOKEN }]
registries:
  - { host: "${o.registry}", url: "${o.registryUrl}" }
clusters:
  - name: test
    kubeconfig: { path: ${o.kubeconfig} }
apps:${apps}
`;
}
