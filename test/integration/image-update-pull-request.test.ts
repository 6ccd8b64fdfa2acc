// Apps that want a human to approve their bumps: a branch per bump on the real git server,
// and a pull request (GitHub) or merge request (GitLab). GitHub and GitLab cannot be reached
// from here, so a local HTTP fake stands in for each and checks the exact requests.
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SluiceConfig } from "../../src/core/config/app-config.ts";
import { parseConfig } from "../../src/core/config/load-config.ts";
import { startGitHttpServer, type GitHttpServer } from "../../src/runtime/local/git-http-server.ts";
import { ensureKubeTools } from "../../src/runtime/local/kube-tools.ts";
import { silentLogger } from "../../src/core/log/logger.ts";
import { readEnv } from "../../src/runtime/wiring/read-env.ts";
import { buildWorkerDeps } from "../../src/runtime/wiring/worker-deps.ts";
import { processJobMessage } from "../../src/jobs/worker/process-job-message.ts";
import { createBareRepo, git, gitLog, readFileAtHead } from "../harness/git-server.ts";
import { pushImage } from "../harness/push-image.ts";
import { startRegistry, type Registry } from "../harness/registry.ts";

interface Seen {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

/** A git host's REST API: answers from `answer`, recording each request with its parsed JSON body. */
async function startFakeApi(answer: (req: Seen, seen: Seen[]) => { status: number; body: unknown }): Promise<{ url: string; seen: Seen[]; close(): Promise<void> }> {
  const seen: Seen[] = [];
  const server: Server = createServer((req, res) => {
    let text = "";
    req.on("data", (c: Buffer) => (text += c.toString()));
    req.on("end", () => {
      const request = { method: req.method ?? "", path: req.url ?? "", headers: req.headers, body: text ? (JSON.parse(text) as unknown) : undefined };
      seen.push(request);
      const { status, body } = answer(request, seen);
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

const VALUES = "image:\n  repository: app\n  tag: 1.0.0 # bumped by Sluice after review\n";

describe("image updates proposed as pull and merge requests", () => {
  let work: string;
  let registry: Registry;
  let gitServer: GitHttpServer;
  let bare: string;
  let github: Awaited<ReturnType<typeof startFakeApi>>;
  let gitlab: Awaited<ReturnType<typeof startFakeApi>>;
  let config: SluiceConfig;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), "sluice-pr-"));
    registry = await startRegistry();
    for (const tag of ["1.0.0", "1.1.0"]) await pushImage(registry.url, "team/app", tag);
    gitServer = await startGitHttpServer({ root: join(work, "git") });
    await createBareRepo(join(work, "git"), "charts.git", {
      "charts/web/values-prod.yaml": VALUES,
      "charts/web/values-stage.yaml": VALUES,
      "apps/web/deployment.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: web }\n",
    });
    bare = join(work, "git", "charts.git");
    github = await startFakeApi((req, seen) => {
      const posts = seen.filter((s) => s.method === "POST");
      if (req.method === "POST" && posts.length === 1) return { status: 201, body: { number: 42, html_url: "https://github.example/acme/charts/pull/42", state: "open" } };
      if (req.method === "POST") return { status: 422, body: { message: "Validation Failed", errors: [{ resource: "PullRequest", code: "custom", message: "A pull request already exists for acme:sluice/web-prod/app-1.1.0." }] } };
      return { status: 200, body: [{ number: 42, html_url: "https://github.example/acme/charts/pull/42" }] };
    });
    gitlab = await startFakeApi(() => ({ status: 201, body: { iid: 7, web_url: "https://gitlab.example/acme/charts/-/merge_requests/7" } }));
    const app = (name: string, file: string, pullRequest: string) => `
  - name: ${name}
    source: { repo: ${gitServer.url}/charts.git, branch: main, path: apps/web }
    render: { directory: {} }
    destination: { directory: ${join(work, "out", name)}, namespace: web }
    images:
      - repository: ${registry.host}/team/app
        policy: { semver: ">=1.0.0" }
        write: { file: ${file}, tag: image.tag }
    writeBack: { pullRequest: ${pullRequest} }
    syncPolicy: { automated: true }`;
    config = parseConfig(`registries: [{ host: ${registry.host} }]
apps:${app("web-prod", "charts/web/values-prod.yaml", `{ github: { repository: acme/charts, token: { env: GH_TOKEN }, apiUrl: ${github.url} } }`)}${app("web-stage", "charts/web/values-stage.yaml", `{ gitlab: { project: acme/charts, token: { env: GL_TOKEN }, apiUrl: ${gitlab.url}/api/v4 }, branchPrefix: bump/ }`)}
`, join(work, "sluice.yaml"));
  });

  afterAll(async () => {
    await github?.close();
    await gitlab?.close();
    await gitServer?.close();
    await registry?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  });

  const worker = async () => buildWorkerDeps({ config, env: readEnv({ SLUICE_WORK_DIR: work }), logger: silentLogger, secretSources: { env: { GH_TOKEN: "ghp_test", GL_TOKEN: "glpat-test" } }, tools: await ensureKubeTools() });
  const job = (app: string, id: string) => JSON.stringify({ kind: "image-update", app, repository: `${registry.host}/team/app`, tag: "1.1.0", deliveryId: id });

  it("pushes the bump to a branch of its own and opens a GitHub pull request; a retried job opens nothing twice", async () => {
    // Prepare
    const w = await worker();
    const mainBefore = await gitLog(bare);

    // Act
    const first = await processJobMessage(job("web-prod", "d-1"), w);
    const again = await processJobMessage(job("web-prod", "d-1"), w);

    // Assess: the tracked branch is untouched; the bump is on its own branch, one commit on top of main.
    expect(first).toMatchObject({ status: "proposed", from: "1.0.0", to: "1.1.0", pullRequest: "https://github.example/acme/charts/pull/42" });
    expect(again).toMatchObject({ status: "proposed", pullRequest: "https://github.example/acme/charts/pull/42" });
    expect(await gitLog(bare)).toEqual(mainBefore);
    const branch = "sluice/web-prod/app-1.1.0";
    expect(await readFileAtHead(bare, "charts/web/values-prod.yaml", branch)).toBe(VALUES.replace("tag: 1.0.0", "tag: 1.1.0"));
    const [bump] = await gitLog(bare, branch);
    expect(bump?.parents).toEqual([mainBefore[0]?.sha]);
    expect((await git(["--git-dir", bare, "branch", "--list", "sluice/*"])).trim().split("\n")).toHaveLength(1);
    // The exact requests GitHub's API documents.
    const [create, secondCreate, lookup] = github.seen;
    expect(create).toMatchObject({
      method: "POST",
      path: "/repos/acme/charts/pulls",
      headers: { authorization: "Bearer ghp_test", accept: "application/vnd.github+json", "x-github-api-version": "2022-11-28", "content-type": "application/json" },
      body: { title: `[skip ci] sluice: web-prod ${registry.host}/team/app 1.0.0 -> 1.1.0`, head: branch, base: "main", body: expect.stringContaining("Sluice-Delivery: d-1") },
    });
    expect(secondCreate).toMatchObject({ method: "POST", path: "/repos/acme/charts/pulls", body: { head: branch, base: "main" } });
    expect(lookup).toMatchObject({ method: "GET", path: `/repos/acme/charts/pulls?state=open&head=${encodeURIComponent(`acme:${branch}`)}` });
    expect(github.seen).toHaveLength(3);
  });

  it("opens a GitLab merge request from the bump's branch, with the configured prefix", async () => {
    // Act
    const outcome = await processJobMessage(job("web-stage", "d-2"), await worker());

    // Assess
    expect(outcome).toMatchObject({ status: "proposed", pullRequest: "https://gitlab.example/acme/charts/-/merge_requests/7" });
    expect(await readFileAtHead(bare, "charts/web/values-stage.yaml", "bump/web-stage/app-1.1.0")).toBe(VALUES.replace("tag: 1.0.0", "tag: 1.1.0"));
    expect(gitlab.seen).toEqual([{
      method: "POST",
      path: "/api/v4/projects/acme%2Fcharts/merge_requests",
      headers: expect.objectContaining({ "private-token": "glpat-test", "content-type": "application/json" }),
      body: { source_branch: "bump/web-stage/app-1.1.0", target_branch: "main", title: `[skip ci] sluice: web-stage ${registry.host}/team/app 1.0.0 -> 1.1.0`, description: expect.stringContaining("Sluice-Delivery: d-2"), remove_source_branch: true },
    }]);
  });
});
