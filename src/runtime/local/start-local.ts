import { join } from "node:path";
import { SQSClient } from "@aws-sdk/client-sqs";
import type { SluiceConfig } from "../../core/config/app-config.ts";
import { loadConfig } from "../../core/config/load-config.ts";
import type { Logger } from "../../core/log/logger.ts";
import { SqsJobQueue } from "../../adapters/queue/sqs-job-queue.ts";
import { buildIntakeDeps } from "../wiring/intake-deps.ts";
import { localAppIndex } from "./local-app-index.ts";
import { buildSweepDeps, buildWorkerDeps } from "../wiring/worker-deps.ts";
import type { IntakeDeps } from "../../jobs/intake/handle-webhook.ts";
import type { SweepDeps } from "../../jobs/sweep/run-sweep.ts";
import type { WorkerDeps } from "../../jobs/deps/worker-deps.ts";
import type { RuntimeEnv } from "../wiring/read-env.ts";
import { runSweep } from "../../jobs/sweep/run-sweep.ts";
import { processJobMessage } from "../../jobs/worker/process-job-message.ts";
import { startQueues, type Queues } from "./embedded-sqs.ts";
import { startGitHttpServer, type GitHttpServer } from "./git-http-server.ts";
import { ensureKubeTools } from "./kube-tools.ts";
import { startWebhookServer, type RunningServer } from "./webhook-server.ts";
import { startWorkerLoop, type WorkerLoop } from "./worker-loop.ts";
import { startDashboard } from "./start-dashboard.ts";
import type { DashboardServer } from "./dashboard-server.ts";

export interface LocalOptions {
  configPath: string;
  env: RuntimeEnv;
  processEnv: Record<string, string | undefined>;
  logger: Logger;
  port: number;
  /** Serve these bare repos over smart HTTP (the example's chart repo). */
  gitServer?: { root: string; port: number };
  sweepIntervalMs: number;
  /** The embedded queue keeps its messages under `<stateDir>/queue`, across restarts; in memory when absent. */
  stateDir?: string;
  /** Serve the dashboard on 127.0.0.1 at this port (0: any free one); off when absent. */
  dashboardPort?: number;
}

export interface LocalRuntime {
  webhookUrl: string;
  dashboard?: DashboardServer;
  config: SluiceConfig;
  runtime: { intake: IntakeDeps; worker: WorkerDeps; sweep: SweepDeps };
  sweepNow(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Runs Sluice on one machine: the webhook server, an embedded SQS (or the one in
 * SLUICE_QUEUE_URL), the worker loop and the sweep schedule, all on the same core
 * functions the Lambda handlers call.
 */
export async function startLocal(options: LocalOptions): Promise<LocalRuntime> {
  const { logger, env } = options;
  const config = await loadConfig(options.configPath);
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop();
  };
  try {
    let git: GitHttpServer | undefined;
    if (options.gitServer) {
      git = await startGitHttpServer({ root: options.gitServer.root, port: options.gitServer.port, onError: (e) => logger.error("git server error", { error: e.message }) });
      stops.push(() => git?.close() ?? Promise.resolve());
    }
    let queues: Pick<Queues, "client" | "queueUrl"> & { stop?: () => Promise<void> };
    if (env.SLUICE_QUEUE_URL) {
      queues = { client: new SQSClient({ region: env.AWS_REGION, ...(env.SLUICE_SQS_ENDPOINT ? { endpoint: env.SLUICE_SQS_ENDPOINT } : {}) }), queueUrl: env.SLUICE_QUEUE_URL };
    } else {
      const embedded = await startQueues(options.stateDir ? { dataDir: join(options.stateDir, "queue") } : {});
      stops.push(() => embedded.stop());
      queues = embedded;
    }
    const tools = await ensureKubeTools();
    const queue = new SqsJobQueue(queues.client, queues.queueUrl);
    const secretSources = { env: options.processEnv };
    // One app index for the process: the webhook's refresh after a push is the worker's too.
    const apps = localAppIndex(config, env, secretSources, logger);
    const worker = await buildWorkerDeps({ config, env, logger, secretSources, tools, queue, apps });
    const runtime = { intake: buildIntakeDeps({ config, queue, logger, secretSources, apps }), worker, sweep: buildSweepDeps(worker, queue) };

    const server: RunningServer = await startWebhookServer(runtime.intake, { port: options.port });
    stops.push(() => server.close());
    const loop: WorkerLoop = startWorkerLoop(queues.client, queues.queueUrl, (body) => processJobMessage(body, runtime.worker), logger);
    stops.push(() => loop.stop());

    const sweepNow = async () => {
      try {
        await runSweep(runtime.sweep);
      } catch (error) {
        logger.error("sweep failed", { error: error instanceof Error ? error.message : String(error) });
      }
    };
    const timer = setInterval(() => void sweepNow(), options.sweepIntervalMs);
    stops.push(async () => clearInterval(timer));
    // The first sweep brings every app to its branch head at start, as a controller's first reconcile does.
    void sweepNow();

    const dashboard = options.dashboardPort === undefined ? undefined : await startDashboard(worker, queue, options.dashboardPort);
    if (dashboard) stops.push(() => dashboard.close());
    return { webhookUrl: server.url, ...(dashboard ? { dashboard } : {}), config, runtime, sweepNow, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
