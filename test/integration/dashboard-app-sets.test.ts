// The dashboard's app-set view in real Chromium over a real kube-apiserver: an app set on a clusters
// generator places one app on each of two clusters, one of which refuses Sluice's records (its identity
// has no RBAC: a 403 naming the verb and the resource), and an app source holds a refused definition.
// The view counts per app set and cluster, names the cluster's condition and the refused file, and its
// link opens the list filtered by the app set.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { KubeConfig } from "@kubernetes/client-node";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { parseConfig } from "../../src/core/config/load-config.ts";
import { silentLogger } from "../../src/core/log/logger.ts";
import type { AppSetsBody } from "../../src/jobs/api/app-sets.ts";
import type { WorkerDeps } from "../../src/jobs/deps/worker-deps.ts";
import { runJob } from "../../src/jobs/worker/run-job.ts";
import type { DashboardServer } from "../../src/runtime/local/dashboard-server.ts";
import { startGitHttpServer, type GitHttpServer } from "../../src/runtime/local/git-http-server.ts";
import { ensureKubeTools } from "../../src/runtime/local/kube-tools.ts";
import { startDashboard } from "../../src/runtime/local/start-dashboard.ts";
import { readEnv } from "../../src/runtime/wiring/read-env.ts";
import { buildWorkerDeps } from "../../src/runtime/wiring/worker-deps.ts";
import { launchChromium, type Browser } from "../harness/chromium.ts";
import { createBareRepo, git } from "../harness/git-server.ts";
import { kubectl } from "./sync-kubectl.ts";

const ARTIFACTS = join(process.cwd(), "test", "artifacts", "dashboard");
const ACCOUNT = "dashboard-nobody";
const FORBIDDEN = new RegExp(`forbidden: User "system:serviceaccount:sluice-system:${ACCOUNT}" cannot (get|list) resource "configmaps"`);
const BROKEN = (charts: string) => `apps:
  - name: sets-stray
    source: { repo: ${charts}, path: apps/agent }
    render: { directory: {} }
    destination: { cluster: nowhere, namespace: sets-stray }
`;

/** The test cluster's kubeconfig, authenticated as a ServiceAccount no role is bound to. */
async function unprivileged(): Promise<string> {
  const exists = (error: unknown) => {
    if (!(error instanceof Error && error.message.includes("AlreadyExists"))) throw error;
  };
  await kubectl("create", "namespace", "sluice-system").catch(exists);
  await kubectl("create", "serviceaccount", ACCOUNT, "-n", "sluice-system").catch(exists);
  const token = (await kubectl("create", "token", ACCOUNT, "-n", "sluice-system", "--duration=1h")).trim();
  const admin = new KubeConfig();
  admin.loadFromFile(inject("kubeconfig"));
  const cluster = admin.getCurrentCluster();
  if (!cluster) throw new Error("no cluster in the test kubeconfig");
  const kc = new KubeConfig();
  kc.loadFromClusterAndUser({ ...cluster, name: "locked" }, { name: ACCOUNT, token });
  return kc.exportConfig();
}

