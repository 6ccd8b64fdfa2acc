// A registry push deploys end to end (docker-registry's notification -> webhook server -> fauxqs -> worker
// -> git http-backend -> helm -> kube-apiserver with kwok nodes) and says so: exactly the expected
// messages reach Slack, a signed webhook and GitHub, every field filled from the run.
import { readFile, readdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { parseConfig } from "../../src/core/config/load-config.ts";
import { notificationSchema, type Notification } from "../../src/core/notify/notification.ts";
import { EXAMPLE_DIR } from "../../src/runtime/local/example.ts";
import { startGitHttpServer, type GitHttpServer } from "../../src/runtime/local/git-http-server.ts";
import { ensureKubeTools } from "../../src/runtime/local/kube-tools.ts";
import { startWebhookServer, type RunningServer } from "../../src/runtime/local/webhook-server.ts";
import { startWorkerLoop, type WorkerLoop } from "../../src/runtime/local/worker-loop.ts";
import { silentLogger } from "../../src/core/log/logger.ts";
import { SqsJobQueue } from "../../src/adapters/queue/sqs-job-queue.ts";
import { hmacSha256Matches, sha256Prefixed } from "../../src/adapters/webhooks/hmac-signature.ts";
import { readEnv } from "../../src/runtime/wiring/read-env.ts";
import { buildIntakeDeps } from "../../src/runtime/wiring/intake-deps.ts";
import { buildWorkerDeps } from "../../src/runtime/wiring/worker-deps.ts";
import { processJobMessage } from "../../src/jobs/worker/process-job-message.ts";
import { startQueues, type Queues } from "../harness/fauxqs.ts";
import { createBareRepo, revParse } from "../harness/git-server.ts";
import { pushImage } from "../harness/push-image.ts";
import { startNotifyReceiver, type NotifyReceiver } from "../harness/notify-receiver.ts";
import { startRegistry, type Registry } from "../harness/registry.ts";
import { waitFor } from "../harness/wait-for.ts";
import { slackMessageSchema, githubStatusSchema, teamsMessageSchema } from "./notify/vendor-formats.ts";

const TOKEN = "registry-notification-token-for-tests";
const SIGNING = "notification-signing-secret";
const VALUES = ["replicaCount: 1", "image:", "  repository: REGISTRY/team/app", "  tag: 1.0.0", ""].join("\n");

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

describe("notifications of a registry push deployed end to end", () => {
  let work: string;
  let queues: Queues;
  let registry: Registry;
  let gitServer: GitHttpServer;
  let webhook: RunningServer;
  let loop: WorkerLoop;
  let slack: NotifyReceiver;
  let hook: NotifyReceiver;
  let github: NotifyReceiver;
  let teams: NotifyReceiver;
  let gitlab: NotifyReceiver;
  let bare: string;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), "sluice-notify-"));
    [queues, slack, hook, github, teams, gitlab] = await Promise.all([
      startQueues(), startNotifyReceiver(), startNotifyReceiver(), startNotifyReceiver(), startNotifyReceiver(), startNotifyReceiver(),
    ]);
    teams.answer = () => ({ status: 202 });
    gitlab.answer = (r) => ({ status: r.method === "GET" ? 200 : 201, body: r.method === "GET" ? "[]" : "{}" });
    github.answer = (r) => (r.method === "GET" ? { status: 200, body: "[]" } : { status: 201, body: JSON.stringify({ id: 41 }) });
    // Sluice's webhook server takes a port of its own; the registry posts to a hop that forwards there.
    const hop = await startNotifyReceiver();
    registry = await startRegistry({ notifyUrl: `${hop.url}/hooks/registry/distribution`, authorization: `Bearer ${TOKEN}` });
    await createBareRepo(join(work, "git"), "charts.git", { ...await chartFiles(), "charts/web/values-develop.yaml": VALUES.replace("REGISTRY", registry.host) });
    bare = join(work, "git", "charts.git");
    gitServer = await startGitHttpServer({ root: join(work, "git") });
    const config = parseConfig(configYaml(registry, gitServer.url, { hook: hook.url, github: github.url, gitlab: gitlab.url }), join(work, "sluice.yaml"));
    const secretSources = { env: { REGISTRY_TOKEN: TOKEN, SLACK_URL: `${slack.url}/services/T0/B0/x`, TEAMS_URL: `${teams.url}/workflows/x`, SIGNING } };
    const queue = new SqsJobQueue(queues.client, queues.queueUrl);
    const worker = await buildWorkerDeps({ config, env: readEnv({ SLUICE_WORK_DIR: work }), logger: silentLogger, secretSources, tools: await ensureKubeTools(), queue });
    webhook = await startWebhookServer(buildIntakeDeps({ config, queue, logger: silentLogger, secretSources }));
    hop.answer = () => ({ status: 202 });
    forward(hop, webhook.url);
    loop = startWorkerLoop(queues.client, queues.queueUrl, (body) => processJobMessage(body, worker), silentLogger);
  });

  afterAll(async () => {
    await loop?.stop();
    await webhook?.close();
    await gitServer?.close();
    await registry?.stop();
    await Promise.all([slack?.close(), hook?.close(), github?.close(), teams?.close(), gitlab?.close(), queues?.stop()]);
    if (work) await rm(work, { recursive: true, force: true });
  });

  it("says the image was updated, then that it deployed, with every field from the run", async () => {
    // Act
    const pushed = await pushImage(registry.url, "team/app", "1.1.0");
    await waitFor("both notifications at the signed webhook", async () => (hook.requests.length >= 2 ? true : undefined), 120_000);
    await waitFor("GitHub's deployment status", async () => (github.requests.length >= 5 ? true : undefined), 30_000);
    await waitFor("GitLab's deployment", async () => (gitlab.requests.length >= 5 ? true : undefined), 30_000);
    // Slack's second message waits out its one-per-second pace.
    await waitFor("both Slack messages", async () => (slack.requests.length >= 2 ? true : undefined), 30_000);

    await new Promise((resolve) => setTimeout(resolve, 2_000)); // anything more would have come by now
    await saveSamples({ slack, hook, github, teams, gitlab });

    // Assess: exactly these requests, nothing more; the signed webhook's two signed.
    const head = await revParse(bare);
    expect([slack.requests.length, hook.requests.length, github.requests.length, teams.requests.length]).toEqual([2, 2, 5, 2]);
    // GitLab: pending on Sluice's commit; then success, the app's environment made, a deployment in it.
    expect(gitlab.requests.map((r) => `${r.method} ${r.path.split("?")[0]}`)).toEqual([
      `POST /projects/acme%2Fcharts/statuses/${head}`, `POST /projects/acme%2Fcharts/statuses/${head}`,
      "GET /projects/acme%2Fcharts/environments", "POST /projects/acme%2Fcharts/environments", "POST /projects/acme%2Fcharts/deployments",
    ]);
    expect(teams.requests.map((r) => teamsMessageSchema.parse(JSON.parse(r.body)).attachments[0]?.content.body[0])).toMatchObject([
      { type: "TextBlock", text: `web1-develop: ${registry.host}/team/app 1.0.0 → 1.1.0` }, { type: "TextBlock", text: `web1-develop deployed ${head.slice(0, 12)}`, color: "Good" },
    ]);
    for (const r of hook.requests) expect(hmacSha256Matches(Buffer.from(r.body), sha256Prefixed(r.headers["x-signature"]), [SIGNING])).toBe(true);
    const [updated, deployed] = hook.requests.map((r) => notificationSchema.parse((JSON.parse(r.body) as { notification: unknown }).notification));
    expect([updated?.trigger, deployed?.trigger]).toEqual(["on-image-updated", "on-deployed"]);
    expectDeployed(deployed, head, pushed.digest);
    expect(updated?.commit).toEqual(deployed?.commit);

    // Slack: the same two, as Block Kit.
    const titles = slack.requests.map((r) => slackMessageSchema.parse(JSON.parse(r.body)).blocks[0]);
    expect(titles).toEqual([
      { type: "header", text: { type: "plain_text", text: `web1-develop: ${registry.host}/team/app 1.0.0 → 1.1.0`, emoji: true } },
      { type: "header", text: { type: "plain_text", text: `web1-develop deployed ${head.slice(0, 12)}`, emoji: true } },
    ]);

    // GitHub: pending on Sluice's commit, then success, one deployment with environment = app, and its status.
    expect(github.requests.map((r) => `${r.method} ${r.path.split("?")[0]}`)).toEqual([
      `POST /repos/acme/charts/statuses/${head}`, `POST /repos/acme/charts/statuses/${head}`,
      "GET /repos/acme/charts/deployments", "POST /repos/acme/charts/deployments", "POST /repos/acme/charts/deployments/41/statuses",
    ]);
    expect(github.requests.slice(0, 2).map((r) => githubStatusSchema.parse(JSON.parse(r.body)).state)).toEqual(["pending", "success"]);
    expect(JSON.parse(github.requests[3]?.body ?? "")).toMatchObject({ ref: head, environment: "web1-develop" });
  });

  function expectDeployed(n: Notification | undefined, head: string, digest: string): void {
    expect(n).toMatchObject({
      app: "web1-develop", cluster: "test", namespace: "web1", revision: head, branch: "main",
      cause: { kind: "webhook", provider: "distribution", deliveryId: expect.stringMatching(/.+/) },
      images: [{ repository: `${registry.host}/team/app`, from: { tag: "1.0.0" }, to: { tag: "1.1.0", digest } }],
      commit: { sha: head, url: `${gitServer.url}/charts/commit/${head}`, subject: `[skip ci] sluice: web1-develop ${registry.host}/team/app 1.0.0 -> 1.1.0`, author: "sluice <sluice@localhost>" },
      source: { sha: head, subject: expect.stringMatching(/^\[skip ci\] sluice:/) },
      health: { status: "Healthy", healthyAfterSeconds: expect.any(Number) },
      dashboardUrl: "https://sluice.example.com/apps/web1-develop",
    });
    expect(n?.objects?.created).toEqual(expect.arrayContaining(["Deployment/web1/web1-develop"]));
    expect(n?.objects?.counts).toMatchObject({ configured: 0, pruned: 0, failed: 0 });
  }
});

