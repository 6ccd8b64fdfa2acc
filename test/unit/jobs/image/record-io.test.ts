import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { BranchCommitter } from "../../../../src/adapters/git/branch-committer.ts";
import type { BranchEditors } from "../../../../src/adapters/git/branch-editor.ts";
import type { GitRemotes, GitWorkspace } from "../../../../src/adapters/git/git-workspace.ts";
import { Registries } from "../../../../src/adapters/registry/registries.ts";
import { SecretResolver } from "../../../../src/adapters/secrets/secret-resolver.ts";
import { parseConfig } from "../../../../src/core/config/load-config.ts";
import { silentLogger } from "../../../../src/core/log/logger.ts";
import { commitMessage } from "../../../../src/engine/writeback/commit-message.ts";
import type { WorkerDeps } from "../../../../src/jobs/deps/worker-deps.ts";
import { updateImage } from "../../../../src/jobs/image/update-image.ts";
import { FakeGitRemotes, type FakeCommit } from "../../adapters/git/fake-git-remotes.ts";
import { FakeDestination } from "../sync/sync-fake-destination.ts";
import { staticAppIndex } from "../../../../src/core/apps/static-app-index.ts";

const config = parseConfig(`
registries: [{ host: registry.invalid, lookup: false }]
apps:
  - name: shop
    source: { repo: https://git.invalid/shop.git, path: app }
    render: { directory: {} }
    destination: { directory: /unused, namespace: shop }
    images:
      - repository: registry.invalid/shop
        policy: { semver: ">=1.0.0" }
        write: { file: values.yaml, tag: image.tag }
`, "/tmp/sluice.yaml");
const app = config.apps[0];
const image = app?.images[0];
const files = { "app/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a }\n", "values.yaml": "image:\n  tag: 1.0.0\n" };
const unused = (): Promise<never> => Promise.reject(new Error("not called in this test"));

/** The fake git server's commits as folders on disk, since a sync renders from disk. */
async function onDisk(commit: FakeCommit): Promise<GitWorkspace> {
  const dir = await mkdtemp(join(tmpdir(), "sluice-record-io-"));
  for (const [path, content] of Object.entries(commit.files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  const readOnly = () => Promise.reject(new Error("read-only"));
  return { dir, head: async () => commit.id, readFile: async (p) => commit.files[p] ?? "", writeFile: readOnly, commit: readOnly, push: readOnly, dispose: () => rm(dir, { recursive: true, force: true }) };
}

function workerDeps(remotes: FakeGitRemotes, destination: FakeDestination): WorkerDeps {
  const editors: BranchEditors = {
    edit: async (url, branch) => {
      const editor = await remotes.edit(url, branch);
      return { ...editor, checkout: async () => onDisk(remotes.tip(branch)) };
    },
  };
  const secrets = new SecretResolver({ env: {} });
  // Named through what takes them, so the test does not hang on the HTTP layer's module names.
  const http: ConstructorParameters<typeof Registries>[1]["http"] = unused;
  const hostingHttp: WorkerDeps["hostingHttp"] = unused;
  const git: GitRemotes = { headOf: unused, checkout: unused };
  return {
    config, appIndex: () => Promise.resolve(staticAppIndex(config)),
    git, secrets, destinationFor: () => destination, logger: silentLogger,
    render: { helm: "helm", kubectl: "kubectl", run: unused, timeoutMs: 1000 },
    now: () => new Date("2026-12-01T00:00:00Z"), sleep: async () => undefined,
    registries: new Registries(config.registries, { http, secrets, clock: { now: () => 0, sleep: async () => undefined } }),
    commits: new BranchCommitter({ git: editors, author: config.git.author, message: (a) => commitMessage(config.git.commit, a), maxPushAttempts: 3, gatherMs: 0, sleep: async () => undefined, logger: silentLogger }),
    hostingHttp,
  };
}

const job = { kind: "image-update" as const, app: "shop", repository: "registry.invalid/shop", tag: "1.1.0", deliveryId: "d-1" };

function destinationAtFirstCommit(): FakeDestination {
  const destination = new FakeDestination();
  destination.record = { app: "shop", revision: "c0", images: {}, sync: { status: "Synced" }, health: { status: "Healthy" }, inventory: [], history: [] };
  destination.run = { results: [], rendered: ["v1/ConfigMap/shop/a"], inventory: ["v1/ConfigMap/shop/a"], deferredPrune: [] };
  return destination;
}

describe("the app record in one image bump", () => {
  it("is read once, marked syncing, and written once more for a bump that commits, syncs and records the tag", async () => {
    // Prepare
    if (!app || !image) throw new Error("no app");
    const remotes = new FakeGitRemotes(files);
    const destination = destinationAtFirstCommit();

    // Act
    const outcome = await updateImage(job, app, image, workerDeps(remotes, destination));

    // Assess
    expect(outcome).toMatchObject({ status: "committed", from: "1.0.0", to: "1.1.0", sync: { status: "synced" } });
    expect(destination.record).toMatchObject({ revision: remotes.tip("main").id, written: { "registry.invalid/shop": "1.1.0" }, inventory: ["v1/ConfigMap/shop/a"] });
    expect([destination.reads, destination.writes.length]).toEqual([1, 2]);
    expect(destination.writes[0]?.operation).toMatchObject({ phase: "Running", revision: remotes.tip("main").id });
    expect(destination.record?.operation).toBeUndefined();
  });

  it("keeps what the sweep's check recorded while the bump was committed and synced", async () => {
    // Prepare: the check stores its object baselines just before the bump's one write
    if (!app || !image) throw new Error("no app");
    const remotes = new FakeGitRemotes(files);
    const destination = destinationAtFirstCommit();
    const baseline = { "v1/ConfigMap/shop/a": { resourceVersion: "7", fingerprint: "fp-7" } };
    destination.beforeStore = () => {
      if (destination.record && !destination.record.objects) destination.record = { ...destination.record, objects: baseline };
    };

    // Act
    await updateImage(job, app, image, workerDeps(remotes, destination));

    // Assess: the bump's change made again on the check's record, read again once; neither is lost
    expect(destination.record).toMatchObject({ revision: remotes.tip("main").id, written: { "registry.invalid/shop": "1.1.0" }, objects: baseline });
    expect([destination.reads, destination.writes.length]).toEqual([2, 2]);
  });
});
