import { describe, expect, it } from "vitest";
import { configSchema } from "../../../../src/core/config/app-config.ts";
import { SecretResolver } from "../../../../src/adapters/secrets/secret-resolver.ts";
import type { AppDiff } from "../../../../src/engine/sync/sync-result.ts";
import { silentLogger } from "../../../../src/core/log/logger.ts";
import type { CommandRunner } from "../../../../src/adapters/render/command-runner.ts";
import type { CheckJob } from "../../../../src/core/queue/job.ts";
import type { Notification } from "../../../../src/core/notify/notification.ts";
import type { Notifications } from "../../../../src/core/queue/notifications.ts";
import { checkApp } from "../../../../src/jobs/check/check-app.ts";
import { FakeDestination } from "../sync/sync-fake-destination.ts";
import { FakeGit, recordOf } from "../sweep/sweep-fakes.ts";

const REPO = "https://git.example.com/charts.git";
const REV = "a".repeat(40);
const KEY = "v1/ConfigMap/shop/a";
const job: CheckJob = { kind: "check", app: "shop", revision: REV, objects: [{ key: KEY, resourceVersion: "20", fingerprint: "fp-20" }], deliveryId: "sweep-1" };
const drifted: AppDiff = { resources: [{ ref: { apiVersion: "v1", kind: "ConfigMap", namespace: "shop", name: "a" }, status: "OutOfSync", reason: "changed", diff: "-a\n+b\n" }] };

function setup(syncPolicy: Record<string, unknown>) {
  const app = configSchema.parse({ apps: [{ name: "shop", source: { repo: REPO, path: "app" }, render: { directory: {} }, destination: { directory: "/unused", namespace: "shop" }, syncPolicy: { healthTimeoutSeconds: 0, ...syncPolicy } }] }).apps[0];
  if (!app) throw new Error("no app");
  const git = new FakeGit();
  git.heads.set(`${REPO}#main`, REV);
  git.trees.set(REV, { "app/a.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a }\n" });
  const destination = new FakeDestination();
  destination.record = recordOf("shop", REV, { inventory: [KEY], objects: { [KEY]: { resourceVersion: "10", fingerprint: "fp-10" } } });
  destination.diffResult = drifted;
  destination.run = { results: [{ key: KEY, kind: "ConfigMap", name: "a", namespace: "shop", status: "applied" }], rendered: [KEY], inventory: [KEY], deferredPrune: [] };
  const emitted: Notification[] = [];
  const notifications: Notifications = { emit: async (n) => void emitted.push(...n), deliver: () => Promise.reject(new Error("not here")) };
  const unusedRunner: CommandRunner = () => Promise.reject(new Error("no renderer needed for a directory app"));
  const deps = {
    config: { ...configSchema.parse({}), apps: [app] }, git, secrets: new SecretResolver({ env: {} }), destinationFor: () => destination,
    render: { helm: "helm", kubectl: "kubectl", run: unusedRunner, timeoutMs: 1000 },
    logger: silentLogger, now: () => new Date("2026-11-21T00:00:00Z"), sleep: async () => {}, notifications,
  };
  return { app, deps, emitted };
}

describe("checkApp's notifications", () => {
  it("drift the sweep found and the app does not heal is drift found, with the diff summary", async () => {
    const { app, deps, emitted } = setup({});

    await checkApp(job, app, deps);

    expect(emitted.map((n) => [n.trigger, n.revision, n.cause.kind, n.error])).toEqual([
      ["on-drift-found", REV, "sweep", "1 resource(s) differ from git: ConfigMap/a (changed)"],
    ]);
  });

  it("drift self-healed is drift healed, with the objects configured again", async () => {
    const { app, deps, emitted } = setup({ selfHeal: true });

    await checkApp(job, app, deps);

    expect(emitted.map((n) => n.trigger)).toEqual(["on-drift-healed"]);
    expect(emitted[0]?.objects?.configured).toEqual(["ConfigMap/shop/a"]);
  });
});
