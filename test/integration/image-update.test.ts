// Image updates end to end on real components: docker-registry for the tag lists and
// digests, git http-backend for the chart repo, the worker's own job path for the rest.
import { createHash } from "node:crypto";
import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
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
import { processFifoBatch } from "../../src/jobs/worker/process-fifo-batch.ts";
import { processJobMessage } from "../../src/jobs/worker/process-job-message.ts";
import { PermanentJobError } from "../../src/core/errors/permanent-job-error.ts";
import { runJob, type JobOutcome } from "../../src/jobs/worker/run-job.ts";
import type { WorkerDeps } from "../../src/jobs/deps/worker-deps.ts";
import { createBareRepo, git, gitLog, readFileAtHead } from "../harness/git-server.ts";
import { pushImage } from "../harness/push-image.ts";
import { startRegistry, type Registry } from "../harness/registry.ts";

const APPS = 20;

/** Real files from public repositories (see test/fixtures/writeback/README.md), placed in the chart repo. */
const REAL_WORLD: Record<string, string> = {
  "values/bitnami-nginx-values.yaml": "bitnami-nginx-values.yaml",
  "kustomize/kustomization.yaml": "argo-cd-kustomization.crlf.yaml",
  "flux/marked.yaml": "flux-iac-marked-cronjob.yaml",
};
const fixture = (name: string): Promise<string> => readFile(new URL(`../fixtures/writeback/${name}`, import.meta.url), "utf8");

function deployment(name: string, image: string): string {
  return [
    "# Deployed by Sluice; the tag below is bumped by image updates.",
    "apiVersion: apps/v1",
    "kind: Deployment",
    "metadata:",
    `  name: ${name}`,
    "spec:",
    "  template:",
    "    spec:",
    "      containers:",
    `        - name: ${name}`,
    `          image: ${image}   # keep this comment`,
    "",
  ].join("\n");
}

function appYaml(name: string, gitUrl: string, out: string, image: string, policy = '{ semver: ">=1.0.0" }'): string {
  return `
  - name: ${name}
    source: { repo: ${gitUrl}/charts.git, branch: main, path: apps/${name} }
    render: { directory: {} }
    destination: { directory: ${join(out, name)}, namespace: ${name} }
    images:
      - repository: ${image}
        policy: ${policy}
        write: { file: apps/${name}/deployment.yaml, manifest: true }
    syncPolicy: { automated: true }`;
}

/** Pushes an image whose config says it was built at `created` (the harness's images all share one date). */
async function pushBuiltAt(registryUrl: string, repository: string, tag: string, created: string): Promise<string> {
  const upload = async (blob: Buffer): Promise<string> => {
    const digest = `sha256:${createHash("sha256").update(blob).digest("hex")}`;
    const start = await fetch(`${registryUrl}/v2/${repository}/blobs/uploads/`, { method: "POST" });
    const location = new URL(start.headers.get("location") ?? "", registryUrl);
    location.searchParams.set("digest", digest);
    const put = await fetch(location, { method: "PUT", headers: { "content-type": "application/octet-stream" }, body: blob });
    if (put.status !== 201) throw new Error(`blob upload: ${put.status}`);
    return digest;
  };
  const config = Buffer.from(JSON.stringify({ architecture: "amd64", os: "linux", created, rootfs: { type: "layers", diff_ids: [] } }));
  const layer = Buffer.from(`${repository}:${tag}`);
  const manifest = JSON.stringify({
    schemaVersion: 2,
    mediaType: "application/vnd.oci.image.manifest.v1+json",
    config: { mediaType: "application/vnd.oci.image.config.v1+json", size: config.length, digest: await upload(config) },
    layers: [{ mediaType: "application/vnd.oci.image.layer.v1.tar+gzip", size: layer.length, digest: await upload(layer) }],
  });
  const res = await fetch(`${registryUrl}/v2/${repository}/manifests/${tag}`, { method: "PUT", headers: { "content-type": "application/vnd.oci.image.manifest.v1+json" }, body: manifest });
  if (res.status !== 201) throw new Error(`manifest: ${res.status} ${await res.text()}`);
  return `sha256:${createHash("sha256").update(manifest).digest("hex")}`;
}

const job = (app: string, repository: string, tag: string, deliveryId: string) => JSON.stringify({ kind: "image-update", app, repository, tag, deliveryId });

