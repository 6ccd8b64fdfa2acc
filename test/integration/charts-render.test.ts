import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configSchema, type AppConfig } from "../../src/core/config/app-config.ts";
import { ChartSources } from "../../src/adapters/charts/chart-sources.ts";
import { chartLock } from "../../src/adapters/charts/chart-lock.ts";
import { withRetry } from "../../src/adapters/http/send-with-retry.ts";
import { undiciTransport } from "../../src/adapters/http/undici-transport.ts";
import { runCommand } from "../../src/adapters/render/command-runner.ts";
import { renderApp, type RenderTools } from "../../src/adapters/render/render-app.ts";
import { Registries } from "../../src/adapters/registry/registries.ts";
import { SecretResolver } from "../../src/adapters/secrets/secret-resolver.ts";
import { ensureKubeTools } from "../../src/runtime/local/kube-tools.ts";
import { pushOciChart, startHelmRepoServer, writeChart, type HelmRepoServer } from "../harness/helm-repo-server.ts";
import { startRegistry, type Registry } from "../harness/registry.ts";
import { readFile } from "node:fs/promises";

const clock = { now: () => Date.now(), sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)) };

describe("charts from Helm and OCI repositories, rendered with real helm", () => {
  let dir: string;
  let helm: string;
  let repo: HelmRepoServer;
  let registry: Registry;
  let configFor: (apps: unknown[], password?: string) => { config: ReturnType<typeof configSchema.parse>; tools: RenderTools };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "sluice-charts-"));
    helm = (await ensureKubeTools()).helm;
    repo = await startHelmRepoServer(helm, { username: "charts", password: "s3cret" });
    registry = await startRegistry();
    for (const version of ["1.0.0", "1.1.0", "2.0.0"]) await repo.publish(await writeChart(join(dir, "src", `common-${version}`), { name: "common", version }));
    for (const version of ["0.1.0", "0.1.5", "0.2.0"]) await pushOciChart(helm, await writeChart(join(dir, "src", `db-${version}`), { name: "db", version }), `oci://${registry.host}/charts`);
    configFor = (apps, password = "s3cret") => {
      const config = configSchema.parse({ helmRepositories: [{ urlPrefix: repo.url, username: "charts", password: { env: "CHARTS_PASSWORD" } }], apps });
      const secrets = new SecretResolver({ env: { CHARTS_PASSWORD: password } });
      const charts = new ChartSources({
        http: withRetry(undiciTransport({ redirect: "follow" }), { clock, maxAttempts: 1 }),
        secrets,
        registries: new Registries(config.registries, { http: undiciTransport({ redirect: "follow" }), secrets, clock }),
        repositories: config.helmRepositories,
        cacheDir: join(dir, `cache-${password}`),
        helm, run: runCommand, timeoutMs: 60_000, now: () => Date.now(), listTtlMs: 0,
      });
      return { config, tools: { helm, kubectl: "unused", run: runCommand, timeoutMs: 60_000, charts } };
    };
  }, 180_000);

  afterAll(async () => {
    await repo?.stop();
    await registry?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const app = (render: unknown, path = "app") => ({ name: "shop", source: { repo: "https://git.invalid/shop.git", path }, render, destination: { directory: "/unused", namespace: "shop" } });
  const only = (config: { apps: AppConfig[] }): AppConfig => {
    const first = config.apps[0];
    if (!first) throw new Error("no app");
    return first;
  };
  const chartsOf = (manifests: readonly Record<string, unknown>[]) => manifests.map((m) => JSON.stringify(m["data"] ?? {})).map((d) => (JSON.parse(d) as { chart?: string }).chart).sort();

  it("builds a git chart's dependencies from a Helm repository (Basic auth), an OCI registry and file://, at the versions their ranges allow", async () => {
    // Prepare
    const checkout = join(dir, "checkout-deps");
    await writeChart(join(checkout, "lib"), { name: "lib", version: "0.0.1" });
    await writeChart(join(checkout, "app"), { name: "web", version: "1.0.0", dependencies: [
      { name: "common", version: "^1.0.0", repository: repo.url },
      { name: "db", version: "~0.1.0", repository: `oci://${registry.host}/charts` },
      { name: "lib", version: "0.0.1", repository: "file://../lib" },
    ] });
    const { config, tools } = configFor([app({ helm: {} })]);

    // Act
    const manifests = await renderApp(only(config), checkout, tools);

    // Assess
    expect(chartsOf(manifests)).toEqual(["common-1.1.0", "db-0.1.5", "lib-0.0.1", "web-1.0.0"]);
  }, 120_000);

  it("renders a chart from an OCI registry at the highest version of its range, with value files from git ($values)", async () => {
    // Prepare
    const checkout = join(dir, "checkout-oci");
    await writeChart(join(checkout, "unused"), { name: "unused", version: "0.0.0" }, { "envs/prod/values.yaml": "greeting: hello from git\n" });
    const { config, tools } = configFor([app({ helm: { chart: { repo: `oci://${registry.host}/charts`, name: "db", version: ">=0.1.0 <1" }, valueFiles: ["$values/unused/envs/prod/values.yaml"] } }, "unused")]);

    // Act
    const manifests = await renderApp(only(config), checkout, tools);

    // Assess
    expect(manifests.map((m) => m["data"])).toEqual([{ chart: "db-0.2.0", greeting: "hello from git" }]);
  }, 120_000);

  it("renders a chart from a Helm repository, downloading each package once (cached by digest)", async () => {
    // Prepare
    const checkout = join(dir, "checkout-repo");
    await writeChart(join(checkout, "app"), { name: "unused", version: "0.0.0" });
    const { config, tools } = configFor([app({ helm: { chart: { repo: repo.url, name: "common", version: "2.0.0" } } })]);
    const before = repo.requests.filter((p) => p.endsWith("common-2.0.0.tgz")).length;

    // Act
    const first = await renderApp(only(config), checkout, tools);
    const second = await renderApp(only(config), checkout, tools);

    // Assess
    expect(chartsOf(first)).toEqual(["common-2.0.0"]);
    expect(second).toEqual(first);
    expect(repo.requests.filter((p) => p.endsWith("common-2.0.0.tgz")).length - before).toBe(1);
  }, 120_000);

  it("fails a render with the repository's refusal when the password is wrong, and never retries it", async () => {
    const checkout = join(dir, "checkout-auth");
    await writeChart(join(checkout, "app"), { name: "unused", version: "0.0.0" });
    const { config, tools } = configFor([app({ helm: { chart: { repo: repo.url, name: "common", version: "^1" } } })], "wrong");
    const rendering = renderApp(only(config), checkout, tools);
    await expect(rendering).rejects.toThrow(`shop: Helm repository ${repo.url} answered 401 for index.yaml (check helmRepositories credentials)`);
    await expect(rendering).rejects.toMatchObject({ retry: "never" });
  }, 60_000);

  it("changes the chart lock (part of the sweep's source digest) when a new version the range allows is published", async () => {
    // Prepare
    const checkout = join(dir, "checkout-lock");
    await writeChart(join(checkout, "app"), { name: "web", version: "1.0.0", dependencies: [
      { name: "common", version: "^1.0.0", repository: repo.url },
      { name: "db", version: "~0.1.0", repository: `oci://${registry.host}/charts` },
    ] });
    const { config, tools } = configFor([app({ helm: {} })]);
    const read = (path: string) => readFile(join(checkout, path), "utf8").catch(() => undefined);
    const before = await chartLock(only(config), read, tools.charts);

    // Act
    await repo.publish(await writeChart(join(dir, "src", "common-1.2.0"), { name: "common", version: "1.2.0" }));
    const after = await chartLock(only(config), read, tools.charts);
    const again = await chartLock(only(config), read, tools.charts);

    // Assess
    expect(before.charts.join("\n")).toContain(`${repo.url} common 1.1.0 sha256:`);
    expect(after.charts.join("\n")).toContain(`${repo.url} common 1.2.0 sha256:`);
    expect(after.charts.join("\n")).toContain(`oci://${registry.host}/charts db 0.1.5 sha256:`);
    expect(again).toEqual(after);
  }, 120_000);
});