describe("the dashboard's app-set view in Chromium", () => {
  let work: string;
  let gitServer: GitHttpServer;
  let dashboard: DashboardServer;
  let worker: WorkerDeps;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), "sluice-dashboard-sets-"));
    await mkdir(ARTIFACTS, { recursive: true });
    const cm = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: agent\ndata:\n  tag: \"1.0.0\"\n";
    gitServer = await startGitHttpServer({ root: join(work, "git") });
    const charts = `${gitServer.url}/charts.git`;
    await createBareRepo(join(work, "git"), "charts.git", {
      "apps/agent/cm.yaml": cm, "apps/solo/cm.yaml": cm.replace("agent", "solo"), "defs/broken.yaml": BROKEN(charts),
    });
    await writeFile(join(work, "locked.kubeconfig"), await unprivileged());
    const configPath = join(work, "sluice.yaml");
    const config = parseConfig(`webhooks: {}
clusters:
  - { name: test, labels: { tier: edge }, kubeconfig: { path: ${inject("kubeconfig")} } }
  - { name: locked, labels: { tier: edge }, kubeconfig: { path: ${join(work, "locked.kubeconfig")} } }
appSources: [{ repo: ${charts}, branch: main, path: defs }]
apps:
  - name: sets-solo
    source: { repo: ${charts}, path: apps/solo }
    render: { directory: {} }
    destination: { cluster: test, namespace: sets-solo }
    syncPolicy: { createNamespace: true, healthTimeoutSeconds: 0 }
appSets:
  - name: agents
    generators: [{ clusters: { selector: { matchLabels: { tier: edge } } } }]
    template:
      name: "sets-agent-{{cluster.name}}"
      source: { repo: ${charts}, path: apps/agent }
      render: { directory: {} }
      destination: { cluster: "{{cluster.name}}", namespace: "sets-agent-{{cluster.name}}" }
      syncPolicy: { createNamespace: true, healthTimeoutSeconds: 0 }
`, configPath);
    worker = await buildWorkerDeps({ config, env: readEnv({ SLUICE_WORK_DIR: work }), logger: silentLogger, secretSources: { env: {} }, tools: await ensureKubeTools() });
    for (const app of ["sets-solo", "sets-agent-test"]) await runJob({ kind: "sync", app, deliveryId: "setup", trigger: "manual" }, worker);
    dashboard = await startDashboard(worker, { enqueue: async () => {} }, 0);
    browser = await launchChromium();
    page = await browser.context.newPage();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await dashboard?.close();
    await gitServer?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  const counts = (scope: string) => page.locator(`${scope} .badge.count`).evaluateAll((badges) =>
    badges.map((b) => [b.getAttribute("data-count"), Number(b.getAttribute("data-value")), b.querySelector("svg") !== null]));

  it("is reached by keyboard from the list and shows each app set's counts, per cluster, with its condition", async () => {
    // Prepare
    await page.goto(dashboard.url);
    await page.locator("tr.app-row").first().waitFor();

    // Act: Tab to the view's link and follow it with Enter
    const focused = () => page.locator("#nav-app-sets").evaluate((el) => el.ownerDocument.activeElement === el);
    for (let i = 0; i < 10 && !(await focused()); i++) await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await page.locator('.app-set[data-app-set="agents"]').waitFor();

    // Assess
    expect(page.url()).toContain("#/appsets");
    const agents = '.app-set[data-app-set="agents"]';
    expect(await page.locator(`${agents} > .set-counts > span:not(.badge)`).allTextContents()).toEqual(["2 clusters", "2 apps"]);
    expect(await counts(`${agents} > .set-counts`)).toEqual([
      ["synced", 1, true], ["healthy", 1, true], ["in progress", 0, true], ["not healthy", 1, true], ["not synced", 1, true],
    ]);
    expect(await page.locator(`${agents} tr.set-cluster`).evaluateAll((rows) => rows.map((r) => r.getAttribute("data-cluster")))).toEqual(["locked", "test"]);
    expect(await counts(`${agents} tr.set-cluster[data-cluster="test"]`)).toEqual([
      ["synced", 1, true], ["healthy", 1, true], ["in progress", 0, true], ["not healthy", 0, true], ["not synced", 0, true],
    ]);
    expect(await page.locator(`${agents} tr.set-cluster[data-cluster="locked"] .set-counts > span:not(.badge)`).textContent()).toBe("1 app");
    expect(await page.locator(`${agents} tr.set-cluster[data-cluster="locked"] .condition.error`).textContent()).toMatch(FORBIDDEN);
    expect(await page.locator(`${agents} tr.set-cluster[data-cluster="test"] .condition.error`).count()).toBe(0);
    expect(await page.locator('.app-set[data-app-set="(none)"] h2').textContent()).toBe("Apps declared directly");
  });

  it("shows each refused definition's file, path and message as an error", async () => {
    // Prepare
    const body = (await (await fetch(`${dashboard.url}api/appsets`)).json()) as AppSetsBody;
    const problem = body.problems.find((p) => p.file.endsWith(":defs/broken.yaml"));

    // Act
    const rows = page.locator("#definition-problems tr.definition-problem");

    // Assess
    expect(problem?.file).toBe(`${gitServer.url}/charts.git@main:defs/broken.yaml`);
    expect(await page.locator("#definition-problems").getAttribute("role")).toBe("alert");
    expect(await rows.count()).toBe(body.problems.length);
    const row = rows.filter({ hasText: "defs/broken.yaml" });
    expect(await row.locator(".file").textContent()).toBe(problem?.file);
    expect(await row.locator(".path").textContent()).toBe(problem?.path);
    expect(await row.locator(".message").textContent()).toBe(`sets-stray: ${problem?.message}`);
    expect(problem?.message).toContain("nowhere");
    await page.screenshot({ path: join(ARTIFACTS, "app-sets.png"), fullPage: true });
  });

  it("links an app set to the list filtered by it", async () => {
    // Act
    await page.click('.app-set[data-app-set="agents"] h2 a');
    await page.locator("#list").waitFor();

    // Assess
    await expect.poll(() => page.locator("tr.app-row").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-app"))), { timeout: 30_000 }).toEqual(["sets-agent-locked", "sets-agent-test"]);
    expect(await page.locator("#filter-appSet").inputValue()).toBe("agents");
    expect(await page.locator("#total").textContent()).toBe("2 apps");
  });

  it("reads in dark mode: the condition and the refusal keep their colour apart from the page's", async () => {
    // Act
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto(`${dashboard.url}#/appsets`);
    await page.locator("#definition-problems").waitFor();

    // Assess
    const style = (selector: string, property: "color" | "backgroundColor") =>
      page.locator(selector).first().evaluate((el, p) => el.ownerDocument.defaultView?.getComputedStyle(el)[p], property);
    const colours = { body: await style("body", "backgroundColor"), text: await style("body", "color"), error: await style("#definition-problems .message", "color") };
    expect(colours.body).toBe("rgb(15, 20, 25)");
    expect(new Set([colours.body, colours.text, colours.error]).size).toBe(3);
    await page.screenshot({ path: join(ARTIFACTS, "app-sets-dark.png"), fullPage: true });
  });

  it("updates without a reload: a fixed definition leaves the refusals and joins the apps declared directly", async () => {
    // Prepare: the view open, the refusal shown
    await page.goto(`${dashboard.url}#/appsets`);
    await page.locator("#definition-problems").waitFor();
    const clone = join(work, "clone");
    await git(["clone", "--quiet", join(work, "git", "charts.git"), clone]);
    await writeFile(join(clone, "defs", "broken.yaml"), BROKEN(`${gitServer.url}/charts.git`).replace("cluster: nowhere", "cluster: test"));
    await git(["-c", "user.name=Dana", "-c", "user.email=dana@example.com", "commit", "--quiet", "-am", "Place sets-stray on test"], clone);
    await git(["push", "--quiet", "origin", "main"], clone);

    // Act: the push's webhook reads the app sources again
    await worker.appIndex({ fresh: true });

    // Assess
    const direct = page.locator('.app-set[data-app-set="(none)"] > .set-counts > span:not(.badge)');
    await expect.poll(() => direct.allTextContents(), { timeout: 30_000 }).toEqual(["1 cluster", "2 apps"]);
    await page.locator("#definition-problems").waitFor({ state: "detached", timeout: 30_000 });
  });
});
