// The dashboard in real Chromium over every real component: the list, filters and search, an app's
// detail and diff (its Secret masked), actions with and without the token, and a rollback under
// automated sync that commits to git and holds when an older tag is pushed afterwards.
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GetQueueAttributesCommand } from "@aws-sdk/client-sqs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { parseConfig } from "../../src/core/config/load-config.ts";
import { EXAMPLE_DIR } from "../../src/runtime/local/example.ts";
import { startGitHttpServer, type GitHttpServer } from "../../src/runtime/local/git-http-server.ts";
import { ensureKubeTools } from "../../src/runtime/local/kube-tools.ts";
import { startWorkerLoop, type WorkerLoop } from "../../src/runtime/local/worker-loop.ts";
import { startDashboard } from "../../src/runtime/local/start-dashboard.ts";
import type { DashboardServer } from "../../src/runtime/local/dashboard-server.ts";
import { silentLogger } from "../../src/core/log/logger.ts";
import { SqsJobQueue } from "../../src/adapters/queue/sqs-job-queue.ts";
import { readEnv } from "../../src/runtime/wiring/read-env.ts";
import { buildWorkerDeps } from "../../src/runtime/wiring/worker-deps.ts";
import { processJobMessage } from "../../src/jobs/worker/process-job-message.ts";
import { runJob } from "../../src/jobs/worker/run-job.ts";
import type { WorkerDeps } from "../../src/jobs/deps/worker-deps.ts";
import { startQueues, type Queues } from "../harness/fauxqs.ts";
import { createBareRepo, git, gitLog, readFileAtHead, revParse } from "../harness/git-server.ts";
import { pushImage } from "../harness/push-image.ts";
import { startRegistry, type Registry } from "../harness/registry.ts";
import { waitFor } from "../harness/wait-for.ts";
import { launchChromium, type Browser } from "../harness/chromium.ts";

const ARTIFACTS = join(process.cwd(), "test", "artifacts", "dashboard");
const VALUES_FILE = "charts/web/values-develop.yaml";
const SECRET = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: {{ .Release.Name }}-db\ntype: Opaque\nstringData:\n  password: {{ .Values.password | quote }}\n";
const values = (registry: string, tag: string, password: string) =>
  `# develop\nreplicaCount: 1\npassword: ${password}\nimage:\n  repository: ${registry}/team/app\n  tag: ${tag}   # written by Sluice\n`;

async function chartFiles(registry: string): Promise<Record<string, string>> {
  const dir = join(EXAMPLE_DIR, "chart-repo", "charts", "web");
  const files: Record<string, string> = {};
  for (const f of ["Chart.yaml", "values.yaml", "templates/deployment.yaml", "templates/service.yaml"]) files[`charts/web/${f}`] = await readFile(join(dir, f), "utf8");
  return { ...files, "charts/web/templates/secret.yaml": SECRET, [VALUES_FILE]: values(registry, "1.0.0", "first-password-1") };
}

