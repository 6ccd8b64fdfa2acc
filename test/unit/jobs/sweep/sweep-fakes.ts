// Fakes of the sweep's own ports (git remotes, targets) and a real registry client on a fake HTTP port.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { configSchema, type SluiceConfig } from "../../../../src/core/config/app-config.ts";
import { SecretResolver } from "../../../../src/adapters/secrets/secret-resolver.ts";
import type { AppRecord } from "../../../../src/engine/record/app-record.ts";
import type { GitRemotes, GitWorkspace } from "../../../../src/adapters/git/git-workspace.ts";
import type { LiveObject } from "../../../../src/adapters/kube/kube-client.ts";
import { silentLogger } from "../../../../src/core/log/logger.ts";
import { Registries } from "../../../../src/adapters/registry/registries.ts";
import { SnapshotCache } from "../../../../src/jobs/sync/snapshot-cache.ts";
import type { SweepDeps } from "../../../../src/jobs/sweep/sweep-deps.ts";
import { MemorySweepStateStore } from "../../../../src/jobs/sweep/sweep-state.ts";
import type { SweptDestination } from "../../../../src/jobs/sweep/swept-destination.ts";
import { FakeQueue } from "../intake/fake-queue.ts";
import { fakeClock, fakeRegistryHttp } from "../../adapters/registry/fake-registry-http.ts";

/** Git remotes whose branches point at revisions whose files are given; checkouts are real folders. */
export class FakeGit implements GitRemotes {
  readonly heads = new Map<string, string | Error>();
  readonly trees = new Map<string, Record<string, string>>();
  readonly headQueries: string[] = [];
  readonly checkouts: string[] = [];

  async headOf(url: string, branch: string): Promise<string | undefined> {
    this.headQueries.push(`${url}#${branch}`);
    const head = this.heads.get(`${url}#${branch}`);
    if (head instanceof Error) throw head;
    return head;
  }

  async checkout(url: string, branch: string, _auth?: unknown, options: { revision?: string } = {}): Promise<GitWorkspace> {
    const head = options.revision ?? this.heads.get(`${url}#${branch}`);
    if (typeof head !== "string") throw new Error(`no head for ${url}#${branch}`);
    this.checkouts.push(`${url}#${head}`);
    const dir = await mkdtemp(join(tmpdir(), "sluice-fake-checkout-"));
    for (const [path, content] of Object.entries(this.trees.get(head) ?? {})) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), content);
    }
    return {
      dir,
      head: async () => head,
      readFile: () => Promise.reject(new Error("not read in these tests")),
      writeFile: () => Promise.reject(new Error("read-only")),
      commit: () => Promise.reject(new Error("read-only")),
      push: () => Promise.reject(new Error("read-only")),
      dispose: () => rm(dir, { recursive: true, force: true }),
    };
  }
}

/** A cluster as the sweep sees it, answering from arrays and counting calls. */
export class FakeTarget implements SweptDestination {
  readonly endpoint: string;
  records: AppRecord[] = [];
  objects: LiveObject[] = [];
  down: Error | undefined;
  readonly calls: string[] = [];
  readonly state = new MemorySweepStateStore();

  constructor(readonly name: string) {
    this.endpoint = `cluster:${name}`;
  }

  async listRecords(): Promise<AppRecord[]> {
    this.calls.push("records");
    if (this.down) throw this.down;
    return structuredClone(this.records);
  }

  async listManaged(apiVersion: string, kind: string): Promise<LiveObject[]> {
    this.calls.push(`list ${apiVersion}/${kind}`);
    if (this.down) throw this.down;
    return structuredClone(this.objects.filter((o) => o.apiVersion === apiVersion && o.kind === kind));
  }
}

/** Tag lists by repository path (`team/app`); an Error makes the registry fail with that. */
export function fakeRegistries(tags: Record<string, string[] | "down">): { registries: Registries; requests: string[] } {
  const http = fakeRegistryHttp((request) => {
    const match = /\/v2\/(.+)\/tags\/list/.exec(request.url);
    const listed = match?.[1] ? tags[match[1]] : undefined;
    if (listed === "down") return { status: 503, body: "" };
    if (!listed) return { status: 404, body: JSON.stringify({ errors: [{ code: "NAME_UNKNOWN", message: "repository name not known to registry" }] }) };
    return { status: 200, headers: { "content-type": "application/json" }, body: JSON.stringify({ name: match?.[1], tags: listed }) };
  });
  const registries = new Registries([], { http, secrets: new SecretResolver({ env: {} }), clock: fakeClock() });
  return { registries, get requests() { return http.requests.map((r) => r.url); } };
}

/** A record as a sync writes it. */
export function recordOf(app: string, revision: string, extra: Partial<AppRecord> = {}): AppRecord {
  return { app, revision, images: {}, sync: { status: "Synced" }, health: { status: "Healthy" }, inventory: [], history: [], ...extra };
}

export function configOf(yaml: object): SluiceConfig {
  return configSchema.parse(yaml);
}

/** Sweep dependencies on fakes; every app's target comes from `targets` by its cluster name. */
export function sweepDeps(config: SluiceConfig, parts: { git: FakeGit; targets: Record<string, FakeTarget>; registries: Registries; queue?: FakeQueue; now?: () => Date }): SweepDeps & { queue: FakeQueue } {
  const queue = parts.queue ?? new FakeQueue();
  return {
    config,
    git: parts.git,
    secrets: new SecretResolver({ env: {} }),
    queue,
    registries: parts.registries,
    targetFor: (app) => {
      const name = "cluster" in app.destination ? app.destination.cluster : app.destination.directory;
      const target = parts.targets[name];
      if (!target) throw new Error(`no cluster named ${name}`);
      return target;
    },
    localState: new MemorySweepStateStore(),
    snapshots: new SnapshotCache(),
    logger: silentLogger,
    now: parts.now ?? (() => new Date("2026-11-21T00:00:00Z")),
  };
}
