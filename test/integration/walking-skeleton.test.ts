// One registry push deploys end to end, every component real: docker-registry's own
// notification -> Sluice's webhook server -> fauxqs FIFO -> worker -> git http-backend
// -> helm template -> kube-apiserver.
import { readFile, readdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { GetQueueAttributesCommand } from "@aws-sdk/client-sqs";
import { AppsV1Api, CoreV1Api, KubeConfig } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { parseConfig } from "../../src/core/config/load-config.ts";
import { EXAMPLE_DIR } from "../../src/runtime/local/example.ts";
import { startGitHttpServer, type GitHttpServer } from "../../src/runtime/local/git-http-server.ts";
import { ensureKubeTools } from "../../src/runtime/local/kube-tools.ts";
import { startWebhookServer, type RunningServer } from "../../src/runtime/local/webhook-server.ts";
import { startWorkerLoop, type WorkerLoop } from "../../src/runtime/local/worker-loop.ts";
import { silentLogger } from "../../src/core/log/logger.ts";
import { SqsJobQueue } from "../../src/adapters/queue/sqs-job-queue.ts";
import { readEnv } from "../../src/runtime/wiring/read-env.ts";
import { buildIntakeDeps } from "../../src/runtime/wiring/intake-deps.ts";
import { buildWorkerDeps } from "../../src/runtime/wiring/worker-deps.ts";
import { processJobMessage } from "../../src/jobs/worker/process-job-message.ts";
import type { WorkerDeps } from "../../src/jobs/deps/worker-deps.ts";
import { startQueues, type Queues } from "../harness/fauxqs.ts";
import { createBareRepo, gitLog, git, readFileAtHead, revParse } from "../harness/git-server.ts";
import { pushImage, MANIFEST_ACCEPT } from "../harness/push-image.ts";
import { startRecordingProxy, type RecordingProxy } from "../harness/recording-proxy.ts";
import { startRegistry, type Registry } from "../harness/registry.ts";
import { waitFor } from "../harness/wait-for.ts";

const TOKEN = "registry-notification-token-for-tests";

/** The actions of the events in a recorded notification body. */
function actions(body: Buffer): string[] {
  const parsed = JSON.parse(body.toString("utf8")) as { events?: { action?: string }[] };
  return (parsed.events ?? []).map((e) => e.action ?? "");
}
const VALUES = [
  "# develop environment",
  "replicaCount: 1",
  "",
  "image:",
  "  repository: REGISTRY/team/app   # pushed by CI",
  "  tag: 1.0.0   # written by Sluice",
  "",
].join("\n");

async function chartFiles(): Promise<Record<string, string>> {
  const root = join(EXAMPLE_DIR, "chart-repo");
  const files: Record<string, string> = {};
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else files[relative(root, path)] = await readFile(path, "utf8");
    }
  };
  await walk(root);
  return files;
}

