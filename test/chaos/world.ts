// Everything the fault suite runs on, each part real and each part stoppable: SQS in its own
// process, docker-registry (notifying through a recording hop, read through a 429 proxy), git
// http-backend on a fixed port, the webhook server, and a pool of worker processes.
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { SQSClient } from "@aws-sdk/client-sqs";
import { SqsJobQueue } from "../../src/adapters/queue/sqs-job-queue.ts";
import { parseConfig } from "../../src/core/config/load-config.ts";
import { silentLogger } from "../../src/core/log/logger.ts";
import { sqsClientConfig } from "../../src/runtime/local/embedded-sqs.ts";
import { EXAMPLE_DIR } from "../../src/runtime/local/example.ts";
import { startGitHttpServer, type GitHttpServer } from "../../src/runtime/local/git-http-server.ts";
import { startWebhookServer, type RunningServer } from "../../src/runtime/local/webhook-server.ts";
import { buildIntakeDeps } from "../../src/runtime/wiring/intake-deps.ts";
import { startFlakyProxy, type FlakyProxy } from "../harness/flaky-proxy.ts";
import { createBareRepo } from "../harness/git-server.ts";
import { startQueueProcess, type QueueProcess } from "../harness/queue-process.ts";
import { startRecordingProxy, type RecordingProxy } from "../harness/recording-proxy.ts";
import { freePorts, startRegistry, type Registry } from "../harness/registry.ts";
import { chaosConfig, chaosApps, type ChaosApp } from "./chaos-config.ts";
import { startWorkerPool, type WorkerPool } from "./workers.ts";

const TOKEN = "chaos-registry-notification-token";

export interface WorldOptions {
  kubeconfig: string;
  apps: number;
  workers: number;
  /** The queue's visibility timeout: how soon a killed worker's job is handed out again. */
  visibilitySeconds: number;
  maxReceiveCount: number;
}

export interface World {
  work: string;
  apps: ChaosApp[];
  queue: QueueProcess;
  sqs: SQSClient;
  registry: Registry;
  registryReads: FlakyProxy;
  notifications: RecordingProxy;
  git: { url: string; root: string; stop(): Promise<void>; start(): Promise<void> };
  workers: WorkerPool;
  close(): Promise<void>;
}

export async function startWorld(options: WorldOptions): Promise<World> {
  const work = await mkdtemp(join(tmpdir(), "sluice-chaos-"));
  const [queuePort = 0, gitPort = 0] = await freePorts(2);
  const queue = await startQueueProcess({ dataDir: join(work, "queue"), port: queuePort, maxReceiveCount: options.maxReceiveCount, visibilitySeconds: options.visibilitySeconds });
  const notifications = await startRecordingProxy();
  const registry = await startRegistry({ notifyUrl: `${notifications.url}/hooks/registry/distribution`, authorization: `Bearer ${TOKEN}` });
  const registryReads = await startFlakyProxy(registry.url);
  const root = join(work, "git");
  const apps = chaosApps(options.apps, registry.host);
  const chart = await chartFiles();
  for (const repo of new Set(apps.map((a) => a.repo))) {
    const values = Object.fromEntries(apps.filter((a) => a.repo === repo).map((a) => [a.valuesPath, a.initialValues]));
    await createBareRepo(root, repo, { ...chart, ...values });
  }
  let gitServer: GitHttpServer | undefined = await startGitHttpServer({ root, port: gitPort });
  const gitUrl = gitServer.url;
  const configFile = join(work, "sluice.yaml");
  await writeFile(configFile, chaosConfig({ apps, registry: registry.host, registryUrl: registryReads.url, gitUrl, kubeconfig: options.kubeconfig }));
  const config = parseConfig(await readFile(configFile, "utf8"), configFile);
  const sqs = new SQSClient(sqsClientConfig(queue.endpoint));
  const webhook: RunningServer = await startWebhookServer(buildIntakeDeps({ config, queue: new SqsJobQueue(sqs, queue.queueUrl), logger: silentLogger, secretSources: { env: { REGISTRY_TOKEN: TOKEN } } }));
  notifications.setTarget(webhook.url);
  await mkdir(join(work, "kills"));
  const workers = startWorkerPool(options.workers, {
    ...process.env,
    REGISTRY_TOKEN: TOKEN,
    SLUICE_CONFIG: configFile,
    SLUICE_SQS_ENDPOINT: queue.endpoint,
    SLUICE_QUEUE_URL: queue.queueUrl,
    SLUICE_WORK_DIR: join(work, "worker"),
    SLUICE_VISIBILITY_SECONDS: String(options.visibilitySeconds),
    CHAOS_MARKS_DIR: join(work, "kills"),
    POWERTOOLS_LOG_LEVEL: "INFO",
  }, join(work, "workers.log"));
  const git = {
    url: gitUrl,
    root,
    stop: async () => {
      await gitServer?.close();
      gitServer = undefined;
    },
    start: async () => void (gitServer = await startGitHttpServer({ root, port: gitPort })),
  };
  return {
    work, apps, queue, sqs, registry, registryReads, notifications, git, workers,
    async close() {
      await workers.stop();
      await webhook.close();
      await git.stop();
      await registryReads.close();
      await registry.stop();
      await notifications.close();
      await queue.kill();
      sqs.destroy();
      if (!process.env.CHAOS_KEEP) await rm(work, { recursive: true, force: true });
    },
  };
}

async function chartFiles(): Promise<Record<string, string>> {
  const root = join(EXAMPLE_DIR, "chart-repo");
  const files: Record<string, string> = {};
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (!entry.name.startsWith("values-")) files[relative(root, path)] = await readFile(path, "utf8");
    }
  };
  await walk(root);
  return files;
}
