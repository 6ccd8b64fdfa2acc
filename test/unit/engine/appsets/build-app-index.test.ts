import { describe, expect, it } from "vitest";
import { parseConfig } from "../../../../src/core/config/load-config.ts";
import { buildAppIndex, type SourceRead } from "../../../../src/engine/appsets/build-app-index.ts";
import type { GeneratorInputs } from "../../../../src/engine/appsets/generator-inputs.ts";
import { branchSlug } from "../../../../src/core/apps/branch-slug.ts";

const REPO = "http://git.example/charts.git";
const SHA = "a".repeat(40);
const template = `
    template:
      name: web1-{{branchSlug}}
      source: { repo: ${REPO}, branch: main, path: charts/web1 }
      render: { helm: { valueFiles: ["review/{{branchSlug}}.yaml"] } }
      destination: { cluster: dev, namespace: "web1-{{branchSlug}}" }
      syncPolicy: { createNamespace: true, pruneLast: true, prune: true }`;
const config = parseConfig(`
webhooks: {}
clusters:
  - { name: dev, server: https://dev.example, token: { env: T }, labels: { env: dev } }
  - { name: prod, server: https://prod.example, token: { env: T }, labels: { env: prod } }
appSources:
  - { repo: ${REPO}, branch: main, path: sluice }
appSets:
  - name: review
    deletionPolicy: delete
    valuesFile: { from: charts/web1/values-sample.yaml, path: "review/{{branchSlug}}.yaml" }
    generators: [{ branches: { repo: ${REPO}, include: "feature/*" } }]${template}
  - name: everywhere
    generators: [{ clusters: { selector: { matchLabels: { env: prod } } } }]
    template:
      name: agent-{{cluster.name}}
      source: { repo: ${REPO}, path: agent }
      render: { helm: {} }
      destination: { cluster: "{{cluster.name}}", namespace: agent }
  - name: dirs
    generators:
      - matrix:
          generators:
            - gitDirectories: { repo: ${REPO}, include: "apps/*" }
            - list: { elements: [{ stage: dev }] }
    template:
      name: "{{path.basename}}-{{stage}}"
      source: { repo: ${REPO}, path: "{{path}}" }
      render: { helm: {} }
      destination: { cluster: dev, namespace: "{{path.basename}}" }
`, "sluice.yaml");

const inputs = (branches: string[]): GeneratorInputs => ({
  clusters: config.clusters,
  branches: new Map([[config.appSets[0]?.generators[0] && "branches" in config.appSets[0].generators[0] ? config.appSets[0].generators[0].branches.repoKey : "", { ok: true, value: branches.map((name) => ({ name, sha: SHA })) }]]),
  directories: new Map([["git.example/charts#main", { ok: true, value: ["apps", "apps/api", "apps/web", "charts"] }]]),
  requests: new Map(),
});

const source = (files: Record<string, string>, head = SHA): SourceRead => ({
  source: config.appSources[0] ?? (() => { throw new Error("no source"); })(),
  read: { ok: true, value: { head, files: Object.entries(files).map(([path, text]) => ({ path, text })) } },
});

const app = (name: string, extra = "") => `
  - name: ${name}
    source: { repo: ${REPO}, path: charts/${name} }
    render: { helm: {} }
    destination: { cluster: dev, namespace: ${name} }${extra}`;

