// Intake against a real CNCF distribution registry (Debian's docker-registry) sending its
// own notifications, through Sluice's webhook server, into the real embedded SQS FIFO.
// With SLUICE_RECORD_FIXTURES=1 it also saves the notifications it saw as fixtures.
import { writeFile } from "node:fs/promises";
import { GetQueueAttributesCommand, ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/core/config/load-config.ts";
import { parseJob } from "../../src/core/queue/job.ts";
import { branchWriteGroupId } from "../../src/core/queue/deduplication-id.ts";
import { SqsJobQueue } from "../../src/adapters/queue/sqs-job-queue.ts";
import { buildIntakeDeps } from "../../src/runtime/wiring/intake-deps.ts";
import { silentLogger } from "../../src/core/log/logger.ts";
import { startWebhookServer, type RunningServer } from "../../src/runtime/local/webhook-server.ts";
import { startQueues, type Queues } from "../harness/fauxqs.ts";
import { MANIFEST_ACCEPT, pushImage } from "../harness/push-image.ts";
import { startRecordingProxy, type Exchange, type RecordingProxy } from "../harness/recording-proxy.ts";
import { startRegistry, type Registry } from "../harness/registry.ts";
import { waitFor } from "../harness/wait-for.ts";

const TOKEN = "registry-notification-token-for-intake-tests";

interface Notified { action: string; repository: string; tag?: string; mediaType?: string; method?: string }
function events(exchange: Exchange): Notified[] {
  const body = JSON.parse(exchange.body.toString("utf8")) as { events?: { action: string; target: { repository: string; tag?: string; mediaType?: string }; request?: { method?: string } }[] };
  return (body.events ?? []).map((e) => ({ action: e.action, repository: e.target.repository, ...(e.target.tag ? { tag: e.target.tag } : {}), ...(e.target.mediaType ? { mediaType: e.target.mediaType } : {}), ...(e.request?.method ? { method: e.request.method } : {}) }));
}

describe("intake on a real registry's notifications", () => {
  let queues: Queues;
  let registry: Registry;
  let proxy: RecordingProxy;
  let webhook: RunningServer;

  beforeAll(async () => {
    queues = await startQueues();
    proxy = await startRecordingProxy();
    // ignoredMediaTypes: [] so the registry also reports blob uploads, which must queue nothing.
    registry = await startRegistry({ notifyUrl: `${proxy.url}/hooks/registry/distribution`, authorization: `Bearer ${TOKEN}`, ignoredMediaTypes: [] });
    const config = parseConfig(`
webhooks:
  distribution: { secrets: [{ env: REGISTRY_TOKEN }] }
apps:
  - name: web
    source: { repo: https://git.example.com/acme/charts.git, path: charts/web }
    render: { helm: {} }
    destination: { directory: /tmp/sluice-intake-test, namespace: web }
    images:
      - repository: ${registry.host}/team/app
        policy: { semver: ">=1.0.0" }
        write: { file: charts/web/values.yaml, tag: image.tag }
`, "intake.yaml");
    webhook = await startWebhookServer(buildIntakeDeps({ config, queue: new SqsJobQueue(queues.client, queues.queueUrl), logger: silentLogger, secretSources: { env: { REGISTRY_TOKEN: TOKEN } } }));
    proxy.setTarget(webhook.url);
  });

  afterAll(async () => {
    await webhook?.close();
    await registry?.stop();
    await proxy?.close();
    await queues?.stop();
  });

  it("queues one job for a tag push, and nothing for blob uploads, pulls, a HEAD on a missing tag or a cross-repository mount", async () => {
    // Act: a push (blobs, then the tagged manifest), a pull, a HEAD on a tag that does not exist, a mount.
    const pushed = await pushImage(registry.url, "team/app", "1.2.0");
    await fetch(`${registry.url}/v2/team/app/manifests/1.2.0`, { headers: { accept: MANIFEST_ACCEPT } }).then((r) => r.arrayBuffer());
    const missing = await fetch(`${registry.url}/v2/team/app/manifests/9.9.9`, { method: "HEAD", headers: { accept: MANIFEST_ACCEPT } });
    expect(missing.status).toBe(404);
    const mount = await fetch(`${registry.url}/v2/team/other/blobs/uploads/?mount=${pushed.layerDigest}&from=team/app`, { method: "POST" });
    expect(mount.status).toBe(201);

    // The registry notifies in order, so once the mount has arrived every earlier notification has too.
    const seen = await waitFor("the registry's notifications up to the mount", async () => {
      const all = proxy.exchanges.flatMap((e) => events(e).map((n) => ({ n, e })));
      return all.some(({ n }) => n.action === "mount") ? all : undefined;
    }, 30_000);

    // Assess: every notification was answered 202; only the tag push queued, and queued one job.
    const by = (pred: (n: Notified) => boolean) => seen.filter(({ n }) => pred(n));
    const tagPush = by((n) => n.action === "push" && n.tag === "1.2.0");
    const blobPushes = by((n) => n.action === "push" && !n.tag);
    const pulls = by((n) => n.action === "pull");
    const mounts = by((n) => n.action === "mount");
    expect(seen.every(({ e }) => e.status === 202)).toBe(true);
    expect(tagPush).toHaveLength(1);
    expect(JSON.parse(tagPush[0]?.e.response ?? "{}")).toMatchObject({ status: "queued", jobs: [{ app: "web", repository: `${registry.host}/team/app`, tag: "1.2.0" }] });
    expect(blobPushes.length).toBeGreaterThanOrEqual(2);
    for (const { e } of [...blobPushes, ...pulls, ...mounts]) expect(JSON.parse(e.response)).toMatchObject({ status: "ignored" });
    // distribution 2.8.2 sends nothing for a HEAD that finds no manifest; whatever a registry sends for it must queue nothing.
    expect(pulls.filter(({ n }) => n.tag !== "9.9.9").map(({ n }) => n.method)).toEqual(["GET"]);

    const attributes = await queues.client.send(new GetQueueAttributesCommand({ QueueUrl: queues.queueUrl, AttributeNames: ["ApproximateNumberOfMessages"] }));
    expect(Number(attributes.Attributes?.["ApproximateNumberOfMessages"])).toBe(1);
    const received = await queues.client.send(new ReceiveMessageCommand({ QueueUrl: queues.queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, AttributeNames: ["All"] }));
    expect(received.Messages).toHaveLength(1);
    const message = received.Messages?.[0];
    expect(parseJob(message?.Body ?? "")).toMatchObject({ kind: "image-update", app: "web", repository: `${registry.host}/team/app`, tag: "1.2.0", digest: pushed.digest });
    // Bumps are grouped by the chart repo branch they write, so one writer at a time pushes it.
    expect(message?.Attributes?.["MessageGroupId"]).toBe(branchWriteGroupId("https://git.example.com/acme/charts.git", "main"));

    if (process.env["SLUICE_RECORD_FIXTURES"] === "1") await record({ "push-tag": tagPush, "push-blob": blobPushes, pull: pulls, mount: mounts });
  });

  it("lets a redelivered tag push through the door but into the queue only once", async () => {
    const original = proxy.exchanges.find((e) => events(e).some((n) => n.action === "push" && n.tag === "1.2.0"));
    if (!original) throw new Error("no tag push recorded");
    const before = await depth();

    for (let i = 0; i < 2; i++) {
      const again = await fetch(`${webhook.url}/hooks/registry/distribution`, { method: "POST", headers: { authorization: `Bearer ${TOKEN}`, "content-type": String(original.headers["content-type"]) }, body: original.body });
      expect(again.status).toBe(202);
    }

    expect(await depth()).toBe(before);
  });

  const depth = async (): Promise<number> => {
    const out = await queues.client.send(new GetQueueAttributesCommand({ QueueUrl: queues.queueUrl, AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"] }));
    return Number(out.Attributes?.["ApproximateNumberOfMessages"] ?? 0) + Number(out.Attributes?.["ApproximateNumberOfMessagesNotVisible"] ?? 0);
  };
});

/** Saves one notification of each kind, body as posted and its headers beside it. */
async function record(kinds: Record<string, { e: Exchange }[]>): Promise<void> {
  for (const [kind, list] of Object.entries(kinds)) {
    const first = list[0];
    if (!first) continue;
    const base = new URL(`../fixtures/webhooks/distribution/captured-${kind}`, import.meta.url);
    await writeFile(`${base.pathname}.json`, first.e.body);
    await writeFile(`${base.pathname}.headers.json`, `${JSON.stringify(first.e.headers, null, 2)}\n`);
  }
}