describe("walking skeleton: a registry push deploys end to end", () => {
  let work: string;
  let queues: Queues;
  let registry: Registry;
  let proxy: RecordingProxy;
  let gitServer: GitHttpServer;
  let webhook: RunningServer;
  let loop: WorkerLoop;
  let worker: WorkerDeps;
  let bare: string;
  let values: string;
  let kc: KubeConfig;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), "sluice-e2e-"));
    queues = await startQueues();
    // The registry must know where to post before Sluice's server exists: a recording hop in between.
    proxy = await startRecordingProxy();
    registry = await startRegistry({ notifyUrl: `${proxy.url}/hooks/registry/distribution`, authorization: `Bearer ${TOKEN}` });
    values = VALUES.replace("REGISTRY", registry.host);
    await createBareRepo(join(work, "git"), "charts.git", { ...await chartFiles(), "charts/web/values-develop.yaml": values });
    bare = join(work, "git", "charts.git");
    gitServer = await startGitHttpServer({ root: join(work, "git") });

    const config = parseConfig(`
webhooks:
  distribution:
    secrets: [{ env: REGISTRY_TOKEN }]
registries:
  - { host: "${registry.host}", url: "${registry.url}" }
clusters:
  - name: test
    kubeconfig: { path: ${inject("kubeconfig")} }
apps:
  - name: web1-develop
    source: { repo: ${gitServer.url}/charts.git, branch: main, path: charts/web }
    render: { helm: { valueFiles: [values-develop.yaml] } }
    destination: { cluster: test, namespace: web1 }
    images:
      - repository: ${registry.host}/team/app
        policy: { semver: ">=1.0.0" }
        write: { file: charts/web/values-develop.yaml, tag: image.tag }
    # kwok's nodes run the Pods: the sync follows the rollout until the app is Healthy.
    syncPolicy: { automated: true, createNamespace: true }
`, join(work, "sluice.yaml"));
    const secretSources = { env: { REGISTRY_TOKEN: TOKEN } };
    const env = readEnv({ SLUICE_WORK_DIR: work });
    worker = await buildWorkerDeps({ config, env, logger: silentLogger, secretSources, tools: await ensureKubeTools() });
    const queue = new SqsJobQueue(queues.client, queues.queueUrl);
    webhook = await startWebhookServer(buildIntakeDeps({ config, queue, logger: silentLogger, secretSources }));
    proxy.setTarget(webhook.url);
    loop = startWorkerLoop(queues.client, queues.queueUrl, (body) => processJobMessage(body, worker), silentLogger);

    kc = new KubeConfig();
    kc.loadFromFile(inject("kubeconfig"));
  });

  afterAll(async () => {
    await loop?.stop();
    await webhook?.close();
    await gitServer?.close();
    await registry?.stop();
    await proxy?.close();
    await queues?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  });

  const queueDepth = async (): Promise<number> => {
    const out = await queues.client.send(new GetQueueAttributesCommand({ QueueUrl: queues.queueUrl, AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"] }));
    return Number(out.Attributes?.["ApproximateNumberOfMessages"] ?? 0) + Number(out.Attributes?.["ApproximateNumberOfMessagesNotVisible"] ?? 0);
  };

  it("commits exactly the tag, applies the Deployment and records the revision; a redelivery changes nothing", async () => {
    // Prepare
    const apps = kc.makeApiClient(AppsV1Api);
    const core = kc.makeApiClient(CoreV1Api);
    const before = await gitLog(bare);
    const started = Date.now();

    // Act: push over the registry's HTTP API, as `docker push` would.
    await pushImage(registry.url, "team/app", "1.1.0");
    const deployment = await waitFor("the Deployment with the new image", async () => {
      const d = await apps.readNamespacedDeployment({ name: "web1-develop", namespace: "web1" });
      return d.spec?.template.spec?.containers[0]?.image === `${registry.host}/team/app:1.1.0` ? d : undefined;
    }, 90_000);
    const elapsed = Date.now() - started;
    console.info(`registry push -> applied Deployment: ${elapsed} ms`);

    // Assess: the registry's own notification was accepted and queued one job.
    const pushes = proxy.exchanges.filter((e) => actions(e.body).includes("push") && e.status === 202 && e.response.includes('"queued"'));
    expect(pushes).toHaveLength(1);
    expect(pushes[0]?.headers["content-type"]).toBe("application/vnd.docker.distribution.events.v1+json");

    // One new commit whose diff is exactly the tag value.
    const after = await gitLog(bare);
    expect(after).toHaveLength(before.length + 1);
    expect(after[0]?.subject).toBe(`[skip ci] sluice: web1-develop ${registry.host}/team/app 1.0.0 -> 1.1.0`);
    expect(await readFileAtHead(bare, "charts/web/values-develop.yaml")).toBe(values.replace("tag: 1.0.0", "tag: 1.1.0"));
    const changed = await git(["diff", "--name-only", "main~1", "main"], bare);
    expect(changed.trim()).toBe("charts/web/values-develop.yaml");

    // Applied with Sluice's field manager and labels; the record names the revision and image.
    expect(deployment.metadata?.labels?.["app.kubernetes.io/managed-by"]).toBe("sluice");
    expect(deployment.metadata?.managedFields?.some((f) => f.manager === "sluice" && f.operation === "Apply")).toBe(true);
    // The record is written once the rollout has been followed to the end.
    const head = await revParse(bare);
    const record = await waitFor("the record of the rollout", async () => {
      const r = await core.readNamespacedConfigMap({ name: "sluice-app-web1-develop", namespace: "sluice-system" });
      return r.data?.["revision"] === head ? r : undefined;
    });
    const recorded = JSON.parse(record.data?.["record.json"] ?? "{}") as { history?: unknown[] };
    expect(recorded).toMatchObject({
      revision: head,
      images: { [`${registry.host}/team/app`]: "1.1.0" },
      sync: { status: "Synced" },
      health: { status: "Healthy" },
    });
    // Newest first. A registry that redelivers a slow notification may have had an earlier job sync the
    // old revision first; the push itself is one sync of the new revision.
    expect(recorded.history?.[0]).toMatchObject({ revision: head, trigger: "image-update", result: "Succeeded" });
    expect(recorded.history?.filter((h) => (h as { revision?: string }).revision === head)).toHaveLength(1);

    // Act again: the same notification, delivered twice more.
    const original = pushes[0];
    if (!original) throw new Error("no push recorded");
    for (let i = 0; i < 2; i++) {
      const again = await fetch(`${webhook.url}/hooks/registry/distribution`, { method: "POST", headers: { authorization: `Bearer ${TOKEN}`, "content-type": String(original.headers["content-type"]) }, body: original.body });
      expect(again.status).toBe(202);
    }
    await waitFor("an empty queue", async () => ((await queueDepth()) === 0 ? true : undefined));
    // Even past the queue's deduplication window, the worker itself finds nothing to do.
    const job = JSON.parse(original.response) as { deliveryId: string };
    const outcome = await processJobMessage(JSON.stringify({ kind: "image-update", app: "web1-develop", repository: `${registry.host}/team/app`, tag: "1.1.0", deliveryId: job.deliveryId }), worker);

    // Assess: still exactly one new commit.
    expect(outcome).toMatchObject({ kind: "image-update", status: "unchanged", sync: { status: "already-synced" } });
    expect(await gitLog(bare)).toHaveLength(before.length + 1);
  });

  it("answers the registry's pull events with 202 ignored, and bad deliveries with 4xx, queueing nothing", async () => {
    // Act: a manifest HEAD and GET make the registry send pull events.
    const seen = proxy.exchanges.length;
    for (const method of ["HEAD", "GET"]) await fetch(`${registry.url}/v2/team/app/manifests/1.1.0`, { method, headers: { accept: MANIFEST_ACCEPT } });
    const pulls = await waitFor("two pull notifications", async () => {
      const p = proxy.exchanges.slice(seen).filter((e) => actions(e.body).includes("pull"));
      return p.length >= 2 ? p : undefined;
    });
    const post = (headers: Record<string, string>, body: string) => fetch(`${webhook.url}/hooks/registry/distribution`, { method: "POST", headers, body });
    const ct = { "content-type": "application/vnd.docker.distribution.events.v1+json" };
    const wrongAuth = await post({ ...ct, authorization: "Bearer wrong" }, pulls[0]?.body.toString() ?? "");
    const noAuth = await post(ct, pulls[0]?.body.toString() ?? "");
    const malformed = await post({ ...ct, authorization: `Bearer ${TOKEN}` }, "{\"events\": [");

    // Assess
    for (const pull of pulls) {
      expect(pull.status).toBe(202);
      expect(JSON.parse(pull.response)).toMatchObject({ status: "ignored", reasons: [expect.stringMatching(/^pull event for team\/app/)] });
    }
    expect([wrongAuth.status, noAuth.status, malformed.status]).toEqual([401, 401, 400]);
    expect(await malformed.json()).toMatchObject({ error: expect.stringMatching(/not valid JSON/) });
    expect(await queueDepth()).toBe(0);
  });
});