describe("buildAppIndex", () => {
  it("generates one app per matching branch, per selected cluster and per directory × list element", () => {
    // Prepare
    const sources = [source({ "sluice/apps.yaml": `apps:${app("api")}` })];

    // Act
    const index = buildAppIndex({ config, sources, inputs: inputs(["feature/Login-Form", "main"]) });

    // Assess
    expect(index.entries.map((e) => e.app.name).sort()).toEqual(["agent-prod", "api", "api-dev", "web-dev", "web1-feature-login-form"]);
    const review = index.get("web1-feature-login-form");
    expect(review?.app.destination).toEqual({ cluster: "dev", namespace: "web1-feature-login-form" });
    expect(review?.labels).toMatchObject({ branch: "feature/Login-Form", branchSlug: "feature-login-form", shortSha: "aaaaaaa", appSet: "review" });
    expect(review?.generated).toMatchObject({ deletionPolicy: "delete", valuesFile: { path: "review/feature-login-form.yaml" } });
    expect(index.get("api")?.definedIn).toBe(`${REPO}@main:sluice/apps.yaml`);
    expect(index.problems).toEqual([]);
  });

  it("removes a branch's app when the branch goes, and changes the revision", () => {
    // Prepare
    const sources = [source({})];
    const before = buildAppIndex({ config, sources, inputs: inputs(["feature/a"]) });

    // Act
    const after = buildAppIndex({ config, sources, inputs: inputs([]), previous: before });

    // Assess
    expect(before.get("web1-feature-a")).toBeDefined();
    expect(after.get("web1-feature-a")).toBeUndefined();
    expect(after.revision).not.toBe(before.revision);
  });

  it("keeps a broken app's last good definition, lists every problem with its path, and the others keep working", () => {
    // Prepare
    const good = buildAppIndex({ config, sources: [source({ "sluice/apps.yaml": `apps:${app("api")}${app("web")}` })], inputs: inputs([]) });
    const broken = `apps:${app("api", "\n    syncPolicy: { prune: maybe }")}${app("web")}\n  - name: worker\n    source: { repo: not-a-url }\n`;

    // Act
    const index = buildAppIndex({ config, sources: [source({ "sluice/apps.yaml": broken }, "b".repeat(40))], inputs: inputs([]), previous: good });

    // Assess
    expect(index.get("api")).toBe(good.get("api"));
    expect(index.get("web")).toBeDefined();
    expect(index.get("worker")).toBeUndefined();
    const file = `${REPO}@main:sluice/apps.yaml`;
    expect(index.problems).toEqual(expect.arrayContaining([
      expect.objectContaining({ file, path: "apps.0.syncPolicy.prune", name: "api" }),
      expect.objectContaining({ file, path: "apps.2.source.repo", name: "worker" }),
      expect.objectContaining({ file, path: "apps.2.render", name: "worker" }),
    ]));
  });

  it("refuses a second app with a taken name, saying who has it", () => {
    // Prepare: two branches whose slugs collide
    const sources = [source({})];

    // Act
    const index = buildAppIndex({ config, sources, inputs: inputs(["feature/a_b", "feature/a-b"]) });

    // Assess
    expect(index.entries.filter((e) => e.appSet === "review")).toHaveLength(1);
    expect(index.problems).toEqual([expect.objectContaining({
      path: "name", name: "web1-feature-a-b", message: expect.stringContaining("is taken by app set review in sluice.yaml"),
    })]);
  });

  it("keeps what a generator made when its input cannot be read now, and says why", () => {
    // Prepare
    const before = buildAppIndex({ config, sources: [source({})], inputs: inputs(["feature/a"]) });
    const unreadable: GeneratorInputs = { ...inputs([]), branches: new Map([["git.example/charts", { ok: false, reason: "503 from git.example" }]]) };

    // Act
    const index = buildAppIndex({ config, sources: [source({})], inputs: unreadable, previous: before });

    // Assess
    expect(index.get("web1-feature-a")).toBe(before.get("web1-feature-a"));
    expect(index.problems).toEqual([expect.objectContaining({ file: "sluice.yaml", path: "appSets.0.generators.0", message: expect.stringContaining("503 from git.example") })]);
  });

  it("makes branch slugs DNS labels of at most 63 characters, stable and distinct when cut", () => {
    const long = `feature/${"x".repeat(80)}`;
    expect(branchSlug("Feature/JIRA-12_fix")).toBe("feature-jira-12-fix");
    expect(branchSlug(long)).toHaveLength(63);
    expect(branchSlug(long)).toBe(branchSlug(long));
    expect(branchSlug(`${long}a`)).not.toBe(branchSlug(`${long}b`));
  });
});
