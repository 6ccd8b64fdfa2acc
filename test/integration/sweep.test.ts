// The sweep on real components, with no webhook to help: docker-registry with its notifications
// off, git http-backend, fauxqs FIFO, the worker loop and the API server with its controller
// manager. A missed tag push, a missed git push, hand edits to live objects, and a sweep racing
// the registry's own notification for the same tag.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { GetQueueAttributesCommand } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { parseConfig } from "../../src/core/config/load-config.ts";
import type { AppRecord } from "../../src/engine/record/app-record.ts";
import { startGitHttpServer, type GitHttpServer } from "../../src/runtime/local/git-http-server.ts";
import { ensureKubeTools } from "../../src/runtime/local/kube-tools.ts";
import { startWebhookServer, type RunningServer } from "../../src/runtime/local/webhook-server.ts";
import { startWorkerLoop, type WorkerLoop } from "../../src/runtime/local/worker-loop.ts";
import { silentLogger } from "../../src/core/log/logger.ts";
import { SqsJobQueue } from "../../src/adapters/queue/sqs-job-queue.ts";
import { buildIntakeDeps } from "../../src/runtime/wiring/intake-deps.ts";
import { readEnv } from "../../src/runtime/wiring/read-env.ts";
import { buildSweepDeps, buildWorkerDeps } from "../../src/runtime/wiring/worker-deps.ts";
import { runSweep, type SweepDeps, type SweepResult } from "../../src/jobs/sweep/run-sweep.ts";
import { processJobMessage } from "../../src/jobs/worker/process-job-message.ts";
import type { WorkerDeps } from "../../src/jobs/deps/worker-deps.ts";
import { startQueues, type Queues } from "../harness/fauxqs.ts";
import { createBareRepo, git, gitLog, readFileAtHead } from "../harness/git-server.ts";
import { pushImage } from "../harness/push-image.ts";
import { startRecordingProxy, type RecordingProxy } from "../harness/recording-proxy.ts";
import { startRegistry, type Registry } from "../harness/registry.ts";
import { waitFor } from "../harness/wait-for.ts";
import { getJson, kubectl } from "./sync-kubectl.ts";

const TOKEN = "registry-notification-token-for-sweep-tests";

