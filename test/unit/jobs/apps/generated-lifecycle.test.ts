import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { BranchCommitter, Change } from "../../../../src/adapters/git/branch-committer.ts";
import type { FileEditor } from "../../../../src/adapters/git/branch-editor.ts";
import type { IndexedApp } from "../../../../src/core/apps/app-index.ts";
import type { Notification } from "../../../../src/core/notify/notification.ts";
import type { Notifications } from "../../../../src/core/queue/notifications.ts";
import { parseConfig } from "../../../../src/core/config/load-config.ts";
import { silentLogger } from "../../../../src/core/log/logger.ts";
import type { Destination } from "../../../../src/engine/destination/destination.ts";
import { bringUpGenerated, type LifecycleDeps } from "../../../../src/jobs/apps/bring-up-generated.ts";
import { FileAppLedger } from "../../../../src/jobs/apps/file-app-ledger.ts";
import { tearDownGenerated } from "../../../../src/jobs/apps/tear-down-generated.ts";
import { SecretResolver } from "../../../../src/adapters/secrets/secret-resolver.ts";

const definition = {
  name: "web1-feature-a",
  source: { repo: "https://git.example/charts.git", path: "charts/web1" },
  render: { helm: { valueFiles: ["review/feature-a.yaml"] } },
  destination: { cluster: "dev", namespace: "web1-feature-a" },
  syncPolicy: { createNamespace: true, prune: true },
};
const config = parseConfig(`webhooks: {}\nclusters: [{ name: dev, server: https://dev.example, token: { env: T } }]\n`, "sluice.yaml");

/** The branch's files in memory, and the commits made to them. */
class MemoryBranch implements Pick<BranchCommitter, "submit"> {
  files = new Map([["charts/web1/values-sample.yaml", "ingress:\n  host: web1-{{branchSlug}}.review.example\n"]]);
  commits: string[] = [];
  async submit<T>(_target: unknown, change: Change<T>): Promise<never> {
    const written = new Map(this.files);
    const editor: FileEditor = {
      readFile: async (path) => written.get(path) ?? Promise.reject(new Error(`no ${path}`)),
      writeFile: async (path, text) => void written.set(path, text),
      removeFile: async (path) => void written.delete(path),
      hasFile: async (path) => written.has(path),
    };
    const { applied, value } = await change.apply(editor);
    if (applied) {
      this.files = written;
      this.commits.push(applied.line);
    }
    return { value, commit: undefined, workspace: undefined, release: async () => undefined } as never;
  }
}

/** A cluster that keeps namespaces and counts deletions. */
function fakeCluster() {
  const namespaces = new Map<string, { metadata: { name: string; annotations?: Record<string, string> } }>();
  const deleted: string[] = [];
  const client = {
    get: async (ref: { name: string }) => namespaces.get(ref.name),
    create: async (o: { metadata: { name: string; annotations?: Record<string, string> } }) => void namespaces.set(o.metadata.name, o),
    delete: async (ref: { name: string }) => { deleted.push(ref.name); namespaces.delete(ref.name); return true; },
  };
  const destination = {
    name: "dev",
    kubeClient: async () => client,
    readRecord: async () => ({ inventory: ["apps/v1/Deployment/web1-feature-a/web"] }),
    deleteApp: async () => [{ key: "apps/v1/Deployment/web1-feature-a/web", status: "pruned" }],
    deleteRecord: async () => undefined,
  } as unknown as Destination;
  return { namespaces, deleted, destination };
}

describe("generated app lifecycle", () => {
  let dir = "";
  afterEach(async () => { if (dir) await rm(dir, { recursive: true, force: true }); });

  it("brings a review app up once (values file from the sample, own namespace) and tears all of it down", async () => {
    // Prepare
    dir = await mkdtemp(join(tmpdir(), "sluice-ledger-"));
    const branch = new MemoryBranch();
    const cluster = fakeCluster();
    const deps: LifecycleDeps = {
      config, secrets: new SecretResolver({ env: {} }), commits: branch as unknown as BranchCommitter, destinationFor: () => cluster.destination,
      logger: silentLogger, now: () => new Date("2026-01-01T00:00:00Z"), ledger: new FileAppLedger(dir),
    };
    const app = (await import("../../../../src/core/config/app-config.ts")).appSchema.parse(definition);
    const entry: IndexedApp = {
      app, appSet: "review", definedIn: "sluice.yaml", labels: { branch: "feature/a", branchSlug: "feature-a" },
      generated: { deletionPolicy: "delete", definition, valuesFile: { from: "charts/web1/values-sample.yaml", path: "charts/web1/review/feature-a.yaml" } },
    };

    const emitted: Notification[] = [];
    const notifications: Notifications = { emit: async (n) => void emitted.push(...n), deliver: async () => { throw new Error("not delivered here"); } };
    const withNotifications: LifecycleDeps = { ...deps, notifications };
    const push = { trigger: "webhook", deliveryId: "d-1", provider: "github" };

    // Act
    await bringUpGenerated(entry, withNotifications, push);
    await bringUpGenerated(entry, withNotifications, { ...push, deliveryId: "d-2" });
    const upFiles = new Map(branch.files);
    const kept = await deps.ledger.get("web1-feature-a");
    const down = kept ? await tearDownGenerated(kept, withNotifications, { ...push, deliveryId: "d-3" }) : undefined;

    // Assess
    expect(upFiles.get("charts/web1/review/feature-a.yaml")).toBe("ingress:\n  host: web1-feature-a.review.example\n");
    expect(kept).toMatchObject({ namespace: { cluster: "dev", name: "web1-feature-a" }, valuesFile: { path: "charts/web1/review/feature-a.yaml" } });
    expect(down).toMatchObject({ status: "deleted", deleted: 1, namespaceDeleted: true, valuesFileRemoved: true });
    expect(cluster.deleted).toEqual(["web1-feature-a"]);
    expect(branch.files.has("charts/web1/review/feature-a.yaml")).toBe(false);
    expect(branch.commits).toEqual([
      "[skip ci] sluice: values file charts/web1/review/feature-a.yaml for web1-feature-a",
      "[skip ci] sluice: remove values file charts/web1/review/feature-a.yaml of web1-feature-a",
    ]);
    expect(await deps.ledger.list()).toEqual([]);
    // Said once each: brought up on the first job only, removed with the teardown, naming what set it off.
    expect(emitted.map((n) => [n.trigger, n.app, n.appSet, n.cause])).toEqual([
      ["on-review-app-created", "web1-feature-a", "review", { kind: "webhook", provider: "github", deliveryId: "d-1" }],
      ["on-review-app-removed", "web1-feature-a", "review", { kind: "webhook", provider: "github", deliveryId: "d-3" }],
    ]);
  });
});