/** A person's commit on main: the values file with another password. */
async function humanCommit(bare: string, content: string): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), "sluice-human-"));
  try {
    await git(["clone", "--quiet", bare, work]);
    await writeFile(join(work, VALUES_FILE), content);
    await git(["-c", "user.name=Dana", "-c", "user.email=dana@example.com", "commit", "--quiet", "-am", "Rotate the database password"], work);
    await git(["push", "--quiet", "origin", "main"], work);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

describe("the dashboard in Chromium", () => {
  let work: string;
  let queues: Queues;
  let registry: Registry;
  let gitServer: GitHttpServer;
  let loop: WorkerLoop;
  let worker: WorkerDeps;
  let dashboard: DashboardServer;
  let browser: Browser;
  let page: Page;
  let bare: string;
  const revisions: string[] = [];

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), "sluice-dashboard-"));
    await mkdir(ARTIFACTS, { recursive: true });
    queues = await startQueues();
    registry = await startRegistry();
    for (const tag of ["1.0.0", "1.1.0"]) await pushImage(registry.url, "team/app", tag);
    await createBareRepo(join(work, "git"), "charts.git", await chartFiles(registry.host));
    bare = join(work, "git", "charts.git");
    gitServer = await startGitHttpServer({ root: join(work, "git") });
    const app = (name: string, namespace: string, extra = "") => `
  - name: ${name}
    source: { repo: ${gitServer.url}/charts.git, branch: main, path: charts/web }
    render: { helm: { valueFiles: [values-develop.yaml] } }
    destination: { cluster: test, namespace: ${namespace} }
    syncPolicy: { automated: true, createNamespace: true }${extra}`;
    const config = parseConfig(`
registries:
  - { host: "${registry.host}", url: "${registry.url}" }
clusters:
  - name: test
    kubeconfig: { path: ${inject("kubeconfig")} }
apps:${app("web-a", "dash-a", `
    images:
      - repository: ${registry.host}/team/app
        policy: { semver: ">=1.0.0" }
        write: { file: ${VALUES_FILE}, tag: image.tag }`)}${app("web-b", "dash-b")}${app("web-c", "dash-b")}
  - name: web-d
    source: { repo: ${gitServer.url}/charts.git, branch: main, path: charts/web }
    render: { helm: { valueFiles: [values-develop.yaml] } }
    destination: { directory: ${join(work, "rendered")}, namespace: dash-d }
`, join(work, "sluice.yaml"));
    worker = await buildWorkerDeps({ config, env: readEnv({ SLUICE_WORK_DIR: work }), logger: silentLogger, secretSources: { env: {} }, tools: await ensureKubeTools() });
    // web-a's history: the first sync at 1.0.0, then an image update to 1.1.0; then a person's commit not yet synced.
    await runJob({ kind: "sync", app: "web-a", trigger: "webhook", deliveryId: "push-1" }, worker);
    revisions.push(await revParse(bare));
    await runJob({ kind: "image-update", app: "web-a", repository: `${registry.host}/team/app`, tag: "1.1.0", deliveryId: "registry-2" }, worker);
    revisions.push(await revParse(bare));
    await humanCommit(bare, values(registry.host, "1.1.0", "second-password-2"));
    revisions.push(await revParse(bare));

    const queue = new SqsJobQueue(queues.client, queues.queueUrl);
    loop = startWorkerLoop(queues.client, queues.queueUrl, (body) => processJobMessage(body, worker), silentLogger);
    dashboard = await startDashboard(worker, queue, 0);
    browser = await launchChromium();
    page = await browser.context.newPage();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await dashboard?.close();
    await loop?.stop();
    await gitServer?.close();
    await registry?.stop();
    await queues?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  });

  const queueDepth = async (): Promise<number> => {
    const out = await queues.client.send(new GetQueueAttributesCommand({ QueueUrl: queues.queueUrl, AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"] }));
    return Number(out.Attributes?.["ApproximateNumberOfMessages"] ?? 0) + Number(out.Attributes?.["ApproximateNumberOfMessagesNotVisible"] ?? 0);
  };
  const rowNames = () => page.locator("tr.app-row").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-app")));

  it("lists every app grouped by cluster with its counts, and filters and searches on the server", async () => {
    await page.goto(dashboard.url);
    await page.locator("tr.app-row").first().waitFor();

    expect(await rowNames()).toEqual(["web-d", "web-a", "web-b", "web-c"]);
    expect(await page.locator("tr.group th").allTextContents()).toEqual([`Cluster folder ${join(work, "rendered")}`, "Cluster test"]);
    expect(await page.locator('.cluster-summary[data-cluster="test"]').textContent()).toContain("3 apps · 1 synced · 2 out of sync · 1 healthy");
    const webA = page.locator('tr.app-row[data-app="web-a"]');
    expect(await webA.locator(".badge").evaluateAll((b) => b.map((x) => [x.getAttribute("data-status"), x.querySelector("svg") !== null]))).toEqual([["Synced", true], ["Healthy", true]]);
    expect(await webA.textContent()).toContain(revisions[1]?.slice(0, 7));
    expect(await webA.textContent()).toContain("app:1.1.0");
    const applied = (await gitLog(bare)).find((c) => c.sha === revisions[1]);
    expect(await webA.locator(".commit").textContent()).toContain(applied?.subject);
    await page.screenshot({ path: join(ARTIFACTS, "list.png") });

    await page.selectOption("#filter-namespace", "dash-b");
    await expect.poll(() => page.locator("tr.app-row").count()).toBe(2);
    expect(await rowNames()).toEqual(["web-b", "web-c"]);
    await page.fill("#search", "web-c");
    await expect.poll(() => page.locator("tr.app-row").count()).toBe(1);
    expect(await rowNames()).toEqual(["web-c"]);
    expect(page.url()).toContain("namespace=dash-b");
    await page.selectOption("#filter-sync", "Synced");
    await expect.poll(() => page.locator("#total").textContent()).toBe("0 apps");
  });

  it("shows an app's resources, history and diff, its Secret's values masked", async () => {
    await page.goto(`${dashboard.url}#/apps/web-a`);
    await page.locator(".resource-diff").first().waitFor({ timeout: 60_000 });

    const resources = await page.locator("#resources tbody tr").evaluateAll((rows) => rows.map((r) => r.querySelector("td")?.textContent));
    expect(resources.sort()).toEqual(["Deployment", "Secret", "Service"]);
    expect(await page.locator("tr.history-row").count()).toBe(2);
    const diff = page.locator('.resource-diff[data-resource="Secret/dash-a/web-a-db"]');
    expect(await diff.textContent()).toContain("password: ++++++++ (hidden, changed)");
    const text = (await page.content()) + JSON.stringify(await (await fetch(`${dashboard.url}api/apps/web-a/diff`)).json());
    expect(text).not.toContain("first-password");
    expect(text).not.toContain("second-password");
    await page.screenshot({ path: join(ARTIFACTS, "detail.png"), fullPage: true });
  });

  it("refuses actions without the token, from another origin, or without JSON, and queues nothing", async () => {
    await page.click("#action-sync");
    await page.locator("#notice.error").waitFor();
    const post = (headers: Record<string, string>) => fetch(`${dashboard.url}api/apps/web-a/sync`, { method: "POST", headers, body: "{}" });

    expect(await page.locator("#notice").textContent()).toContain("token");
    expect((await post({ "content-type": "application/json" })).status).toBe(401);
    expect((await post({ "content-type": "application/json", authorization: "Bearer wrong" })).status).toBe(401);
    expect((await post({ "content-type": "application/json", authorization: `Bearer ${dashboard.token}`, origin: "https://evil.example" })).status).toBe(403);
    expect((await post({ "content-type": "text/plain", authorization: `Bearer ${dashboard.token}` })).status).toBe(415);
    expect(await queueDepth()).toBe(0);
  });

  it("syncs now with the token: the person's commit is applied", async () => {
    await page.fill("#token", dashboard.token);
    await page.press("#token", "Enter");
    await page.click("#action-sync");

    await page.locator("#notice.ok").waitFor();
    await expect.poll(() => page.locator("#revision").textContent(), { timeout: 90_000 }).toBe(revisions[2]?.slice(0, 12));
    expect(await page.locator("tr.history-row").count()).toBe(3);
  });

  it("rolls back under automated sync: the commit lands in git and a later push of an older tag does not undo it", async () => {
    const before = await gitLog(bare);
    await page.click(`tr.history-row[data-revision="${revisions[0]}"] button.rollback`);

    const log = await waitFor("the rollback commit", async () => {
      const entries = await gitLog(bare);
      return entries.length > before.length ? entries : undefined;
    }, 90_000);
    expect(log[0]?.subject).toBe(`[skip ci] sluice: rollback web-a to ${revisions[0]?.slice(0, 12)}`);
    expect(await readFileAtHead(bare, VALUES_FILE)).toBe(values(registry.host, "1.0.0", "first-password-1"));
    await expect.poll(() => page.locator("#revision").textContent(), { timeout: 90_000 }).toBe(log[0]?.sha.slice(0, 12));
    await page.locator("#holds").waitFor();
    expect(await page.locator("#holds").textContent()).toContain(`holding ${registry.host}/team/app at 1.0.0`);
    await page.screenshot({ path: join(ARTIFACTS, "rollback.png"), fullPage: true });

    // A push of 1.0.5, newer than the rollback's tag and older than 1.1.0, as its webhook would queue it.
    await pushImage(registry.url, "team/app", "1.0.5");
    const outcome = await runJob({ kind: "image-update", app: "web-a", repository: `${registry.host}/team/app`, tag: "1.0.5", deliveryId: "registry-3" }, worker);

    expect(outcome).toMatchObject({ kind: "image-update", status: "held" });
    expect((await gitLog(bare))[0]?.sha).toBe(log[0]?.sha);
    expect(await readFileAtHead(bare, VALUES_FILE)).toContain("tag: 1.0.0");
  });

  it("releases the hold: automation takes the image forward again", async () => {
    await page.click("#holds button.release");

    await waitFor("the image moved forward", async () => ((await readFileAtHead(bare, VALUES_FILE)).includes("tag: 1.1.0") ? true : undefined), 90_000);
    await page.locator("#holds").waitFor({ state: "detached", timeout: 30_000 });
  });
});