const deployment = (name: string, image: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: 1
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata: { labels: { app: ${name} } }
    spec:
      containers:
        - name: ${name}
          image: ${image}
`;
const settings = (level: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  level: ${level}\n`;

describe("the sweep catches what no webhook reported", () => {
  let work: string;
  let queues: Queues;
  let registry: Registry;
  let proxy: RecordingProxy;
  let gitServer: GitHttpServer;
  let webhook: RunningServer;
  let loop: WorkerLoop;
  let worker: WorkerDeps;
  let sweep: SweepDeps;
  let bare: string;

  const image = (name: string) => `${registry.host}/team/${name}`;
  const recordOf = async (name: string): Promise<AppRecord | undefined> => {
    const app = worker.config.apps.find((a) => a.name === name);
    if (!app) throw new Error(`no app ${name}`);
    return worker.destinationFor(app).readRecord(name);
  };
  const queueDepth = async (): Promise<number> => {
    const out = await queues.client.send(new GetQueueAttributesCommand({ QueueUrl: queues.queueUrl, AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"] }));
    return Number(out.Attributes?.["ApproximateNumberOfMessages"] ?? 0) + Number(out.Attributes?.["ApproximateNumberOfMessagesNotVisible"] ?? 0);
  };
  const drained = () => waitFor("the worker to finish every job", async () => ((await queueDepth()) === 0 ? true : undefined), 120_000, 200);
  /** Commits files to the chart repo's main branch with the git CLI, as a person would; no webhook follows. */
  const commit = async (files: Record<string, string>, message: string): Promise<void> => {
    const clone = await mkdtemp(join(tmpdir(), "sluice-sweep-commit-"));
    try {
      await git(["clone", "--quiet", bare, clone]);
      for (const [path, content] of Object.entries(files)) {
        await mkdir(dirname(join(clone, path)), { recursive: true });
        await writeFile(join(clone, path), content);
      }
      await git(["add", "--all"], clone);
      await git(["commit", "--quiet", "-m", message], clone);
      await git(["push", "--quiet", "origin", "main"], clone);
    } finally {
      await rm(clone, { recursive: true, force: true });
    }
  };

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), "sluice-sweep-"));
    queues = await startQueues();
    proxy = await startRecordingProxy();
    registry = await startRegistry({ notifyUrl: `${proxy.url}/hooks/registry/distribution`, authorization: `Bearer ${TOKEN}` });
    await registry.setNotifications(false);
    for (const name of ["missed", "race"]) await pushImage(registry.url, `team/${name}`, "1.0.0");
    await createBareRepo(join(work, "git"), "charts.git", {
      "apps/missed/deployment.yaml": deployment("missed", `${image("missed")}:1.0.0`),
      "apps/race/deployment.yaml": deployment("race", `${image("race")}:1.0.0`),
      "apps/git-missed/settings.yaml": settings("info"),
      "apps/drift-report/settings.yaml": settings("info"),
      "apps/drift-heal/settings.yaml": settings("info"),
    });
    bare = join(work, "git", "charts.git");
    gitServer = await startGitHttpServer({ root: join(work, "git") });

    const app = (name: string, extra = "", policy = "") => `
  - name: ${name}
    source: { repo: ${gitServer.url}/charts.git, branch: main, path: apps/${name} }
    render: { directory: {} }
    destination: { cluster: test, namespace: sweep-${name} }${extra}
    syncPolicy: { automated: true, createNamespace: true, healthTimeoutSeconds: 0${policy} }`;
    const tracks = (name: string) => `
    images:
      - repository: ${image(name)}
        policy: { semver: ">=1.0.0" }
        write: { file: apps/${name}/deployment.yaml, manifest: true }`;
    const config = parseConfig(`
webhooks:
  distribution:
    secrets: [{ env: REGISTRY_TOKEN }]
registries:
  - { host: "${registry.host}", url: "${registry.url}" }
clusters:
  - name: test
    kubeconfig: { path: ${inject("kubeconfig")} }
apps:${app("missed", tracks("missed"))}${app("race", tracks("race"))}${app("git-missed")}${app("drift-report")}${app("drift-heal", "", ", selfHeal: true")}
`, join(work, "sluice.yaml"));
    const secretSources = { env: { REGISTRY_TOKEN: TOKEN } };
    worker = await buildWorkerDeps({ config, env: readEnv({ SLUICE_WORK_DIR: work, SLUICE_PUSH_ATTEMPTS: "20" }), logger: silentLogger, secretSources, tools: await ensureKubeTools() });
    const queue = new SqsJobQueue(queues.client, queues.queueUrl);
    sweep = buildSweepDeps(worker, queue);
    webhook = await startWebhookServer(buildIntakeDeps({ config, queue, logger: silentLogger, secretSources }));
    proxy.setTarget(webhook.url);
    loop = startWorkerLoop(queues.client, queues.queueUrl, (body) => processJobMessage(body, worker), silentLogger);

    // The first sweep finds every app never synced and syncs it.
    const first = await runSweep(sweep);
    expect(first.jobs.map((j) => [j.kind, j.app, j.reason]).sort()).toEqual(["drift-heal", "drift-report", "git-missed", "missed", "race"].map((a) => ["sync", a, "never synced"]));
    await drained();
  }, 180_000);

  afterAll(async () => {
    await loop?.stop();
    await webhook?.close();
    await gitServer?.close();
    await registry?.stop();
    await proxy?.close();
    await queues?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it("finds nothing to do when nothing changed, although the controller keeps writing the Deployments' status", async () => {
    // Act
    const idle = await runSweep(sweep);

    // Assess: one request per repo, image, cluster and kind, and no job
    expect(idle).toMatchObject({ queued: [], unknown: [], deferred: [] });
    expect(idle.counts).toEqual({ recordLists: 1, gitHeads: 1, gitSnapshots: 0, tagLists: 2, liveLists: 2 });
    expect((await getJson("deployment", "missed", "sweep-missed"))?.["status"]).toBeDefined();
  });

  it("commits and applies a tag pushed while the registry's notifications were off", async () => {
    // Prepare
    const before = await gitLog(bare);
    await pushImage(registry.url, "team/missed", "1.1.0");

    // Act
    const result = await runSweep(sweep);
    await drained();

    // Assess
    expect(result.jobs).toEqual([{ kind: "image-update", app: "missed", reason: `${image("missed")} 1.0.0 → 1.1.0` }]);
    const log = await gitLog(bare);
    expect(log).toHaveLength(before.length + 1);
    expect(log[0]?.subject).toBe(`[skip ci] sluice: missed ${image("missed")} 1.0.0 -> 1.1.0`);
    expect(await readFileAtHead(bare, "apps/missed/deployment.yaml")).toContain(`image: ${image("missed")}:1.1.0`);
    const live = await getJson("deployment", "missed", "sweep-missed");
    expect((live?.spec?.["template"] as { spec: { containers: { image: string }[] } }).spec.containers[0]?.image).toBe(`${image("missed")}:1.1.0`);
    expect(await recordOf("missed")).toMatchObject({ revision: log[0]?.sha, images: { [image("missed")]: "1.1.0" } });
  });

  it("applies a commit pushed with no webhook, and syncs no app whose files it did not touch", async () => {
    // Prepare
    await commit({ "apps/git-missed/settings.yaml": settings("warn") }, "raise the log level");
    const head = (await gitLog(bare))[0]?.sha;

    // Act
    const result = await runSweep(sweep);
    await drained();

    // Assess
    expect(result.jobs.map((j) => [j.kind, j.app])).toEqual([["sync", "git-missed"]]);
    expect(result.counts.gitSnapshots).toBe(1);
    expect(((await getJson("configmap", "settings", "sweep-git-missed"))?.["data"] as Record<string, string>)["level"]).toBe("warn");
    expect((await recordOf("git-missed"))?.revision).toBe(head);
    expect((await recordOf("drift-report"))?.revision).not.toBe(head);
    expect((await runSweep(sweep)).queued).toEqual([]);
  });

  it("reports a hand edit as OutOfSync, restores it for the app with self-heal, and then leaves both alone", async () => {
    // Prepare: the same out-of-band edit to both apps' ConfigMaps
    for (const name of ["drift-report", "drift-heal"]) await kubectl("patch", "configmap", "settings", "-n", `sweep-${name}`, "-p", '{"data":{"level":"debug"}}');

    // Act
    const result = await runSweep(sweep);
    await drained();
    const after = await runSweep(sweep);

    // Assess: a check job for the two edited apps only
    expect(result.jobs.map((j) => [j.kind, j.app]).sort()).toEqual([["check", "drift-heal"], ["check", "drift-report"]]);
    const level = async (name: string) => ((await getJson("configmap", "settings", `sweep-${name}`))?.["data"] as Record<string, string>)["level"];
    expect(await level("drift-report")).toBe("debug");
    expect((await recordOf("drift-report"))?.sync).toEqual({ status: "OutOfSync", message: "1 resource(s) differ from git: ConfigMap/settings (changed)" });
    expect(await level("drift-heal")).toBe("info");
    expect((await recordOf("drift-heal"))?.history[0]).toMatchObject({ trigger: "self-heal", result: "Succeeded" });
    expect(after.queued).toEqual([]);
  });

  it("makes exactly one commit when a sweep races the registry's notification for the same tag", async () => {
    // Prepare: notifications on again
    await registry.setNotifications(true);
    const before = await gitLog(bare);
    const seen = proxy.exchanges.length;

    // Act: the push notifies the webhook while the sweep lists the same new tag
    await pushImage(registry.url, "team/race", "1.1.0");
    const swept: SweepResult = await runSweep(sweep);
    await waitFor("the registry's notification of the push", async () => (proxy.exchanges.slice(seen).some((e) => e.status === 202 && e.response.includes('"queued"')) ? true : undefined));
    await drained();

    // Assess: two jobs, one from each, and one commit
    expect(swept.jobs).toContainEqual({ kind: "image-update", app: "race", reason: `${image("race")} 1.0.0 → 1.1.0` });
    const log = await gitLog(bare);
    expect(log).toHaveLength(before.length + 1);
    expect(log[0]?.subject).toBe(`[skip ci] sluice: race ${image("race")} 1.0.0 -> 1.1.0`);
    expect(await recordOf("race")).toMatchObject({ revision: log[0]?.sha, images: { [image("race")]: "1.1.0" } });
  });
});
