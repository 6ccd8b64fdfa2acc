// The packaged webhook function's cold start with apps in git: a fresh Node process with an empty
// TMPDIR (a new Lambda sandbox) imports the handler, then takes two signed GitHub pushes to a chart
// repo. The first delivery reads the app index: the app source's head, a clone of it, the branches
// of the app set's generator; the second finds it read. Per size: APP_SOURCE_SIZES definitions in
// the app source, plus one app set over 100 branches. A real git server (git http-backend) and a
// real SQS (fauxqs) on 127.0.0.1. Medians of RUNS processes.
import { execFile } from "node:child_process";
import { createHmac } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { startGitHttpServer } from "../../src/runtime/local/git-http-server.ts";
import { startQueues } from "../../test/harness/fauxqs.ts";
import { createBareRepo, git } from "../../test/harness/git-server.ts";

const SECRET = "bench-cold-start-secret-0123456789";
const SIZES = (process.env["APP_SOURCE_SIZES"] ?? "10,1000").split(",").map(Number);
const BRANCHES = 100;

export interface FirstDelivery { apps: number; importMs: number; firstMs: number; warmMs: number }

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** A signed push of one commit touching charts/app-0 on main, as API Gateway (HTTP API, 2.0) hands it over. */
function pushEvent(chartRepo: string, after: string, delivery: string): unknown {
  const body = JSON.stringify({
    ref: "refs/heads/main", before: "1".repeat(40), after, created: false, forced: false,
    repository: { clone_url: chartRepo },
    commits: [{ id: after, message: "values", author: { name: "dev", email: "dev@example.com" }, added: [], modified: ["charts/app-0/values.yaml"], removed: [] }],
  });
  const signature = `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`;
  return {
    version: "2.0", rawPath: "/hooks/git/github", body, isBase64Encoded: false,
    headers: { "content-type": "application/json", "x-github-event": "push", "x-github-delivery": delivery, "x-hub-signature-256": signature },
    requestContext: { http: { method: "POST" } },
  };
}

/** Cold import, first and second delivery of the packaged webhook handler, for each size. */
export async function firstDeliveries(handlerFile: string, runs: number): Promise<FirstDelivery[]> {
  const root = mkdtempSync(join(tmpdir(), "sluice-cold-sources-"));
  const server = await startGitHttpServer({ root });
  const queues = await startQueues();
  try {
    await createBareRepo(root, "charts.git", { "charts/app-0/values.yaml": "replicas: 1\n" });
    const head = (await git(["rev-parse", "main"], join(root, "charts.git"))).trim();
    const refs = Array.from({ length: BRANCHES }, (_, b) => `refs/heads/feature/b${b}`);
    for (const ref of refs) await git(["update-ref", ref, head], join(root, "charts.git"));
    const chartRepo = `${server.url}/charts.git`;
    const rows: FirstDelivery[] = [];
    for (const size of SIZES) {
      const apps = Array.from({ length: size }, (_, i) => `  - name: app-${i}\n    source: { repo: ${chartRepo}, path: charts/app-${i} }\n`
        + `    render: { directory: {} }\n    destination: { directory: /tmp/unused/app-${i}, namespace: app-${i} }\n`).join("");
      const review = `appSets:\n  - name: review\n    generators: [{ branches: { repo: ${chartRepo}, include: "feature/*" } }]\n    template:\n`
        + `      name: "review-{{branchSlug}}"\n      source: { repo: ${chartRepo}, branch: "{{branch}}", path: charts/app-0 }\n`
        + `      render: { directory: {} }\n      destination: { directory: "/tmp/unused/{{branchSlug}}", namespace: "r-{{branchSlug}}" }\n`;
      await createBareRepo(root, `apps-${size}.git`, { "apps/apps.yaml": `apps:\n${apps}`, "apps/review.yaml": review });
      const config = join(root, `sluice-${size}.yaml`);
      writeFileSync(config, `webhooks:\n  github: { secrets: [{ env: GITHUB_SECRET }] }\nappSources:\n  - { repo: ${server.url}/apps-${size}.git, path: apps }\n`);
      const samples: Omit<FirstDelivery, "apps">[] = [];
      // One at a time, and never a synchronous child: the git server answers from this process's event loop.
      for (let r = 0; r < runs; r++) samples.push(await probe(handlerFile, config, queues, [pushEvent(chartRepo, head, `c${size}-${r}`), pushEvent(chartRepo, head, `w${size}-${r}`)]));
      rows.push({ apps: size + BRANCHES, importMs: median(samples.map((s) => s.importMs)), firstMs: median(samples.map((s) => s.firstMs)), warmMs: median(samples.map((s) => s.warmMs)) });
    }
    return rows;
  } finally {
    await queues.stop();
    await server.close();
    rmSync(root, { recursive: true, force: true });
  }
}

/** One fresh process with an empty TMPDIR: import, then the two deliveries; each must queue app-0's sync. */
async function probe(handlerFile: string, config: string, queues: { endpoint: string; queueUrl: string }, events: unknown[]): Promise<Omit<FirstDelivery, "apps">> {
  const sandbox = mkdtempSync(join(tmpdir(), "sluice-lambda-tmp-"));
  const script = `const t0 = performance.now(); const { handler } = await import(${JSON.stringify(pathToFileURL(handlerFile).href)}); const t1 = performance.now();
const events = JSON.parse(process.env.EVENTS); const a = await handler(events[0]); const t2 = performance.now(); const b = await handler(events[1]); const t3 = performance.now();
process.stdout.write("\\nRESULT " + JSON.stringify({ importMs: t1 - t0, firstMs: t2 - t1, warmMs: t3 - t2, answers: [a, b] }));`;
  try {
    const { stdout: out } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", script], {
      env: {
        PATH: process.env["PATH"] ?? "", TMPDIR: sandbox, SLUICE_CONFIG: config, SLUICE_QUEUE_URL: queues.queueUrl, SLUICE_SQS_ENDPOINT: queues.endpoint,
        AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "test", AWS_SECRET_ACCESS_KEY: "test", GITHUB_SECRET: SECRET, POWERTOOLS_LOG_LEVEL: process.env["BENCH_LOG_LEVEL"] ?? "ERROR", EVENTS: JSON.stringify(events),
      },
    });
    // The handler's metrics (EMF) share stdout; the result is the line after the marker.
    const line = out.split("\n").find((l) => l.startsWith("RESULT ")) ?? "";
    const result = JSON.parse(line.slice("RESULT ".length)) as Omit<FirstDelivery, "apps"> & { answers: { statusCode: number; body: string }[] };
    for (const answer of result.answers) {
      if (answer.statusCode !== 202 || !readJobs(answer.body).includes("app-0")) throw new Error(`the delivery did not queue app-0's sync: ${answer.statusCode} ${answer.body}\n${out}`);
    }
    return { importMs: result.importMs, firstMs: result.firstMs, warmMs: result.warmMs };
  } finally {
    rmSync(sandbox, { recursive: true, force: true });
  }
}

const readJobs = (body: string): string[] => ((JSON.parse(body) as { jobs?: { app: string }[] }).jobs ?? []).map((j) => j.app);
