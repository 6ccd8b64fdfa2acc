import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { BranchCommitter, Change } from "../../../../src/adapters/git/branch-committer.ts";
import type { FileEditor } from "../../../../src/adapters/git/branch-editor.ts";
import { SecretResolver } from "../../../../src/adapters/secrets/secret-resolver.ts";
import type { IndexedApp } from "../../../../src/core/apps/app-index.ts";
import { idleKey } from "../../../../src/core/apps/idle-key.ts";
import { appSchema } from "../../../../src/core/config/app-config.ts";
import { parseConfig } from "../../../../src/core/config/load-config.ts";
import { silentLogger } from "../../../../src/core/log/logger.ts";
import type { Destination } from "../../../../src/engine/destination/destination.ts";
import { bringUpGenerated, type LifecycleDeps } from "../../../../src/jobs/apps/bring-up-generated.ts";
import { FileAppLedger } from "../../../../src/jobs/apps/file-app-ledger.ts";
import { removeIfIdle } from "../../../../src/jobs/apps/remove-idle.ts";

const definition = {
  name: "web1-feature-a",
  source: { repo: "https://git.example/charts.git", branch: "feature/a", path: "charts/web1" },
  render: { helm: { valueFiles: ["review/feature-a.yaml"] } },
  destination: { cluster: "dev", namespace: "web1-feature-a" },
  syncPolicy: { createNamespace: true, prune: true },
};
const config = parseConfig(`webhooks: {}\nclusters: [{ name: dev, server: https://dev.example, token: { env: T } }]\n`, "sluice.yaml");
const entryAt = (sha: string): IndexedApp => ({
  app: appSchema.parse(definition), appSet: "review", definedIn: "sluice.yaml", labels: { branch: "feature/a", branchSlug: "feature-a", sha },
  // An orphan policy: idle removal deletes anyway, the app being disposable.
  generated: { deletionPolicy: "orphan", definition, idleTtlSeconds: 3600, valuesFile: { from: "charts/web1/values-sample.yaml", path: "charts/web1/review/feature-a.yaml" } },
});

/** The branch's files in memory and the commits made to them. */
function memoryBranch() {
  const state = { files: new Map([["charts/web1/values-sample.yaml", "host: web1-{{branchSlug}}.review\n"]]), commits: [] as string[], onCommit: () => {} };
  const submit = async <T>(_target: unknown, change: Change<T>) => {
    const written = new Map(state.files);
    const editor: FileEditor = {
      readFile: async (path) => written.get(path) ?? Promise.reject(new Error(`no ${path}`)),
      writeFile: async (path, text) => void written.set(path, text),
      removeFile: async (path) => void written.delete(path),
      hasFile: async (path) => written.has(path),
    };
    const { applied, value } = await change.apply(editor);
    if (applied) {
      state.files = written;
      state.commits.push(applied.line);
      state.onCommit();
    }
    return { value, release: async () => undefined };
  };
  return { state, committer: { submit } as unknown as BranchCommitter };
}

/** A cluster keeping namespaces; the app's objects are pruned by deleteApp, counted. */
function fakeCluster() {
  const namespaces = new Map<string, unknown>();
  const pruned: string[] = [];
  const client = {
    get: async (ref: { name: string }) => namespaces.get(ref.name),
    create: async (o: { metadata: { name: string } }) => void namespaces.set(o.metadata.name, o),
    delete: async (ref: { name: string }) => { namespaces.delete(ref.name); return true; },
  };
  const destination = {
    name: "dev", kubeClient: async () => client,
    readRecord: async () => ({ inventory: ["apps/v1/Deployment/web1-feature-a/web"] }),
    deleteApp: async () => { pruned.push("web"); return [{ key: "apps/v1/Deployment/web1-feature-a/web", status: "pruned" }]; },
    deleteRecord: async () => undefined,
  } as unknown as Destination;
  return { namespaces, pruned, destination };
}

describe("a job for an app the sweep marked idle", () => {
  let dir = "";
  afterEach(async () => { if (dir) await rm(dir, { recursive: true, force: true }); });

  it("removes it once with its namespace and values file, keeps it removed, and brings it back after a push", async () => {
    // Prepare: the app brought up at sha 1…; the sweep then marked it idle under that sha
    dir = await mkdtemp(join(tmpdir(), "sluice-remove-idle-"));
    const branch = memoryBranch();
    const cluster = fakeCluster();
    let index = entryAt("1".repeat(40));
    const deps: LifecycleDeps = {
      config, secrets: new SecretResolver({ env: {} }), commits: branch.committer, destinationFor: () => cluster.destination,
      logger: silentLogger, now: () => new Date("2026-06-01T00:00:00Z"), ledger: new FileAppLedger(dir),
      appIndex: async () => ({ revision: "r", entries: [index], problems: [], get: (n) => (n === index.app.name ? index : undefined) }),
    };
    const up = await bringUpGenerated(entryAt("1".repeat(40)), deps);
    // Sluice's own commits move the branch too: the head is then sha 3…, which is no push of anyone's.
    branch.state.onCommit = () => { index = entryAt("3".repeat(40)); };
    if (up) await deps.ledger.put({ ...up, idle: { at: "2026-06-01T02:00:00.000Z", key: idleKey(entryAt("1".repeat(40))), removed: false } });

    // Act
    const first = await removeIfIdle(entryAt("1".repeat(40)), deps);
    const second = await removeIfIdle(entryAt("3".repeat(40)), deps);
    const filesWhileIdle = new Map(branch.state.files);
    branch.state.onCommit = () => {};
    index = entryAt("2".repeat(40));
    const afterPush = await removeIfIdle(entryAt("3".repeat(40)), deps);
    const back = await bringUpGenerated(index, deps);

    // Assess
    expect(first).toMatchObject({ status: "deleted", deleted: 1, namespaceDeleted: true, valuesFileRemoved: true });
    expect(second).toMatchObject({ status: "deleted", deleted: 0, message: expect.stringContaining("a push to its branch brings it back") });
    expect(cluster.pruned).toEqual(["web"]);
    expect(filesWhileIdle.has("charts/web1/review/feature-a.yaml")).toBe(false);
    // The stale index a warm function held was read again, and the push was seen.
    expect(afterPush).toBeUndefined();
    expect(back?.idle).toBeUndefined();
    expect(cluster.namespaces.has("web1-feature-a")).toBe(true);
    expect(branch.state.files.get("charts/web1/review/feature-a.yaml")).toBe("host: web1-feature-a.review\n");
    expect(branch.state.commits).toEqual([
      "[skip ci] sluice: values file charts/web1/review/feature-a.yaml for web1-feature-a",
      "[skip ci] sluice: remove values file charts/web1/review/feature-a.yaml of web1-feature-a",
      "[skip ci] sluice: values file charts/web1/review/feature-a.yaml for web1-feature-a",
    ]);
  });
});
