// A sync waiting for a wave, continued through a real FIFO queue (the fauxqs emulator the local
// runtime uses): the worker queues the follow-up job, hands it back when it arrives early, the loop
// postpones it with ChangeMessageVisibility, and the redelivered job finishes the sync.
import { ChangeMessageVisibilityCommand, SendMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify as dump } from "yaml";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { parseConfig } from "../../src/core/config/load-config.ts";
import { silentLogger } from "../../src/core/log/logger.ts";
import { SqsJobQueue } from "../../src/adapters/queue/sqs-job-queue.ts";
import { startGitHttpServer, type GitHttpServer } from "../../src/runtime/local/git-http-server.ts";
import { ensureKubeTools } from "../../src/runtime/local/kube-tools.ts";
import { startQueues } from "../../src/runtime/local/embedded-sqs.ts";
import { startWorkerLoop } from "../../src/runtime/local/worker-loop.ts";
import { readEnv } from "../../src/runtime/wiring/read-env.ts";
import { buildWorkerDeps } from "../../src/runtime/wiring/worker-deps.ts";
import { processJobMessage } from "../../src/jobs/worker/process-job-message.ts";
import { createBareRepo } from "../harness/git-server.ts";
import { waitFor } from "../harness/wait-for.ts";
import { configMap, deployment, held } from "./sync-fixtures.ts";
import { getJson, names, releasePool } from "./sync-kubectl.ts";
import { annotated } from "./sync-hooks-fixtures.ts";

describe("a sync waiting for a wave, continued on a FIFO queue", () => {
  let work: string;
  let server: GitHttpServer;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), "sluice-wave-queue-"));
    const objects = [annotated(held("continue-w0", deployment("db")), { "argocd.argoproj.io/sync-wave": "0" }), annotated(configMap("last"), { "argocd.argoproj.io/sync-wave": "1" })];
    await createBareRepo(join(work, "git"), "waves.git", { "app/all.yaml": objects.map((o) => dump(o)).join("---\n") });
    server = await startGitHttpServer({ root: join(work, "git") });
  });

  afterAll(async () => {
    await server?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it("is postponed until due, then finishes the waves, without a worker waiting for them", async () => {
    // Prepare: the worker's wiring on an embedded FIFO queue whose client records what it is sent
    const queues = await startQueues();
    const sent: unknown[] = [];
    const client = new Proxy(queues.client, {
      get: (target, key, receiver) => (key === "send" ? (command: Parameters<SQSClient["send"]>[0]) => {
        sent.push(command);
        return target.send(command);
      } : Reflect.get(target, key, receiver) as unknown),
    });
    const config = parseConfig(`
clusters:
  - name: test
    kubeconfig: { path: ${inject("kubeconfig")} }
apps:
  - name: waves
    source: { repo: ${server.url}/waves.git, branch: main, path: app }
    render: { directory: {} }
    destination: { cluster: test, namespace: continue-waves }
    syncPolicy: { createNamespace: true, healthTimeoutSeconds: 0, waveTimeoutSeconds: 120 }
`, join(work, "sluice.yaml"));
    const queue = new SqsJobQueue(client, queues.queueUrl);
    const deps = await buildWorkerDeps({ config, env: readEnv({ SLUICE_WORK_DIR: work }), logger: silentLogger, secretSources: { env: {} }, tools: await ensureKubeTools(), queue });
    const loop = startWorkerLoop(client, queues.queueUrl, (body) => processJobMessage(body, deps), silentLogger, { waitSeconds: 1 });
    const app = config.apps[0];
    if (!app) throw new Error("no app");
    try {
      // Act: a webhook's job; wave 0 waits for nodes
      await queues.client.send(new SendMessageCommand({ QueueUrl: queues.queueUrl, MessageBody: JSON.stringify({ kind: "sync", app: "waves", trigger: "webhook", deliveryId: "d-queue" }), MessageGroupId: "waves", MessageDeduplicationId: "first" }));
      await waitFor("the sync to wait", async () => ((await deps.destinationFor(app).readRecord("waves"))?.syncWait ? true : undefined), 60_000, 200);
      await waitFor("the early continuation to be postponed", async () => (sent.some((c) => c instanceof ChangeMessageVisibilityCommand) ? true : undefined), 30_000, 100);
      expect(await names("deployment", "continue-waves")).toEqual(["db"]);
      expect(await getJson("configmap", "last", "continue-waves")).toBeUndefined();
      await releasePool("continue-w0");

      // Assess: the redelivered continuation finishes the sync
      const done = await waitFor("wave 1", async () => {
        const record = await deps.destinationFor(app).readRecord("waves");
        return record && !record.syncWait && record.history[0] ? record : undefined;
      }, 90_000, 500);
      expect(done.history[0]).toMatchObject({ trigger: "webhook", deliveryId: "d-queue", result: "Succeeded", phases: [{ phase: "Sync", status: "Succeeded", waves: [0, 1] }] });
      expect(await getJson("configmap", "last", "continue-waves")).toBeDefined();
      const postponed = sent.filter((c) => c instanceof ChangeMessageVisibilityCommand).map((c) => (c as ChangeMessageVisibilityCommand).input.VisibilityTimeout ?? 0);
      expect(postponed.length).toBeGreaterThanOrEqual(1);
      expect(postponed.every((s) => s > 0 && s <= 20)).toBe(true);
    } finally {
      await loop.stop();
      await queues.stop();
    }
  });
});