describe("image updates on a real registry and git server", () => {
  let work: string;
  let registry: Registry;
  let gitServer: GitHttpServer;
  let bare: string;
  let config: SluiceConfig;
  let tools: Awaited<ReturnType<typeof ensureKubeTools>>;
  const image = (n: number | string) => `${registry.host}/team/svc-${n}`;
  const worker = async (): Promise<WorkerDeps> => buildWorkerDeps({ config, env: readEnv({ SLUICE_WORK_DIR: work, SLUICE_PUSH_ATTEMPTS: "20" }), logger: silentLogger, secretSources: { env: {} }, tools });

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), "sluice-image-update-"));
    registry = await startRegistry();
    tools = await ensureKubeTools();
    const files: Record<string, string> = {};
    const apps: string[] = [];
    gitServer = await startGitHttpServer({ root: join(work, "git") });
    for (let n = 0; n < APPS; n++) {
      files[`apps/svc-${n}/deployment.yaml`] = deployment(`svc-${n}`, `${image(n)}:1.0.0`);
      apps.push(appYaml(`svc-${n}`, gitServer.url, join(work, "out"), image(n)));
      for (const tag of ["1.0.0", "1.1.0"]) await pushImage(registry.url, `team/svc-${n}`, tag);
    }
    for (const tag of ["1.0.0", "1.1.0", "1.2.0", "1.3.0", "2.0.0-rc.1"]) await pushImage(registry.url, "team/ordered", tag);
    files["apps/ordered/deployment.yaml"] = deployment("ordered", `${registry.host}/team/ordered:1.0.0`);
    apps.push(appYaml("ordered", gitServer.url, join(work, "out"), `${registry.host}/team/ordered`));
    for (const tag of ["1.0.0", "1.1.0"]) await pushImage(registry.url, "team/rollback", tag);
    files["apps/rollback/deployment.yaml"] = deployment("rollback", `${registry.host}/team/rollback:1.0.0`);
    apps.push(appYaml("rollback", gitServer.url, join(work, "out"), `${registry.host}/team/rollback`));
    files["apps/pinned/deployment.yaml"] = deployment("pinned", `${registry.host}/team/pinned:1.0.0`);
    apps.push(appYaml("pinned", gitServer.url, join(work, "out"), `${registry.host}/team/pinned`, '{ semver: "^1.0.0", pinDigest: true }'));
    files["apps/sha/deployment.yaml"] = deployment("sha", `${registry.host}/team/sha:0000000`);
    files["apps/realworld/deployment.yaml"] = deployment("realworld", "nginx:1.27.0");
    for (const [path, name] of Object.entries(REAL_WORLD)) files[path] = await fixture(name);
    apps.push(`
  - name: realworld
    source: { repo: ${gitServer.url}/charts.git, branch: main, path: apps/realworld }
    render: { directory: {} }
    destination: { directory: ${join(work, "out", "realworld")}, namespace: realworld }
    images:
      - repository: ${registry.host}/bitnami/nginx
        policy: { regex: '^1\\.27\\.0-debian-12-r(?P<r>[0-9]+)$', extract: $r, order: numerical }
        write: { file: values/bitnami-nginx-values.yaml, tag: image.tag }
      - repository: ${registry.host}/argoproj/argocd
        policy: { semver: ">=2.7.0" }
        write: { file: kustomize/kustomization.yaml, kustomize: { name: quay.io/argoproj/argocd } }
      - repository: ${registry.host}/flux/image
        policy: { semver: ^1.0.0 }
        write: { file: flux/marked.yaml, setter: "automation-ns:policy" }
    syncPolicy: { automated: true }`);
    apps.push(appYaml("sha", gitServer.url, join(work, "out"), `${registry.host}/team/sha`, "{ newestPushed: {}, ignore: [latest] }"));
    await createBareRepo(join(work, "git"), "charts.git", files);
    bare = join(work, "git", "charts.git");
    config = parseConfig(`registries:\n  - { host: ${registry.host} }\napps:${apps.join("")}\n`, join(work, "sluice.yaml"));
  });

  afterAll(async () => {
    await gitServer?.close();
    await registry?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it("20 concurrent bumps from four workers end with all 20 tags, a linear history and no lost update", async () => {
    // Prepare: four workers as four Lambda instances, each with five apps' jobs in one FIFO batch.
    const workers = await Promise.all([0, 1, 2, 3].map(() => worker()));
    const before = await gitLog(bare, "main", 500);
    const batches = workers.map((w, i) => ({ w, messages: Array.from({ length: 5 }, (_, k) => 5 * i + k).map((n) => ({ id: `m${n}`, groupId: `svc-${n}`, body: job(`svc-${n}`, image(n), "1.1.0", `delivery-${n}`) })) }));

    // Act
    const outcomes: (JobOutcome | undefined)[] = [];
    const failed = await Promise.all(batches.map(({ w, messages }) => processFifoBatch(messages, async (m) => outcomes.push(await processJobMessage(m.body, w)))));

    // A batch whose round failed (on a loaded machine, the git server can fail a request outright) goes back
    // to the queue as SQS would return it: redelivered once, it must land without a second commit for any bump.
    const byId = new Map(batches.flatMap(({ messages }) => messages.map((m) => [m.id, m] as const)));
    const redelivered = failed.flat().map((id) => byId.get(id)).filter((m) => m !== undefined);
    const workerForRedelivery = workers[0];
    if (!workerForRedelivery) throw new Error("no worker");
    const failedAgain = await processFifoBatch(redelivered, async (m) => outcomes.push(await processJobMessage(m.body, workerForRedelivery)));
    if (redelivered.length > 0) console.info(`20 bumps from 4 workers: ${redelivered.length} redelivered once`);

    // Assess: nothing left to redeliver, every bump committed once, every file has its new tag and nothing else changed.
    expect(failedAgain).toEqual([]);
    expect(outcomes.map((o) => (o?.kind === "image-update" ? o.status : "other"))).toEqual(Array(APPS).fill("committed"));
    for (let n = 0; n < APPS; n++) {
      expect(await readFileAtHead(bare, `apps/svc-${n}/deployment.yaml`)).toBe(deployment(`svc-${n}`, `${image(n)}:1.1.0`));
    }
    // Linear: every new commit has exactly one parent, and they chain back to the old head.
    const after = await gitLog(bare, "main", 500);
    const added = after.slice(0, after.length - before.length);
    expect(after.slice(added.length).map((c) => c.sha)).toEqual(before.map((c) => c.sha));
    expect(added.every((c) => c.parents.length === 1)).toBe(true);
    added.forEach((c, i) => expect(c.parents[0]).toBe(after[i + 1]?.sha));
    // Every delivery is named once in a trailer (how many commits carry them depends on how the pushes interleave).
    const trailers = added.flatMap((c) => c.body.split("\n").filter((l) => l.startsWith("Sluice-Delivery: ")));
    expect(trailers.sort()).toEqual(Array.from({ length: APPS }, (_, n) => `Sluice-Delivery: delivery-${n}`).sort());
    console.info(`20 bumps from 4 workers: ${added.length} commits`);
  });

  it("takes the newest allowed tag whatever order events arrive in, never downgrades, and ignores refused tags with the reason", async () => {
    // Prepare
    const w = await worker();
    const run = (tag: string, id: string) => processJobMessage(job("ordered", `${registry.host}/team/ordered`, tag, id), w);
    const before = (await gitLog(bare, "main", 500)).length;

    // Act: a late event for 1.1.0 comes first, then 1.3.0, then an older 1.2.0, then a prerelease the policy refuses.
    const late = await run("1.1.0", "o1");
    const newest = await run("1.3.0", "o2");
    const older = await run("1.2.0", "o3");
    const refused = await run("2.0.0-rc.1", "o4");

    // Assess: the first event already moved straight to 1.3.0; nothing after it changed git.
    expect(late).toMatchObject({ status: "committed", from: "1.0.0", to: "1.3.0" });
    expect(newest).toMatchObject({ status: "unchanged", to: "1.3.0" });
    expect(older).toMatchObject({ status: "unchanged", to: "1.3.0" });
    expect(refused).toMatchObject({ status: "skipped", reason: 'tag 2.0.0-rc.1 is outside the policy range ">=1.0.0" (prereleases are off)' });
    expect(await gitLog(bare, "main", 500)).toHaveLength(before + 1);
    expect(await readFileAtHead(bare, "apps/ordered/deployment.yaml")).toContain("team/ordered:1.3.0   # keep this comment");
  });

  it("holds a human's rollback, says so in the app's record, and moves on when a newer tag than the rolled-back one comes", async () => {
    // Prepare: Sluice bumps to 1.1.0, then a person rolls back to 1.0.0 with git.
    const w = await worker();
    const repo = `${registry.host}/team/rollback`;
    await processJobMessage(job("rollback", repo, "1.1.0", "r1"), w);
    const clone = join(work, "human");
    await git(["clone", "--quiet", `${gitServer.url}/charts.git`, clone]);
    await writeFile(join(clone, "apps/rollback/deployment.yaml"), deployment("rollback", `${repo}:1.0.0`));
    await git(["commit", "--quiet", "-am", "Roll rollback back to 1.0.0: 1.1.0 breaks checkout"], clone);
    await git(["push", "--quiet", "origin", "main"], clone);
    const record = async () => JSON.parse(await readFile(join(work, "out", "rollback", "record.json"), "utf8")) as { written?: Record<string, string>; holds?: { message: string }[] };

    // Act: the 1.1.0 event again, then a new 1.2.0.
    const held = await processJobMessage(job("rollback", repo, "1.1.0", "r2"), w);
    const heldRecord = await record();
    await pushImage(registry.url, "team/rollback", "1.2.0");
    const moved = await processJobMessage(job("rollback", repo, "1.2.0", "r3"), w);

    // Assess
    expect(held).toMatchObject({ status: "held", reason: `holding ${repo} at 1.0.0: rolled back by a human from 1.1.0` });
    expect(heldRecord.holds).toEqual([{ repository: repo, tag: "1.0.0", from: "1.1.0", message: `holding ${repo} at 1.0.0: rolled back by a human from 1.1.0` }]);
    expect(moved).toMatchObject({ status: "committed", from: "1.0.0", to: "1.2.0" });
    expect(await record()).toMatchObject({ written: { [repo]: "1.2.0" }, holds: [] });
    expect(await readFileAtHead(bare, "apps/rollback/deployment.yaml")).toBe(deployment("rollback", `${repo}:1.2.0`));
  });

  it("pins the registry's digest beside the tag when the policy asks", async () => {
    // Prepare
    const pushed = await pushImage(registry.url, "team/pinned", "1.4.0");

    // Act
    const outcome = await processJobMessage(job("pinned", `${registry.host}/team/pinned`, "1.4.0", "p1"), await worker());

    // Assess
    expect(outcome).toMatchObject({ status: "committed", to: "1.4.0" });
    expect(await readFileAtHead(bare, "apps/pinned/deployment.yaml")).toBe(deployment("pinned", `${registry.host}/team/pinned:1.4.0@${pushed.digest}`));
  });

  it("takes the most recently built commit-SHA tag, and never an older build announced late", async () => {
    // Prepare: three builds, pushed out of order.
    await pushBuiltAt(registry.url, "team/sha", "0000000", "2024-05-01T00:00:00Z");
    await pushBuiltAt(registry.url, "team/sha", "c0ffee1", "2024-05-03T00:00:00Z");
    await pushBuiltAt(registry.url, "team/sha", "bada551", "2024-05-02T00:00:00Z");
    await pushBuiltAt(registry.url, "team/sha", "latest", "2024-05-09T00:00:00Z");
    const w = await worker();

    // Act
    const first = await processJobMessage(job("sha", `${registry.host}/team/sha`, "c0ffee1", "s1"), w);
    const late = await processJobMessage(job("sha", `${registry.host}/team/sha`, "bada551", "s2"), w);

    // Assess
    expect(first).toMatchObject({ status: "committed", from: "0000000", to: "c0ffee1" });
    expect(late).toMatchObject({ status: "unchanged", to: "c0ffee1" });
    expect(await readFileAtHead(bare, "apps/sha/deployment.yaml")).toContain("team/sha:c0ffee1   # keep this comment");
  });

  it("skips an event for a tag the registry does not have", async () => {
    const outcome = await processJobMessage(job("ordered", `${registry.host}/team/ordered`, "9.9.9", "x1"), await worker());
    expect(outcome).toMatchObject({ status: "skipped", reason: "tag 9.9.9 is not in the registry's tag list" });
  });

  it("edits a large chart's values, a CRLF kustomization and a Flux-marked manifest in place: git's diff is exactly the values", async () => {
    // Prepare: tags in the registry; r10 beats r2 only in numerical order.
    for (const tag of ["1.27.0-debian-12-r1", "1.27.0-debian-12-r2", "1.27.0-debian-12-r10", "1.28.0-debian-12-r0"]) await pushImage(registry.url, "bitnami/nginx", tag);
    for (const tag of ["v2.7.6", "v2.8.0"]) await pushImage(registry.url, "argoproj/argocd", tag);
    for (const tag of ["v1.0.0", "v1.1.0"]) await pushImage(registry.url, "flux/image", tag);
    const w = await worker();
    const before = (await gitLog(bare))[0]?.sha ?? "";

    // Act: one event per image, in order, as one app's FIFO group delivers them.
    const outcomes = [];
    outcomes.push(await processJobMessage(job("realworld", `${registry.host}/bitnami/nginx`, "1.27.0-debian-12-r2", "w1"), w));
    outcomes.push(await processJobMessage(job("realworld", `${registry.host}/argoproj/argocd`, "v2.8.0", "w2"), w));
    outcomes.push(await processJobMessage(job("realworld", `${registry.host}/flux/image`, "v1.1.0", "w3"), w));

    // Assess: each file is the original with only the values replaced, CRLF and comments kept.
    expect(outcomes.map((o) => (o?.kind === "image-update" ? `${o.status} ${o.from ?? ""} -> ${o.to ?? ""}` : "other"))).toEqual([
      "committed 1.27.0-debian-12-r1 -> 1.27.0-debian-12-r10",
      "committed v2.7.6 -> v2.8.0",
      "committed v1.0.0 -> v1.1.0",
    ]);
    const values = await fixture("bitnami-nginx-values.yaml");
    expect(await readFileAtHead(bare, "values/bitnami-nginx-values.yaml")).toBe(values.replace("  tag: 1.27.0-debian-12-r1\n", "  tag: 1.27.0-debian-12-r10\n"));
    const kustomization = await fixture("argo-cd-kustomization.crlf.yaml");
    expect(await readFileAtHead(bare, "kustomize/kustomization.yaml")).toBe(kustomization
      .replace("  newName: quay.io/argoproj/argocd\r\n", `  newName: ${registry.host}/argoproj/argocd\r\n`)
      .replace("  newTag: v2.7.6\r\n", "  newTag: v2.8.0\r\n"));
    const marked = await fixture("flux-iac-marked-cronjob.yaml");
    expect(await readFileAtHead(bare, "flux/marked.yaml")).toBe(marked.replace("image: image:v1.0.0 #", `image: ${registry.host}/flux/image:v1.1.0 #`));
    // And git itself sees nothing else: three files, one changed line each (two in the kustomization).
    const numstat = await git(["--git-dir", bare, "diff", "--numstat", before, "main"]);
    expect(numstat.trim().split("\n").sort()).toEqual(["1\t1\tflux/marked.yaml", "1\t1\tvalues/bitnami-nginx-values.yaml", "2\t2\tkustomize/kustomization.yaml"]);
  });

  it("reports a push a server-side hook refuses, in the hook's words, without retrying it", async () => {
    // Prepare: a pre-receive hook that counts its runs and refuses everything.
    const counter = join(work, "hook-runs");
    const hook = join(bare, "hooks", "pre-receive");
    await writeFile(hook, `#!/bin/sh\necho run >> ${counter}\necho "image bumps need a review (policy IMG-7)" >&2\nexit 1\n`);
    await chmod(hook, 0o755);
    await pushImage(registry.url, "team/svc-0", "1.2.0");
    const w = await worker();
    const body = job("svc-0", image(0), "1.2.0", "h1");

    try {
      // Act
      const error = await runJob(JSON.parse(body) as Parameters<typeof runJob>[0], w).then(() => undefined, (e: unknown) => e);
      const redeliver = await processFifoBatch([{ id: "h1", body, groupId: "svc-0" }], (m) => processJobMessage(m.body, w));

      // Assess: permanent, with the hook's message; the queue is not asked to redeliver; one push per attempt.
      expect(error).toBeInstanceOf(PermanentJobError);
      expect((error as Error).message).toMatch(/image bumps need a review \(policy IMG-7\)/);
      expect(redeliver).toEqual([]);
      expect((await readFile(counter, "utf8")).trim().split("\n")).toHaveLength(2);
      expect(await readFileAtHead(bare, "apps/svc-0/deployment.yaml")).toContain("svc-0:1.1.0");
    } finally {
      await rm(hook);
    }
  });
});
