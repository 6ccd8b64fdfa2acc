// The dashboard as AWS serves it, in real Chromium: the Lambda adapter behind a local stand-in for
// API Gateway's HTTP API with the stack's routes and JWT authorizers (signed RS256 tokens). A browser
// opens the page with ?access_token=, and every read and action after it carries the token in the
// Authorization header, which no other site's page can make it send.
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildAssets } from "../../src/runtime/dashboard/build-assets.ts";
import { httpApiDashboard } from "../../src/runtime/wiring/dashboard-http-api.ts";
import { launchChromium, type Browser } from "../harness/chromium.ts";
import { startHttpApi, testIssuer, type HttpApi, type Route } from "../harness/api-gateway.ts";
import { apiDeps, fleet, record } from "../unit/jobs/api/api-fakes.ts";
import type { FakeQueue } from "../unit/jobs/intake/fake-queue.ts";

const ARTIFACTS = join(process.cwd(), "test", "artifacts", "dashboard-aws");
const AUDIENCE = "4d6vrbl6ljm2cn4b7k3kexample";
// The routes and identity sources of serverless.yml (test/integration/serverless-package.test.ts checks the template has them).
const ROUTES: Route[] = [
  { method: "GET", path: "/dashboard/index.html", identitySource: "query:access_token" },
  { method: "GET", path: "/dashboard/api/{proxy+}", identitySource: "header:Authorization" },
  { method: "POST", path: "/dashboard/api/{proxy+}", identitySource: "header:Authorization" },
];

describe("the dashboard behind API Gateway's JWT authorizer, in Chromium", () => {
  const issuer = testIssuer("https://cognito-idp.us-east-1.amazonaws.com/us-east-1_SluiceTest");
  let gateway: HttpApi;
  let browser: Browser;
  let page: Page;
  let queue: FakeQueue;

  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    const apps = fleet(6);
    const fakes = apiDeps(apps);
    queue = fakes.queue;
    for (const app of apps) ("cluster" in app.destination && app.destination.cluster === "west" ? fakes.stores.west : fakes.stores.east).records.set(app.name, record(app.name));
    const { queue: _queue, ...worker } = fakes.deps;
    const env = { SLUICE_DASHBOARD_AUTH: "jwt", SLUICE_DASHBOARD_ISSUER: issuer.url, SLUICE_DASHBOARD_SUBJECTS: "*" };
    const lambda = httpApiDashboard({ worker, queue, assets: await buildAssets() }, env);
    gateway = await startHttpApi(ROUTES, { issuer, audience: AUDIENCE }, lambda);
    browser = await launchChromium();
    page = await browser.context.newPage();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await gateway?.close();
  });

  it("is refused without a token, and with a token of another audience", async () => {
    const bare = await page.goto(`${gateway.url}/dashboard/index.html`);
    const foreign = await page.goto(`${gateway.url}/dashboard/index.html?access_token=${issuer.token({ sub: "ada", client_id: "another-client" })}`);

    expect(bare?.status()).toBe(401);
    expect(foreign?.status()).toBe(401);
  });

  it("opens with ?access_token=, drops it from the address bar, and reads with it as a header", async () => {
    const token = issuer.token({ sub: "ada", client_id: AUDIENCE, token_use: "access" });
    gateway.seen.length = 0;

    await page.goto(`${gateway.url}/dashboard/index.html?access_token=${token}`);
    await page.locator("tr.app-row").first().waitFor();

    expect(page.url()).not.toContain("access_token");
    expect(await page.locator("tr.app-row").count()).toBe(6);
    const reads = gateway.seen.filter((s) => s.routeKey === "GET /dashboard/api/{proxy+}");
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.every((s) => s.authorization === `Bearer ${token}`)).toBe(true);
    // The script and styles came inline with the page (allowed by their hashes): nothing else carried the token in its URL.
    expect([...new Set(gateway.seen.map((s) => s.routeKey))].sort()).toEqual(["GET /dashboard/api/{proxy+}", "GET /dashboard/index.html"]);
    await page.screenshot({ path: join(ARTIFACTS, "list.png") });
  });

  it("syncs an app from its page with the token, and queues the job", async () => {
    await page.click('tr.app-row[data-app="app-0001"] a');
    await page.locator("#action-sync").waitFor();
    await page.click("#action-sync");

    await page.locator("#notice.ok").waitFor();
    expect(queue.jobs.map((j) => j.job)).toEqual([expect.objectContaining({ kind: "sync", app: "app-0001", trigger: "manual" })]);
    expect(gateway.seen.filter((s) => s.routeKey === "POST /dashboard/api/{proxy+}").map((s) => s.authorization?.startsWith("Bearer ey"))).toEqual([true]);
  });
});
