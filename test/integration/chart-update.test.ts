// Chart version updates on real components: a chart pushed to docker-registry with helm push, a
// git chart depending on it in the git http-backend, the worker's image-update job path for the
// bump (the OCI chart's tags are its versions), a real helm render, and the API server it syncs to.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { SluiceConfig } from "../../src/core/config/app-config.ts";
import { parseConfig } from "../../src/core/config/load-config.ts";
import { startGitHttpServer, type GitHttpServer } from "../../src/runtime/local/git-http-server.ts";
import { ensureKubeTools } from "../../src/runtime/local/kube-tools.ts";
import { silentLogger } from "../../src/core/log/logger.ts";
import { readEnv } from "../../src/runtime/wiring/read-env.ts";
import { buildWorkerDeps } from "../../src/runtime/wiring/worker-deps.ts";
import { processJobMessage } from "../../src/jobs/worker/process-job-message.ts";
import { createBareRepo, gitLog, readFileAtHead } from "../harness/git-server.ts";
import { pushOciChart, writeChart } from "../harness/helm-repo-server.ts";
import { startRegistry, type Registry } from "../harness/registry.ts";
import { getJson } from "./sync-kubectl.ts";

const chartYaml = (host: string, db: string) => [
  "apiVersion: v2",
  "name: web",
  "version: 1.0.0   # the app's own version, never touched",
  "dependencies:",
  "  - name: db   # from the registry",
  `    version: "${db}"   # bumped by Sluice`,
  `    repository: oci://${host}/charts`,
  "  - name: lib",
  "    version: 0.0.1",
  "    repository: file://../lib",
  "",
].join("\n");


describe("chart version updates: a Chart.yaml dependency from an OCI registry", () => {
  let work: string;
  let registry: Registry;
  let gitServer: GitHttpServer;
  let bare: string;
  let config: SluiceConfig;
  let helm: string;
  const job = (tag: string, id: string) => JSON.stringify({ kind: "image-update", app: "web", repository: `${registry.host}/charts/db`, tag, deliveryId: id });

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), "sluice-chart-update-"));
    registry = await startRegistry();
    helm = (await ensureKubeTools()).helm;
    for (const version of ["0.1.0", "0.1.5", "0.2.0"]) await pushOciChart(helm, await writeChart(join(work, "src", `db-${version}`), { name: "db", version }), `oci://${registry.host}/charts`);
    const lib = await writeChart(join(work, "lib-src"), { name: "lib", version: "0.0.1" });
    gitServer = await startGitHttpServer({ root: join(work, "git") });
    await createBareRepo(join(work, "git"), "charts.git", {
      "web/Chart.yaml": chartYaml(registry.host, "0.1.0"),
      "web/templates/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\ndata:\n  chart: web\n",
      "lib/Chart.yaml": await readFile(join(lib, "Chart.yaml"), "utf8"),
      "lib/templates/cm.yaml": await readFile(join(lib, "templates", "cm.yaml"), "utf8"),
    });
    bare = join(work, "git", "charts.git");
    config = parseConfig(`registries:\n  - { host: ${registry.host} }\napps:
  - name: web
    source: { repo: ${gitServer.url}/charts.git, branch: main, path: web }
    render: { helm: {} }
    destination: { cluster: test, namespace: chart-update }
    images:
      - repository: ${registry.host}/charts/db
        policy: { semver: "~0.1.0" }
        write: { file: web/Chart.yaml, tag: "dependencies[0].version" }
    syncPolicy: { automated: true, createNamespace: true, healthTimeoutSeconds: 0 }
clusters:
  - name: test
    kubeconfig: { path: ${inject("kubeconfig")} }
`, join(work, "sluice.yaml"));
  }, 180_000);

  afterAll(async () => {
    await gitServer?.close();
    await registry?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it("writes the newest version the range allows into Chart.yaml byte for byte, commits [skip ci], syncs it to the API server, and never downgrades", async () => {
    // Prepare
    const w = await buildWorkerDeps({ config, env: readEnv({ SLUICE_WORK_DIR: work }), logger: silentLogger, secretSources: { env: {} }, tools: { helm, kubectl: (await ensureKubeTools()).kubectl } });
    const before = (await gitLog(bare, "main", 50)).length;

    // Act: a push of 0.1.5 (what the registry's notification or the sweep reports), then a late 0.1.0
    const bumped = await processJobMessage(job("0.1.5", "c1"), w);
    const older = await processJobMessage(job("0.1.0", "c2"), w);

    // Assess
    expect(bumped).toMatchObject({ kind: "image-update", status: "committed", from: "0.1.0", to: "0.1.5" });
    expect(older).toMatchObject({ kind: "image-update", status: "unchanged", to: "0.1.5" });
    expect(await readFileAtHead(bare, "web/Chart.yaml")).toBe(chartYaml(registry.host, "0.1.5"));
    const log = await gitLog(bare, "main", 50);
    expect(log).toHaveLength(before + 1);
    expect(log[0]?.subject).toMatch(/^\[skip ci\] /);
    const chartOf = async (name: string) => ((await getJson("configmap", name, "chart-update"))?.["data"] as { chart?: string } | undefined)?.chart;
    expect(await chartOf("web-db")).toBe("db-0.1.5");
    expect(await chartOf("web-lib")).toBe("lib-0.0.1");
    expect(await chartOf("web")).toBe("web");
  }, 180_000);
});
