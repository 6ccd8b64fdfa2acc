// A sync cut off part way: its worker SIGKILLed while the API server is stopped mid-sync. The record
// and status say how far it got ("interrupted at N of M objects" at the new revision), never the old
// revision's Synced; the next sync records the cut-off one in its history and finishes.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SendMessageCommand } from "@aws-sdk/client-sqs";
import { stringify as dump } from "yaml";
import { afterAll, describe, expect, inject, it } from "vitest";
import { parseConfig } from "../../src/core/config/load-config.ts";
import { appRecordSchema, type AppRecord } from "../../src/engine/record/app-record.ts";
import { collectStatus } from "../../src/jobs/status/collect-status.ts";
import { destinations } from "../../src/runtime/wiring/destinations.ts";
import { SecretResolver } from "../../src/adapters/secrets/secret-resolver.ts";
import { startGitHttpServer } from "../../src/runtime/local/git-http-server.ts";
import { startQueues } from "../../src/runtime/local/embedded-sqs.ts";
import { stopApiServer } from "../harness/apiserver-restart.ts";
import { createBareRepo, git, revParse } from "../harness/git-server.ts";
import { waitFor } from "../harness/wait-for.ts";
import { annotated } from "./sync-hooks-fixtures.ts";
import { configMap, deployment, held } from "./sync-fixtures.ts";
import { getJson, releasePool } from "./sync-kubectl.ts";

const WORKER = join(import.meta.dirname, "..", "chaos", "worker-child.ts");
const wave = (n: number) => ({ "argocd.argoproj.io/sync-wave": String(n) });

describe("a sync cut off part way", () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it("shows Syncing, interrupted at N of M objects at the new revision, not the old Synced; the next sync finishes it", async () => {
    // Prepare: an app Synced at its first revision; a second revision whose wave 0 waits for held Pods.
    const work = await mkdtemp(join(tmpdir(), "sluice-interrupted-"));
    cleanups.push(() => rm(work, { recursive: true, force: true }));
    const bare = join(work, "git", "app.git");
    await createBareRepo(join(work, "git"), "app.git", { "app/all.yaml": dump(configMap("first")) });
    const server = await startGitHttpServer({ root: join(work, "git") });
    cleanups.push(() => server.close());
    const queues = await startQueues({ visibilityTimeoutSeconds: 5 });
    cleanups.push(() => queues.stop());
    const configFile = join(work, "sluice.yaml");
    await writeFile(configFile, `
clusters:
  - name: test
    kubeconfig: { path: ${inject("kubeconfig")} }
apps:
  - name: cut
    source: { repo: ${server.url}/app.git, branch: main, path: app }
    render: { directory: {} }
    destination: { cluster: test, namespace: cut-sync }
    syncPolicy: { automated: true, createNamespace: true, healthTimeoutSeconds: 0, waveTimeoutSeconds: 300 }
`);
    const config = parseConfig(await readFile(configFile, "utf8"), configFile);
    await mkdir(join(work, "kills"));
    const startWorker = (): ChildProcess => {
      const child = spawn(process.execPath, ["--import", "tsx", WORKER], {
        stdio: "ignore",
        env: { ...process.env, SLUICE_CONFIG: configFile, SLUICE_SQS_ENDPOINT: queues.endpoint, SLUICE_QUEUE_URL: queues.queueUrl, SLUICE_WORK_DIR: join(work, "worker"), SLUICE_VISIBILITY_SECONDS: "5", CHAOS_MARKS_DIR: join(work, "kills") },
      });
      cleanups.push(async () => void child.kill("SIGKILL"));
      return child;
    };
    const send = (deliveryId: string) => queues.client.send(new SendMessageCommand({ QueueUrl: queues.queueUrl, MessageBody: JSON.stringify({ kind: "sync", app: "cut", trigger: "webhook", deliveryId }), MessageGroupId: "cut", MessageDeduplicationId: deliveryId }));
    const record = async (): Promise<AppRecord | undefined> => {
      const cm = await getJson("configmap", "sluice-app-cut", "sluice-system").catch(() => undefined);
      const text = (cm?.["data"] as Record<string, string> | undefined)?.["record.json"];
      return text === undefined ? undefined : appRecordSchema.parse(JSON.parse(text));
    };
    let worker = startWorker();
    await send("d-first");
    const first = await revParse(bare);
    await waitFor("the first revision Synced", async () => ((await record())?.revision === first && !(await record())?.operation ? true : undefined), 90_000, 300);
    const objects = [annotated(configMap("first"), wave(0)), annotated(configMap("a"), wave(0)), annotated(held("cut-w0", deployment("db")), wave(0)), annotated(configMap("last"), wave(1))];
    const clone = join(work, "clone");
    await git(["clone", "--quiet", bare, clone]);
    await writeFile(join(clone, "app", "all.yaml"), objects.map((o) => dump(o)).join("---\n"));
    await git(["commit", "--quiet", "-am", "waves"], clone);
    await git(["push", "--quiet", "origin", "main"], clone);
    const second = await revParse(bare);
    const statusRow = async () => (await collectStatus(config, destinations(config, { secrets: new SecretResolver({ env: {} }), region: "us-east-1" }), { cached: true }))[0];

    // Act: the sync of the second revision waits on wave 0; the API server stops, the worker is killed, the server comes back.
    await send("d-second");
    const during = await waitFor("3 objects applied", async () => {
      const r = await record();
      return r?.operation?.revision === second && r.operation.applied === 3 ? r : undefined;
    }, 90_000, 200);
    const stopped = await stopApiServer(inject("clusterDir"), inject("kubeApiServer"));
    worker.kill("SIGKILL");
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    await stopped.start();
    const cut = await record();
    const row = await statusRow();
    await releasePool("cut-w0");
    worker = startWorker();
    const after = await waitFor("the second revision Synced", async () => {
      const r = await record();
      return r?.revision === second && !r.operation && r.sync.status === "Synced" ? r : undefined;
    }, 120_000, 500);

    // Assess: cut off, the record and status said where; the next sync's history says it too, at that revision.
    expect(during.operation).toMatchObject({ revision: second, objects: 4, applied: 3 });
    expect(cut).toMatchObject({ revision: first, operation: { revision: second, applied: 3, objects: 4 } });
    expect(row).toMatchObject({ revision: first, sync: "Syncing" });
    expect(row?.message).toContain(`sync to ${second.slice(0, 12)}`);
    expect(row?.message).toContain("interrupted at 3 of 4 objects");
    expect(after.history.find((h) => h.message === "interrupted at 3 of 4 objects")).toMatchObject({ revision: second, deliveryId: "d-second", result: "Failed" });
    expect(after.history[0]).toMatchObject({ revision: second, result: "Succeeded" });
  }, 400_000);
});
