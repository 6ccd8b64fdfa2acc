// Sync phases, waves and hooks on the real API server and controller manager, with kwok's nodes
// running Job Pods to completion. A Job that must fail is held on a pool that never opens and
// given activeDeadlineSeconds: the Job controller itself fails it (DeadlineExceeded).
import { KubeConfig } from "@kubernetes/client-node";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { ClusterDestination } from "../../src/engine/destination/cluster-destination.ts";
import { waitFor } from "../harness/wait-for.ts";
import { appFor, configMap, deployment, held } from "./sync-fixtures.ts";
import { getJson, names, releasePool } from "./sync-kubectl.ts";
import { annotated, job, postSync, preSync, syncFail } from "./sync-hooks-fixtures.ts";

describe("sync phases, waves and hooks on a real cluster", () => {
  let destination: ClusterDestination;

  beforeAll(() => {
    const kc = new KubeConfig();
    kc.loadFromFile(inject("kubeconfig"));
    destination = new ClusterDestination(kc, { name: "test" });
  });

  it("applies the Deployment only once its PreSync migration Job has completed", async () => {
    // Prepare: the migration's Pod waits for a node until the test releases its pool
    const ns = "hooks-presync";
    const app = appFor("presync", ns, { waveTimeoutSeconds: 90 });
    const manifests = [deployment("web"), annotated(job("migrate", { pool: "hooks-presync" }), preSync)];

    // Act: the sync waits on the migration
    const syncing = destination.sync(app, manifests, []);
    await waitFor("the migration Job", async () => (await getJson("job", "migrate", ns)) ?? undefined);

    // Assess: nothing of the Sync phase while the hook runs
    expect(await getJson("deployment", "web", ns)).toBeUndefined();
    await releasePool("hooks-presync");
    const run = await syncing;
    expect(await getJson("deployment", "web", ns)).toBeDefined();
    expect(run.phases?.map((p) => `${p.phase}:${p.status}`)).toEqual(["PreSync:Succeeded", "Sync:Succeeded"]);
    expect(run.phases?.[0]?.hooks).toEqual([{ kind: "Job", name: "migrate", namespace: ns, status: "Succeeded" }]);
    // Hooks are not the app's resources: not in the inventory, never pruned with them.
    expect(run.inventory).toEqual(["apps/v1/Deployment/hooks-presync/web"]);
  });

  it("creates a hook named by generateName, and deletes the last one before the next (BeforeHookCreation)", async () => {
    const ns = "hooks-generate";
    const app = appFor("generate", ns, { waveTimeoutSeconds: 90 });
    const manifests = [configMap("cfg"), annotated(job("smoke-", { generateName: true }), postSync)];

    const first = await destination.sync(app, manifests, []);
    const firstName = first.phases?.find((p) => p.phase === "PostSync")?.hooks?.[0]?.name ?? "";
    const second = await destination.sync(app, manifests, first.inventory);

    const secondName = second.phases?.find((p) => p.phase === "PostSync")?.hooks?.[0]?.name ?? "";
    expect(firstName).toMatch(/^smoke-[a-z0-9]{5}$/);
    expect(secondName).toMatch(/^smoke-[a-z0-9]{5}$/);
    expect(secondName).not.toBe(firstName);
    expect(second.phases?.map((p) => `${p.phase}:${p.status}`)).toEqual(["Sync:Succeeded", "PostSync:Succeeded"]);
    expect(await names("job", ns)).toEqual([secondName]);
  });

  it("recreates a hook Job whose template changed instead of patching it, and never applies Helm's test hooks", async () => {
    const ns = "hooks-upgrade";
    const app = appFor("upgrade", ns, { waveTimeoutSeconds: 90 });
    const helmHook = { "helm.sh/hook": "pre-install,pre-upgrade", "helm.sh/hook-weight": "-1" };
    const test = annotated(job("chart-test"), { "helm.sh/hook": "test" });
    const v1 = [configMap("cfg"), annotated(job("migrate", { image: "registry.invalid/migrate:1.0.0" }), helmHook), test];
    const first = await destination.sync(app, v1, []);
    const before = await getJson("job", "migrate", ns);

    // Act: the next release changes the Job's Pod template, which the API server never lets a patch change
    const v2 = [configMap("cfg"), annotated(job("migrate", { image: "registry.invalid/migrate:2.0.0" }), helmHook), test];
    const second = await destination.sync(app, v2, first.inventory);

    // Assess
    const after = await getJson("job", "migrate", ns);
    expect(second.results.filter((r) => r.status === "failed")).toEqual([]);
    expect(second.phases?.map((p) => `${p.phase}:${p.status}:${p.waves.join(",")}`)).toEqual(["PreSync:Succeeded:-1", "Sync:Succeeded:0"]);
    expect(after?.metadata.uid).not.toBe(before?.metadata.uid);
    const containers = (after?.spec?.["template"] as { spec: { containers: { image: string }[] } }).spec.containers;
    expect(containers.map((c) => c.image)).toEqual(["registry.invalid/migrate:2.0.0"]);
    expect(await getJson("job", "chart-test", ns)).toBeUndefined();
  });

  it("fails the sync on a failed hook with the hook's own failure, runs SyncFail, and applies nothing after it", async () => {
    // Prepare: the migration never gets a node and its Job's deadline passes
    const ns = "hooks-fail";
    const app = appFor("fail", ns, { waveTimeoutSeconds: 90 });
    const failing = annotated(job("migrate", { pool: "hooks-never", deadlineSeconds: 1 }), { ...preSync, "argocd.argoproj.io/hook-delete-policy": "HookSucceeded" });
    const cleanup = annotated(job("cleanup"), syncFail);
    const manifests = [deployment("web"), failing, cleanup];

    // Act
    const run = await destination.sync(app, manifests, []);

    // Assess
    const pre = run.phases?.find((p) => p.phase === "PreSync");
    expect(pre?.status).toBe("Failed");
    expect(pre?.message).toMatch(/^Job\/migrate: (DeadlineExceeded: )?Job was active longer than specified deadline/);
    expect(run.phases?.find((p) => p.phase === "SyncFail")).toMatchObject({ status: "Succeeded", hooks: [{ name: "cleanup", status: "Succeeded" }] });
    expect(run.results.find((r) => r.name === "web")).toMatchObject({ status: "skipped", message: "not applied: an earlier wave failed" });
    expect(run.results.find((r) => r.name === "migrate")).toMatchObject({ status: "failed" });
    expect(await getJson("deployment", "web", ns)).toBeUndefined();
    // HookSucceeded keeps a failed hook for a person to read.
    expect(await getJson("job", "migrate", ns)).toBeDefined();
  });

  it("deletes hooks by their policies: HookSucceeded after success, HookFailed after failure", async () => {
    const ns = "hooks-policies";
    const app = appFor("policies", ns, { waveTimeoutSeconds: 90 });
    const done = annotated(job("done"), { ...preSync, "argocd.argoproj.io/hook-delete-policy": "HookSucceeded" });
    const failed = annotated(job("broken", { pool: "hooks-never", deadlineSeconds: 1 }), { ...postSync, "argocd.argoproj.io/hook-delete-policy": "HookFailed" });

    const run = await destination.sync(app, [configMap("cfg"), done, failed], []);

    expect(run.phases?.map((p) => `${p.phase}:${p.status}`)).toEqual(["PreSync:Succeeded", "Sync:Succeeded", "PostSync:Failed"]);
    expect(await names("job", ns)).toEqual([]);
  });

  it("starts a wave only once the previous one is Healthy, and hands back its progress when the wait outlives its budget", async () => {
    // Prepare: wave 1's Deployment waits for nodes; this destination waits in process for 1 s at most
    const ns = "hooks-waves";
    const app = appFor("waves", ns, { waveTimeoutSeconds: 90 });
    const kc = new KubeConfig();
    kc.loadFromFile(inject("kubeconfig"));
    const impatient = new ClusterDestination(kc, { name: "test", waitBudgetMs: 1_000 });
    const wave = (n: number) => ({ "argocd.argoproj.io/sync-wave": String(n) });
    const manifests = [annotated(configMap("first"), wave(0)), annotated(held("hooks-waves", deployment("web")), wave(1)), annotated(configMap("last"), wave(2))];

    // Act
    const waiting = await impatient.sync(app, manifests, []);

    // Assess: wave 2 not applied while wave 1 progresses
    expect(waiting.pending).toMatchObject({ step: 1, hooks: [] });
    expect(waiting.phases).toEqual([{ phase: "Sync", status: "Running", waves: [0, 1], message: expect.stringMatching(/^Deployment\/hooks-waves\/web: /) }]);
    expect(await getJson("configmap", "last", ns)).toBeUndefined();

    // Act: the rollout completes; a later sync continues from the progress handed back
    await releasePool("hooks-waves");
    const resumed = await waitFor("the wave to finish", async () => {
      const next = await impatient.sync(app, manifests, waiting.inventory, { resume: waiting.pending });
      return next.pending ? undefined : next;
    }, 60_000, 500);
    expect(resumed.phases).toEqual([{ phase: "Sync", status: "Succeeded", waves: [0, 1, 2] }]);
    expect(await getJson("configmap", "last", ns)).toBeDefined();
  });
});
