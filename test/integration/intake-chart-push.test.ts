// A `helm push` of an OCI chart to a real registry (Debian's docker-registry) notifies Sluice's
// webhook server, which queues a chart version update into the real embedded SQS FIFO.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/core/config/load-config.ts";
import { parseJob } from "../../src/core/queue/job.ts";
import { SqsJobQueue } from "../../src/adapters/queue/sqs-job-queue.ts";
import { buildIntakeDeps } from "../../src/runtime/wiring/intake-deps.ts";
import { silentLogger } from "../../src/core/log/logger.ts";
import { startWebhookServer, type RunningServer } from "../../src/runtime/local/webhook-server.ts";
import { ensureKubeTools } from "../../src/runtime/local/kube-tools.ts";
import { startQueues, type Queues } from "../harness/fauxqs.ts";
import { pushOciChart, writeChart } from "../harness/helm-repo-server.ts";
import { startRecordingProxy, type RecordingProxy } from "../harness/recording-proxy.ts";
import { startRegistry, type Registry } from "../harness/registry.ts";
import { waitFor } from "../harness/wait-for.ts";

const TOKEN = "registry-notification-token-for-chart-push";

describe("a helm push of an OCI chart, through the registry's notification", () => {
  let work: string;
  let queues: Queues;
  let registry: Registry;
  let proxy: RecordingProxy;
  let webhook: RunningServer;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), "sluice-chart-push-"));
    queues = await startQueues();
    proxy = await startRecordingProxy();
    registry = await startRegistry({ notifyUrl: `${proxy.url}/hooks/registry/distribution`, authorization: `Bearer ${TOKEN}` });
    const config = parseConfig(`
webhooks:
  distribution: { secrets: [{ env: REGISTRY_TOKEN }] }
apps:
  - name: web
    source: { repo: https://git.example.com/acme/charts.git, path: web }
    render: { helm: {} }
    destination: { directory: /tmp/sluice-chart-push-test, namespace: web }
    images:
      - repository: ${registry.host}/charts/db
        policy: { semver: "~0.3.0" }
        write: { file: web/Chart.yaml, tag: "dependencies[0].version" }
  - name: db
    source: { repo: https://git.example.com/acme/gitops.git, path: envs/db }
    render: { helm: { chart: { repo: "oci://${registry.host}/charts", name: db, version: 0.3.0, update: { semver: ~0.3.0 } } } }
    destination: { directory: /tmp/sluice-chart-push-test, namespace: db }
`, "intake.yaml");
    webhook = await startWebhookServer(buildIntakeDeps({ config, queue: new SqsJobQueue(queues.client, queues.queueUrl), logger: silentLogger, secretSources: { env: { REGISTRY_TOKEN: TOKEN } } }));
    proxy.setTarget(webhook.url);
  }, 120_000);

  afterAll(async () => {
    await webhook?.close();
    await registry?.stop();
    await proxy?.close();
    await queues?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it("queues one chart version update for each app that tracks the chart's repository or updates it as its own chart", async () => {
    // Prepare
    const { helm } = await ensureKubeTools();
    const chart = await writeChart(join(work, "db"), { name: "db", version: "0.3.1" });

    // Act
    await pushOciChart(helm, chart, `oci://${registry.host}/charts`);

    // Assess: the manifest push with its tag arrives, is answered 202 and queues one job
    const tagPush = await waitFor("the notification of the chart's tag push", async () => proxy.exchanges.find((e) => {
      const body = JSON.parse(e.body.toString("utf8")) as { events?: { action: string; target: { tag?: string } }[] };
      return (body.events ?? []).some((ev) => ev.action === "push" && ev.target.tag === "0.3.1");
    }), 30_000);
    const pushed = (JSON.parse(tagPush.body.toString("utf8")) as { events: { action: string; target: { tag?: string; mediaType?: string } }[] }).events.find((ev) => ev.target.tag === "0.3.1");
    expect(pushed?.target.mediaType).toBe("application/vnd.oci.image.manifest.v1+json");
    expect(tagPush.status).toBe(202);
    const received = await queues.client.send(new ReceiveMessageCommand({ QueueUrl: queues.queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
    // Two apps, two FIFO groups: their order between groups is the queue's, not the sender's.
    expect(received.Messages?.map((m) => parseJob(m.Body ?? "")).sort((a, b) => a.kind.localeCompare(b.kind))).toMatchObject([
      { kind: "chart-update", app: "db", chart: `oci://${registry.host}/charts/db`, version: "0.3.1" },
      { kind: "image-update", app: "web", repository: `${registry.host}/charts/db`, tag: "0.3.1" },
    ]);
  }, 120_000);
});
