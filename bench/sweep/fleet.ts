// A synthetic fleet for one bench size: N apps over a few chart repos on the git server and a few
// dozen image repositories on the registry, each app a ConfigMap (carrying its image tag) and a Secret.
import { join } from "node:path";
import { configSchema, type SluiceConfig } from "../../src/core/config/app-config.ts";
import { createBareRepo, git } from "../../test/harness/git-server.ts";
import { pushImage } from "../../test/harness/push-image.ts";

export const CHART_REPOS = 4;
export const IMAGE_REPOS = 30;
export const NAMESPACES = 50;

export interface Fleet {
  size: number;
  config: SluiceConfig;
  /** Bare repo path, URL (through the counting proxy) and a local clone at the first commit, per chart repo. */
  repos: { bare: string; url: string; clone: string }[];
  /** Image repositories as apps name them (`<host>/s100/img-00`). */
  images: string[];
  /** The registry path of image repository k (`s100/img-00`). */
  imagePath(k: number): string;
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

export interface FleetPlaces {
  work: string;
  gitRoot: string;
  /** Base URL the apps use for git (the counting proxy in front of the git server). */
  gitUrl: string;
  registry: { host: string; url: string; apiUrl: string };
  kubeconfig: string;
}

export async function createFleet(size: number, places: FleetPlaces): Promise<Fleet> {
  const prefix = `s${size}`;
  const imagePath = (k: number) => `${prefix}/img-${pad(k, 2)}`;
  const images = Array.from({ length: IMAGE_REPOS }, (_, k) => `${places.registry.host}/${imagePath(k)}`);
  for (let k = 0; k < IMAGE_REPOS; k++) await pushImage(places.registry.url, imagePath(k), "1.0.0");

  const files = Array.from({ length: CHART_REPOS }, () => ({} as Record<string, string>));
  const apps = [];
  for (let i = 0; i < size; i++) {
    const name = `app-${pad(i, 5)}`;
    const c = i % CHART_REPOS;
    const image = images[i % IMAGE_REPOS] ?? "";
    const repoFiles = files[c] ?? {};
    repoFiles[`apps/${name}/configmap.yaml`] = configMapYaml(name, image, "1.0.0", "info");
    repoFiles[`apps/${name}/secret.yaml`] = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\ndata:\n  token: ${Buffer.from(`token-${i}`).toString("base64")}\n`;
    apps.push({
      name,
      source: { repo: `${places.gitUrl}/${prefix}-charts-${c}.git`, path: `apps/${name}` },
      render: { directory: {} },
      destination: { cluster: "bench", namespace: `${prefix}-ns-${pad(i % NAMESPACES, 2)}` },
      images: [{ repository: image, policy: { semver: ">=1.0.0" }, write: { file: `apps/${name}/configmap.yaml`, tag: "data.tag" } }],
      syncPolicy: { automated: true, createNamespace: true, selfHeal: i % 2 === 0, healthTimeoutSeconds: 0 },
    });
  }
  const repos = [];
  for (let c = 0; c < CHART_REPOS; c++) {
    const name = `${prefix}-charts-${c}.git`;
    await createBareRepo(places.gitRoot, name, files[c] ?? {});
    const bare = join(places.gitRoot, name);
    const clone = join(places.work, `${prefix}-clone-${c}`);
    await git(["clone", "--quiet", bare, clone]);
    repos.push({ bare, url: `${places.gitUrl}/${name}`, clone });
  }
  const config = configSchema.parse({
    // The default request budget (300 a minute per registry) applies, as it would in production.
    registries: [{ host: places.registry.host, url: places.registry.apiUrl }],
    clusters: [{ name: "bench", kubeconfig: { path: places.kubeconfig } }],
    apps,
  });
  return { size, config, repos, images, imagePath };
}

export function configMapYaml(name: string, image: string, tag: string, level: string): string {
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  image: ${image}\n  tag: "${tag}"\n  level: ${level}\n`;
}
