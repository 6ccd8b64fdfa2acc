// One app, `web`, as the image and worker tests configure it: a directory app whose image tag
// lives in a Helm values file of the same GitOps repo.
export const REPO = "https://git.example/charts.git";
export const REPOSITORY = "registry.example/team/app";
export const VALUES_FILE = "charts/web/values.yaml";

/** The values file with the image at `tag`. */
export const values = (tag: string): string =>
  `# the web chart\nimage:\n  repository: ${REPOSITORY}\n  tag: ${tag}  # bumped by sluice\n`;

/** The repo's files with the image at `tag`. */
export function webFiles(tag: string): Record<string, string> {
  const configMap = "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: web }\n";
  return { [VALUES_FILE]: values(tag), "apps/web/cm.yaml": configMap };
}

/** A sluice.yaml with the app `web`; `app` and `policy` override its fields. */
export function webConfig(app: object = {}, policy: object = { semver: "^1.0.0" }): object {
  return {
    registries: [{ host: "registry.example" }],
    apps: [{
      name: "web",
      source: { repo: REPO, branch: "main", path: "apps/web" },
      render: { directory: {} },
      destination: { directory: "/unused", namespace: "web" },
      images: [{ repository: REPOSITORY, policy, write: { file: VALUES_FILE, tag: "image.tag" } }],
      ...app,
    }],
  };
}

export const tags = (...names: string[]): { tag: string }[] => names.map((tag) => ({ tag }));
