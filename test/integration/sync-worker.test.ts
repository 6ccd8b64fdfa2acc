// Sync jobs end to end on real services: git http-backend serving the app repo, the worker's real
// wiring, the API server with its controller manager. Self-heal after drift, health followed
// while the pods come up, pruneLast after Healthy, and a rollback to an earlier revision.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify as dump } from "yaml";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { parseConfig } from "../../src/core/config/load-config.ts";
import { startGitHttpServer, type GitHttpServer } from "../../src/runtime/local/git-http-server.ts";
import { ensureKubeTools } from "../../src/runtime/local/kube-tools.ts";
import { silentLogger } from "../../src/core/log/logger.ts";
import type { Manifest } from "../../src/adapters/render/manifest.ts";
import { readEnv } from "../../src/runtime/wiring/read-env.ts";
import { buildWorkerDeps } from "../../src/runtime/wiring/worker-deps.ts";
import { PermanentJobError } from "../../src/core/errors/permanent-job-error.ts";
import { runJob, type JobOutcome } from "../../src/jobs/worker/run-job.ts";
import type { SyncOutcome } from "../../src/jobs/sync/sync-app.ts";
import type { WorkerDeps } from "../../src/jobs/deps/worker-deps.ts";
import { createBareRepo, git, revParse } from "../harness/git-server.ts";
import { waitFor } from "../harness/wait-for.ts";
import { configMap, deployment, held } from "./sync-fixtures.ts";
import { completeRollout, getJson, kubectl, names } from "./sync-kubectl.ts";

const yaml = (objects: Manifest[]) => objects.map((o) => dump(o)).join("---\n");