/** With SLUICE_NOTIFY_SAMPLES=<file>, the bodies as received, for the README's examples. */
async function saveSamples(receivers: Record<string, NotifyReceiver>): Promise<void> {
  const file = process.env["SLUICE_NOTIFY_SAMPLES"];
  if (!file) return;
  const bodies = Object.fromEntries(Object.entries(receivers).map(([name, r]) => [name, r.requests.map((q) => ({ request: `${q.method} ${q.path}`, ...(q.body ? { body: JSON.parse(q.body) as unknown } : {}) }))]));
  await writeFile(file, JSON.stringify(bodies, null, 2));
}

/** The hop answers the registry at once and posts each notification on to Sluice's webhook server. */
function forward(hop: NotifyReceiver, target: string): void {
  const answer = hop.answer;
  hop.answer = (r) => {
    void fetch(`${target}${r.path}`, { method: "POST", headers: { authorization: r.headers["authorization"] ?? "", "content-type": r.headers["content-type"] ?? "" }, body: r.body });
    return answer(r);
  };
}

function configYaml(registry: Registry, gitUrl: string, urls: { hook: string; github: string; gitlab: string }): string {
  return `
webhooks:
  distribution: { secrets: [{ env: REGISTRY_TOKEN }] }
registries:
  - { host: "${registry.host}", url: "${registry.url}" }
clusters:
  - name: test
    kubeconfig: { path: ${inject("kubeconfig")} }
apps:
  - name: web1-develop
    source: { repo: ${gitUrl}/charts.git, branch: main, path: charts/web }
    render: { helm: { valueFiles: [values-develop.yaml] } }
    destination: { cluster: test, namespace: web1 }
    images:
      - repository: ${registry.host}/team/app
        policy: { semver: ">=1.0.0" }
        write: { file: charts/web/values-develop.yaml, tag: image.tag }
    syncPolicy: { automated: true, createNamespace: true }
notifications:
  dashboardUrl: https://sluice.example.com/apps/{{app}}
  providers:
    - { name: team-slack, type: slack, url: { env: SLACK_URL } }
    - { name: audit, type: webhook, url: "${urls.hook}/sluice", secrets: [{ env: SIGNING }] }
    - { name: github, type: github, token: { env: SIGNING }, apiUrl: "${urls.github}", repository: acme/charts }
    - { name: teams, type: teams, url: { env: TEAMS_URL } }
    - { name: gitlab, type: gitlab, token: { env: SIGNING }, apiUrl: "${urls.gitlab}", project: acme/charts }
  subscriptions:
    - providers: [team-slack, audit, github, teams, gitlab]
      triggers: [on-deployed, on-sync-failed, on-health-degraded, on-image-updated]
`;
}
