import { mkdir, mkdtemp, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { configSchema, type AppConfig } from "../../../../src/core/config/app-config.ts";
import { CommandError, type CommandRunner } from "../../../../src/adapters/render/command-runner.ts";
import { renderApp } from "../../../../src/adapters/render/render-app.ts";
import { RenderCache } from "../../../../src/adapters/render/render-cache.ts";
import { RenderError } from "../../../../src/adapters/render/render-error.ts";

const appWith = (render: unknown, path = "app"): AppConfig => {
  const app = configSchema.parse({ apps: [{ name: "web", source: { repo: "https://git.invalid/x.git", path }, render, destination: { directory: "/unused", namespace: "shop" } }] }).apps[0];
  if (!app) throw new Error("no app");
  return app;
};
const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: ${name} }\n`;

async function tree(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "sluice-render-"));
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(root, path, ".."), { recursive: true });
    await writeFile(join(root, path), content);
  }
  return root;
}

describe("renderApp", () => {
  it("reads a directory recursively, with include and exclude globs, in name order", async () => {
    const root = await tree({ "app/b.yaml": cm("b"), "app/a.yml": cm("a"), "app/sub/c.json": JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" } }), "app/sub/skip.yaml": cm("skip"), "app/README.md": "# not yaml", "app/.hidden/h.yaml": cm("h") });
    const tools = { helm: "helm", kubectl: "kubectl", run: () => Promise.reject(new Error("unused")), timeoutMs: 1000 };
    const all = await renderApp(appWith({ directory: {} }), root, tools);
    const some = await renderApp(appWith({ directory: { exclude: ["sub/skip.yaml"] } }), root, tools);
    const top = await renderApp(appWith({ directory: { recurse: false, include: "*.yaml" } }), root, tools);
    expect(all.map((m) => m.metadata.name)).toEqual(["a", "b", "c", "skip"]);
    expect(some.map((m) => m.metadata.name)).toEqual(["a", "b", "c"]);
    expect(top.map((m) => m.metadata.name)).toEqual(["b"]);
  });

  it("runs helm template with the release, namespace, CRDs, values and the cluster's capabilities", async () => {
    const root = await tree({ "app/Chart.yaml": "name: web\n", "app/values-prod.yaml": "x: 1\n" });
    const calls: string[][] = [];
    const run: CommandRunner = async (file, args) => {
      calls.push([file, ...args]);
      return `---\n# Source: web/templates/cm.yaml\n${cm("from-helm")}`;
    };
    const out = await renderApp(appWith({ helm: { valueFiles: ["values-prod.yaml"] } }), root, { helm: "/opt/helm", kubectl: "k", run, timeoutMs: 1000 }, { kubeVersion: "v1.20.2", apiVersions: ["v1", "apps/v1", "apps/v1/Deployment"] });
    expect(out.map((m) => m.metadata.name)).toEqual(["from-helm"]);
    expect(calls[0]).toEqual(["/opt/helm", "template", "web", join(root, "app"), "--namespace", "shop", "--include-crds", "--kube-version", "v1.20.2", "--api-versions", "v1,apps/v1,apps/v1/Deployment", "--values", join(root, "app", "values-prod.yaml")]);
  });

  it("turns a renderer that fails or is killed at its timeout into a RenderError naming the app", async () => {
    const root = await tree({ "app/kustomization.yaml": "resources: []\n" });
    const run: CommandRunner = () => Promise.reject(new CommandError("kubectl kustomize failed: timed out after 1000 ms", ""));
    const rendering = renderApp(appWith({ kustomize: {} }), root, { helm: "h", kubectl: "k", run, timeoutMs: 1000 });
    await expect(rendering).rejects.toThrow(RenderError);
    await expect(rendering).rejects.toThrow("web: kubectl kustomize failed: timed out after 1000 ms");
  });

  it("refuses a source path that leaves the checkout", async () => {
    const root = await tree({ "app/a.yaml": cm("a") });
    await expect(renderApp(appWith({ directory: {} }, "../elsewhere"), root, { helm: "h", kubectl: "k", run: () => Promise.reject(new Error("unused")), timeoutMs: 1 })).rejects.toThrow(/leaves the repository/);
  });
});

