// `sluice import` end to end: the peers' documented Argo CD Application and Flux Kustomization,
// pointed at local copies of their repositories, imported by the CLI command (from files, and
// from the API server where an Application lives), checked by the config schema, and synced.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify as dump } from "yaml";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { parseConfig } from "../../src/core/config/load-config.ts";
import { silentLogger } from "../../src/core/log/logger.ts";
import { startGitHttpServer, type GitHttpServer } from "../../src/runtime/local/git-http-server.ts";
import { ensureKubeTools } from "../../src/runtime/local/kube-tools.ts";
import { importCommand } from "../../src/runtime/cli/import-command.ts";
import { readEnv } from "../../src/runtime/wiring/read-env.ts";
import { buildWorkerDeps } from "../../src/runtime/wiring/worker-deps.ts";
import { runJob } from "../../src/jobs/worker/run-job.ts";
import { createBareRepo } from "../harness/git-server.ts";
import { getJson, kubectl } from "./sync-kubectl.ts";

const fixture = (name: string) => readFile(new URL(`../fixtures/import/${name}`, import.meta.url), "utf8");

// The shape of argocd-example-apps' guestbook and podinfo's kustomize folder, trimmed to what a sync needs.
const deployment = (name: string, image: string) => ({
  apiVersion: "apps/v1", kind: "Deployment", metadata: { name },
  spec: { replicas: 1, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image }] } } },
});
const service = (name: string) => ({ apiVersion: "v1", kind: "Service", metadata: { name }, spec: { selector: { app: name }, ports: [{ port: 80 }] } });

// An Application CRD that keeps whatever it is given, so a live Application can be read back.
const APPLICATION_CRD = {
  apiVersion: "apiextensions.k8s.io/v1", kind: "CustomResourceDefinition", metadata: { name: "applications.argoproj.io" },
  spec: { group: "argoproj.io", scope: "Namespaced", names: { kind: "Application", plural: "applications", singular: "application" },
    versions: [{ name: "v1alpha1", served: true, storage: true, schema: { openAPIV3Schema: { type: "object", "x-kubernetes-preserve-unknown-fields": true } } }] },
};

describe("sluice import, then sync", () => {
  let work: string;
  let server: GitHttpServer;

  /** Runs the import command; returns the definitions it wrote and its report. */
  async function runImport(args: string[]): Promise<{ code: number; definitions: string; report: string }> {
    let definitions = "";
    let report = "";
    const code = await importCommand(args, (t) => (definitions += t), (t) => (report += t));
    return { code, definitions, report };
  }

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), "sluice-import-"));
    await createBareRepo(join(work, "git"), "argocd-example-apps.git", {
      "guestbook/guestbook-ui-deployment.yaml": dump(deployment("guestbook-ui", "gcr.io/heptio-images/ks-guestbook-demo:0.2")),
      "guestbook/guestbook-ui-svc.yaml": dump(service("guestbook-ui")),
    });
    await createBareRepo(join(work, "git"), "podinfo.git", {
      "kustomize/kustomization.yaml": "resources:\n  - deployment.yaml\n  - service.yaml\n",
      "kustomize/deployment.yaml": dump(deployment("podinfo", "ghcr.io/stefanprodan/podinfo:6.5.0")),
      "kustomize/service.yaml": dump(service("podinfo")),
    });
    server = await startGitHttpServer({ root: join(work, "git") });
    const argo = (await fixture("argo-cd.yaml")).split("\n---\n")[0] ?? "";
    const flux = (await fixture("flux.yaml")).split("\n---\n").slice(0, 2).join("\n---\n");
    await writeFile(join(work, "argo.yaml"), argo.replace("https://github.com/argoproj/argocd-example-apps.git", `${server.url}/argocd-example-apps.git`));
    await writeFile(join(work, "flux.yaml"), flux.replace("https://github.com/stefanprodan/podinfo", `${server.url}/podinfo.git`).replace("branch: master", "branch: main"));
  });

  afterAll(async () => {
    await server?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it("imports Argo CD's guestbook and Flux's podinfo from files into apps that sync on the API server", async () => {
    // Act: import, as a user would, into a file
    const out = join(work, "imported.yaml");
    const imported = await runImport([join(work, "argo.yaml"), join(work, "flux.yaml"), "--in-cluster", "test", "--out", out]);
    const definitions = await readFile(out, "utf8");

    // Assess: valid definitions, with the report on what changed
    expect(imported.code).toBe(0);
    expect(imported.report).toContain("changed  Application argocd/guestbook spec.source.targetRevision: targetRevision HEAD (the default branch) is written as main");
    expect(imported.report).toMatch(/imported 2 app\(s\) and 0 app set\(s\)/);
    const config = parseConfig(`clusters:\n  - name: test\n    kubeconfig: { path: ${inject("kubeconfig")} }\n${definitions.replace(/^#.*\n/, "")}`, join(work, "sluice.yaml"));
    expect(config.apps.map((a) => a.name)).toEqual(["guestbook", "podinfo"]);

    // Act: sync both
    const deps = await buildWorkerDeps({ config, env: readEnv({ SLUICE_WORK_DIR: work }), logger: silentLogger, secretSources: { env: {} }, tools: await ensureKubeTools() });
    const outcomes = [];
    for (const app of ["guestbook", "podinfo"]) outcomes.push(await runJob({ kind: "sync", app, trigger: "manual", deliveryId: `import-${app}` }, deps));

    // Assess: the objects are on the API server, where Argo CD and Flux would have put them
    expect(outcomes.map((o) => (o.kind === "sync" ? o.sync.status : o.kind))).toEqual(["synced", "synced"]);
    expect(await getJson("deployment", "guestbook-ui", "guestbook")).toBeDefined();
    expect(await getJson("service", "podinfo", "default")).toBeDefined();
  });

  it("reads the Applications of a live cluster through the kubeconfig", async () => {
    // Prepare: Argo CD's CRD and the guestbook Application on the API server
    const argo = await readFile(join(work, "argo.yaml"), "utf8");
    await writeFile(join(work, "crd.yaml"), dump(APPLICATION_CRD));
    await kubectl("apply", "-f", join(work, "crd.yaml"));
    await kubectl("wait", "--for=condition=Established", "crd/applications.argoproj.io", "--timeout=60s");
    await kubectl("create", "namespace", "argocd");
    await writeFile(join(work, "app.yaml"), argo);
    await kubectl("apply", "-f", join(work, "app.yaml"));

    // Act
    const imported = await runImport(["--kubeconfig", inject("kubeconfig"), "--in-cluster", "test"]);

    // Assess
    const config = parseConfig(`clusters:\n  - name: test\n    kubeconfig: { path: ${inject("kubeconfig")} }\n${imported.definitions.replace(/^#.*\n/, "")}`, join(work, "live.yaml"));
    expect(config.apps).toMatchObject([{ name: "guestbook", source: { repo: `${server.url}/argocd-example-apps.git`, path: "guestbook" }, destination: { cluster: "test", namespace: "guestbook" } }]);
  });
});