describe("sync jobs on real services", () => {
  let work: string;
  let server: GitHttpServer;
  let deps: WorkerDeps;
  const repos = ["heal", "manual", "prune-last", "rollback"];

  /** Commits these files to the repo's main branch with the git CLI; returns the new head. */
  async function commit(repo: string, files: Record<string, string>, message: string): Promise<string> {
    const clone = await mkdtemp(join(tmpdir(), "sluice-commit-"));
    try {
      await git(["clone", "--quiet", join(work, "git", `${repo}.git`), clone]);
      for (const [path, content] of Object.entries(files)) {
        await mkdir(join(clone, path, ".."), { recursive: true });
        await writeFile(join(clone, path), content);
      }
      await git(["add", "--all"], clone);
      await git(["commit", "--quiet", "-m", message], clone);
      await git(["push", "--quiet", "origin", "main"], clone);
    } finally {
      await rm(clone, { recursive: true, force: true });
    }
    return revParse(join(work, "git", `${repo}.git`));
  }

  const recordOf = (name: string) => {
    const app = deps.config.apps.find((a) => a.name === name);
    if (!app) throw new Error(`no app ${name}`);
    return deps.destinationFor(app).readRecord(name);
  };

  const sync = async (app: string, trigger: "sweep" | "manual", revision?: string): Promise<SyncOutcome> => {
    const outcome: JobOutcome = await runJob({ kind: "sync", app, trigger, deliveryId: `test-${trigger}`, ...(revision ? { revision } : {}) }, deps);
    if (outcome.kind !== "sync") throw new Error("not a sync outcome");
    return outcome.sync;
  };

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), "sluice-sync-worker-"));
    for (const repo of repos) await createBareRepo(join(work, "git"), `${repo}.git`, { "app/README.md": "objects below\n" });
    server = await startGitHttpServer({ root: join(work, "git") });
    const app = (name: string, policy: string) => `
  - name: ${name}
    source: { repo: ${server.url}/${name}.git, branch: main, path: app }
    render: { directory: { include: "**/*.yaml" } }
    destination: { cluster: test, namespace: worker-${name} }
    syncPolicy: { createNamespace: true, ${policy} }`;
    const config = parseConfig(`
clusters:
  - name: test
    kubeconfig: { path: ${inject("kubeconfig")} }
apps:${app("heal", "selfHeal: true, healthTimeoutSeconds: 0")}${app("manual", "healthTimeoutSeconds: 0")}${app("prune-last", "prune: true, pruneLast: true, healthTimeoutSeconds: 60")}${app("rollback", "automated: false, healthTimeoutSeconds: 0")}
`, join(work, "sluice.yaml"));
    deps = await buildWorkerDeps({ config, env: readEnv({ SLUICE_WORK_DIR: work }), logger: silentLogger, secretSources: { env: {} }, tools: await ensureKubeTools() });
  });

  afterAll(async () => {
    await server?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it("self-heals drift at an unchanged revision when selfHeal is on; only records it when off", async () => {
    // Prepare: both apps synced at their heads, then edited by hand
    for (const repo of ["heal", "manual"]) await commit(repo, { "app/cm.yaml": yaml([configMap("settings", { level: "info" })]) }, "settings");
    for (const repo of ["heal", "manual"]) expect(await sync(repo, "sweep")).toMatchObject({ status: "synced" });
    for (const repo of ["heal", "manual"]) await kubectl("patch", "configmap", "settings", "-n", `worker-${repo}`, "-p", '{"data":{"level":"debug"}}');

    // Act: the next job at the same revision (a redelivered webhook, a sweep)
    const healed = await sync("heal", "sweep");
    const recorded = await sync("manual", "sweep");

    // Assess
    expect(healed).toMatchObject({ status: "synced" });
    expect(((await getJson("configmap", "settings", "worker-heal"))?.["data"] as Record<string, string>)["level"]).toBe("info");
    const healRecord = await recordOf("heal");
    expect(healRecord?.history[0]).toMatchObject({ trigger: "self-heal", result: "Succeeded" });
    expect(recorded).toMatchObject({ status: "out-of-sync", message: "1 resource(s) differ from git: ConfigMap/settings (changed)" });
    expect(((await getJson("configmap", "settings", "worker-manual"))?.["data"] as Record<string, string>)["level"]).toBe("debug");

    // Act: a person syncs by hand (kubectl patch took the field: the person's sync takes it back)
    const manual = await sync("manual", "manual");

    // Assess
    expect(manual.status).toBe("synced");
    expect(((await getJson("configmap", "settings", "worker-manual"))?.["data"] as Record<string, string>)["level"]).toBe("info");
  });

  it("follows health while the pods come up, and prunes last only once the app is Healthy", async () => {
    // Prepare: revision 1 with a ConfigMap that revision 2 drops
    const ns = "worker-prune-last";
    await commit("prune-last", { "app/all.yaml": yaml([deployment("web"), configMap("old-settings")]) }, "v1");
    const first = sync("prune-last", "sweep");
    await completeRollout(ns, "web");
    expect((await first).health?.status).toBe("Healthy");
    // Revision 2's pods wait for a node until the test lets them run.
    const v2 = held("prune-last-v2", deployment("web", "registry.invalid/web:2.0.0"));
    await commit("prune-last", { "app/all.yaml": yaml([v2, configMap("new-settings")]) }, "v2");

    // Act: the job follows health; meanwhile the old ConfigMap must still be there
    const job = sync("prune-last", "sweep");
    await waitFor("the new ReplicaSet's pods", async () => ((await names("pod", ns)).length >= 3 ? true : undefined));
    const whileProgressing = await names("configmap", ns);
    const record = await recordOf("prune-last");
    await completeRollout(ns, "web", "prune-last-v2");
    const outcome = await job;

    // Assess
    expect(whileProgressing).toContain("old-settings");
    // The job writes the record once, when it is done: while it follows health the record is revision 1's.
    expect(record?.revision).toBe((await first).revision);
    expect(outcome.health?.status).toBe("Healthy");
    expect((await recordOf("prune-last"))?.sync).toEqual({ status: "Synced" });
    expect(outcome.resources.find((r) => r.name === "old-settings")).toMatchObject({ status: "pruned" });
    await waitFor("old-settings to go", async () => ((await names("configmap", ns)).includes("old-settings") ? undefined : true));
  });

  it("rolls back to an earlier revision from history, and refuses while automated sync would undo it", async () => {
    // Prepare: two revisions, both synced by hand
    const ns = "worker-rollback";
    const v1 = await commit("rollback", { "app/web.yaml": yaml([deployment("web", "registry.invalid/web:1.0.0")]) }, "v1");
    expect((await sync("rollback", "manual")).revision).toBe(v1);
    for (let i = 0; i < 3; i++) await commit("rollback", { "app/notes.yaml": yaml([configMap("notes", { n: String(i) })]) }, `notes ${i}`);
    const v2 = await commit("rollback", { "app/web.yaml": yaml([deployment("web", "registry.invalid/web:2.0.0")]) }, "v2");
    expect((await sync("rollback", "manual")).revision).toBe(v2);
    const image = async () => ((await getJson("deployment", "web", ns))?.spec?.["template"] as { spec: { containers: { image: string }[] } }).spec.containers[0]?.image;
    expect(await image()).toBe("registry.invalid/web:2.0.0");

    // Act: roll back to v1, four commits behind the head of a depth-1 clone
    const rolledBack = await sync("rollback", "manual", v1);

    // Assess
    expect(rolledBack.revision).toBe(v1);
    expect(await image()).toBe("registry.invalid/web:1.0.0");
    const record = await recordOf("rollback");
    expect(record?.revision).toBe(v1);
    expect(record?.history.map((h) => h.revision)).toEqual([v1, v2, v1]);
    // A sweep at the head does not undo it: the app is manual, so v2 only awaits a sync.
    expect((await sync("rollback", "sweep")).status).toBe("out-of-sync");
    expect(await image()).toBe("registry.invalid/web:1.0.0");

    // An automated app cannot be rolled back: the next sweep would undo it.
    const healV = await revParse(join(work, "git", "heal.git"));
    await commit("heal", { "app/more.yaml": yaml([configMap("more")]) }, "more");
    await expect(sync("heal", "manual", healV)).rejects.toThrow(PermanentJobError);
    await expect(sync("heal", "manual", "f".repeat(40))).rejects.toThrow(/cannot roll back/);
  });
});