describe("renderApp: Helm charts with dependencies, value files and kubeVersion", () => {
  const renderOnce = (seen: { args: string[]; charts: string[] }): CommandRunner => async (_file, args) => {
    seen.args = [...args];
    const chart = args[2] ?? "";
    seen.charts = await readdir(join(chart, "charts")).catch(() => []);
    return cm("from-helm");
  };

  it("builds file:// dependencies into a scratch copy of the chart, leaving the checkout untouched", async () => {
    // Prepare
    const chartYaml = "apiVersion: v2\nname: web\nversion: 1.0.0\ndependencies:\n  - name: common\n    version: 1.0.0\n    repository: file://../common\n";
    const root = await tree({ "app/Chart.yaml": chartYaml, "common/Chart.yaml": "apiVersion: v2\nname: common\nversion: 1.0.0\n" });
    const seen = { args: [] as string[], charts: [] as string[] };

    // Act
    await renderApp(appWith({ helm: {} }), root, { helm: "helm", kubectl: "k", run: renderOnce(seen), timeoutMs: 1000 });

    // Assess
    expect(seen.args[2]).not.toBe(join(root, "app"));
    expect(seen.charts).toEqual(["common"]);
    expect(await readdir(join(root, "app"))).toEqual(["Chart.yaml"]);
  });

  it("refuses a file:// dependency outside the repository and one named by a repo alias", async () => {
    const outside = await tree({ "app/Chart.yaml": "name: web\ndependencies:\n  - name: x\n    repository: file://../../x\n" });
    const alias = await tree({ "app/Chart.yaml": "name: web\ndependencies:\n  - name: x\n    repository: \"@bitnami\"\n" });
    const tools = { helm: "helm", kubectl: "k", run: () => Promise.resolve(""), timeoutMs: 1000 };
    await expect(renderApp(appWith({ helm: {} }), outside, tools)).rejects.toThrow(/dependency x \(file:\/\/\.\.\/\.\.\/x\) leaves the repository/);
    await expect(renderApp(appWith({ helm: {} }), alias, tools)).rejects.toThrow(/@bitnami as one added by `helm repo add`; give its URL/);
  });

  it("reads $values/ files from the repository root and takes helm.kubeVersion over the cluster's", async () => {
    // Prepare
    const root = await tree({ "app/Chart.yaml": "name: web\n", "envs/prod.yaml": "x: 1\n" });
    const seen = { args: [] as string[], charts: [] as string[] };
    const app = appWith({ helm: { valueFiles: ["$values/envs/prod.yaml"], kubeVersion: "1.29.0" } });

    // Act
    await renderApp(app, root, { helm: "helm", kubectl: "k", run: renderOnce(seen), timeoutMs: 1000 }, { kubeVersion: "v1.37.2", apiVersions: [] });

    // Assess
    expect(seen.args).toContain(join(root, "envs", "prod.yaml"));
    expect(seen.args[seen.args.indexOf("--kube-version") + 1]).toBe("1.29.0");
  });

  it("refuses a value file that leaves the repository", async () => {
    const root = await tree({ "app/Chart.yaml": "name: web\n" });
    const tools = { helm: "helm", kubectl: "k", run: () => Promise.resolve(""), timeoutMs: 1000 };
    await expect(renderApp(appWith({ helm: { valueFiles: ["$values/../secrets.yaml"] } }), root, tools)).rejects.toThrow(/value file \$values\/\.\.\/secrets\.yaml leaves the repository/);
  });
});

describe("renderApp: a folder that renders nothing", () => {
  const tools = { helm: "helm", kubectl: "k", run: () => Promise.reject(new Error("unused")), timeoutMs: 1000 };

  it("is an error naming the files it did not read, and says a .libsonnet is only imported", async () => {
    const root = await tree({ "app/lib/k.libsonnet": "{}", "app/notes.cue": "x: 1", "app/README.md": "# docs" });
    const rendering = renderApp(appWith({ directory: {} }), root, tools);
    await expect(rendering).rejects.toThrow(RenderError);
    await expect(rendering).rejects.toThrow("the folder renders no objects: lib/k.libsonnet, notes.cue are not read (directory.include: **/*.{yaml,yml,json,jsonnet}); a .libsonnet file is imported by a .jsonnet file, not rendered itself");
  });

  it("fails a .jsonnet file in a runtime without the jsonnet wasm, naming the command that builds it", async () => {
    const root = await tree({ "app/main.jsonnet": "{}" });
    await expect(renderApp(appWith({ directory: {} }), root, tools)).rejects.toThrow("app/main.jsonnet: this runtime renders no jsonnet (no jsonnet wasm: build it with bash infra/build-jsonnet.sh)");
  });

  it("is no error when it holds only documentation, or when its files render objects", async () => {
    const docs = await tree({ "app/README.md": "# docs" });
    const mixed = await tree({ "app/a.yaml": cm("a"), "app/lib/k.libsonnet": "{}" });
    expect(await renderApp(appWith({ directory: {} }), docs, tools)).toEqual([]);
    expect((await renderApp(appWith({ directory: {} }), mixed, tools)).map((m) => m.metadata.name)).toEqual(["a"]);
  });
});

describe("RenderCache", () => {
  it("keeps the most recently used entries and hands out copies", () => {
    const cache = new RenderCache(2);
    const object = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a" } };
    cache.set("k1", [object]);
    cache.set("k2", [object]);
    cache.get("k1");
    cache.set("k3", [object]);
    expect(cache.get("k2")).toBeUndefined();
    const copy = cache.get("k1");
    if (copy?.[0]) copy[0].metadata.name = "changed";
    expect(cache.get("k1")?.[0]?.metadata.name).toBe("a");
    expect(RenderCache.key({ repo: "r", revision: "1", path: ".", shape: {} })).not.toBe(RenderCache.key({ repo: "r", revision: "2", path: ".", shape: {} }));
  });
});
