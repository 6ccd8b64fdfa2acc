// Sluice as the local runtime runs it, for the e2e bench: webhook server, SQS FIFO, one worker loop.
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { GetQueueAttributesCommand } from "@aws-sdk/client-sqs";
import { SqsJobQueue } from "../../src/adapters/queue/sqs-job-queue.ts";
import { parseConfig } from "../../src/core/config/load-config.ts";
import { silentLogger, type Logger } from "../../src/core/log/logger.ts";
import { processJobMessage } from "../../src/jobs/worker/process-job-message.ts";
import { EXAMPLE_DIR } from "../../src/runtime/local/example.ts";
import type { KubeTools } from "../../src/runtime/local/kube-tools.ts";
import { startWebhookServer } from "../../src/runtime/local/webhook-server.ts";
import { startWorkerLoop } from "../../src/runtime/local/worker-loop.ts";
import { buildIntakeDeps } from "../../src/runtime/wiring/intake-deps.ts";
import { readEnv } from "../../src/runtime/wiring/read-env.ts";
import { buildWorkerDeps } from "../../src/runtime/wiring/worker-deps.ts";
import type { startQueues } from "../../test/harness/fauxqs.ts";
import { createBareRepo } from "../../test/harness/git-server.ts";

export const TOKEN = "registry-notification-token-for-the-e2e-bench";

const values = (image: string) => `# develop environment\nreplicaCount: 1\n\nimage:\n  repository: ${image}\n  tag: 1.0.0   # written on each push\n`;

/** Two copies of the example chart: sluice.git for Sluice's app, ci.git for the CI script's. */
export async function seedRepos(root: string, registryHost: string): Promise<void> {
  const base = join(EXAMPLE_DIR, "chart-repo");
  const files: Record<string, string> = {};
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else files[relative(base, path)] = await readFile(path, "utf8");
    }
  };
  await walk(base);
  await createBareRepo(root, "sluice.git", { ...files, "charts/web/values-develop.yaml": values(`${registryHost}/team/app`) });
  await createBareRepo(root, "ci.git", { ...files, "charts/web/values-develop.yaml": values(`${registryHost}/team/ci-app`) });
}

interface Places {
  work: string;
  registry: { host: string; url: string };
  gitUrl: string;
  kubeconfig: string;
  queues: Awaited<ReturnType<typeof startQueues>>;
  webhookPort: number;
  tools: KubeTools;
}

export async function startSluice(p: Places) {
  const config = parseConfig(`
webhooks:
  distribution:
    secrets: [{ env: REGISTRY_TOKEN }]
registries:
  - { host: "${p.registry.host}", url: "${p.registry.url}" }
clusters:
  - name: bench
    kubeconfig: { path: ${p.kubeconfig} }
apps:
  - name: web
    source: { repo: ${p.gitUrl}/sluice.git, branch: main, path: charts/web }
    render: { helm: { valueFiles: [values-develop.yaml] } }
    destination: { cluster: bench, namespace: e2e-sluice }
    images:
      - repository: ${p.registry.host}/team/app
        policy: { semver: ">=1.0.0" }
        write: { file: charts/web/values-develop.yaml, tag: image.tag }
    syncPolicy: { automated: true, createNamespace: true }
`, join(p.work, "sluice.yaml"));
  const failures: string[] = [];
  const logger: Logger = { ...silentLogger, error: (message, fields) => void failures.push(`${message} ${JSON.stringify(fields)}`), warn: (message, fields) => { if (message.startsWith("job failed") || message.startsWith("message left")) failures.push(`${message} ${JSON.stringify(fields)}`); } };
  const secretSources = { env: { REGISTRY_TOKEN: TOKEN } };
  const worker = await buildWorkerDeps({ config, env: readEnv({ SLUICE_WORK_DIR: join(p.work, "sluice") }), logger, secretSources, tools: p.tools });
  const queue = new SqsJobQueue(p.queues.client, p.queues.queueUrl);
  const webhook = await startWebhookServer(buildIntakeDeps({ config, queue, logger, secretSources }), { port: p.webhookPort, host: "127.0.0.1" });
  const loop = startWorkerLoop(p.queues.client, p.queues.queueUrl, (body) => processJobMessage(body, worker), logger);
  const depth = async (): Promise<number> => {
    const out = await p.queues.client.send(new GetQueueAttributesCommand({ QueueUrl: p.queues.queueUrl, AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"] }));
    return Number(out.Attributes?.["ApproximateNumberOfMessages"] ?? 0) + Number(out.Attributes?.["ApproximateNumberOfMessagesNotVisible"] ?? 0);
  };
  return {
    failures,
    /** Until the queue is empty: the push's job has followed the rollout and written its record. */
    async idle(): Promise<void> {
      while ((await depth()) > 0) await new Promise((resolve) => setTimeout(resolve, 50));
    },
    async stop(): Promise<void> {
      await loop.stop();
      await webhook.close();
    },
  };
}
