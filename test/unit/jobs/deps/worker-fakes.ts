// WorkerDeps on the fakes of the other unit tests: a git server in memory (FakeGitRemotes), a
// destination that keeps its record (FakeDestination), a real registry client on a fake HTTP
// port, and a hosting API that records what it is sent.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { BranchCommitter } from "../../../../src/adapters/git/branch-committer.ts";
import type { BranchEditors } from "../../../../src/adapters/git/branch-editor.ts";
import { RevisionNotFoundError } from "../../../../src/adapters/git/git-errors.ts";
import type { GitRemotes, GitWorkspace } from "../../../../src/adapters/git/git-workspace.ts";
import { Registries } from "../../../../src/adapters/registry/registries.ts";
import type { CommandRunner } from "../../../../src/adapters/render/command-runner.ts";
import { RenderCache } from "../../../../src/adapters/render/render-cache.ts";
import { SecretResolver } from "../../../../src/adapters/secrets/secret-resolver.ts";
import { configSchema } from "../../../../src/core/config/app-config.ts";
import { staticAppIndex } from "../../../../src/core/apps/static-app-index.ts";
import { silentLogger } from "../../../../src/core/log/logger.ts";
import { commitMessage } from "../../../../src/engine/writeback/commit-message.ts";
import type { WorkerDeps } from "../../../../src/jobs/deps/worker-deps.ts";
import { FakeGitRemotes, type FakeCommit } from "../../adapters/git/fake-git-remotes.ts";
import { fakeClock } from "../../adapters/registry/fake-registry-http.ts";
import { FakeDestination } from "../sync/sync-fake-destination.ts";
import { fakeRegistry, type FakeRepository } from "./fake-registry.ts";

/** One request to GitHub's or GitLab's API. */
export type HostingRequest = Parameters<WorkerDeps["hostingHttp"]>[0];

export interface WorkerFakes {
  readonly deps: WorkerDeps;
  /** The GitOps repo: branches, commits and their files. */
  readonly remotes: FakeGitRemotes;
  readonly destination: FakeDestination;
  /** `METHOD url` of every registry request. */
  readonly registryRequests: () => string[];
  /** Every request sent to a hosting API. */
  readonly hosting: HostingRequest[];
}

export interface WorkerFakeParts {
  /** The sluice.yaml, as an object. */
  readonly config: object;
  /** The tracked branch's files (`main`). */
  readonly files: Record<string, string>;
  /** Tags by repository path (`team/app`), or one answer for every request about it. */
  readonly registry?: Record<string, FakeRepository>;
  /** The hosting API's answer to each request. */
  readonly hosting?: (request: HostingRequest, n: number) => { status: number; body: unknown };
  readonly env?: Record<string, string>;
}

const noRenderer: CommandRunner = () => Promise.reject(new Error("directory apps need no renderer"));

export function workerFakes(parts: WorkerFakeParts): WorkerFakes {
  const config = configSchema.parse(parts.config);
  const remotes = new FakeGitRemotes(parts.files);
  const destination = new FakeDestination();
  const registry = fakeRegistry(parts.registry ?? {});
  const hosting: HostingRequest[] = [];
  const hostingHttp: WorkerDeps["hostingHttp"] = async (request) => {
    hosting.push(request);
    const answer = parts.hosting?.(request, hosting.length) ?? { status: 500, body: "no hosting API in this test" };
    const body = JSON.stringify(answer.body);
    return { status: answer.status, url: request.url, header: () => undefined, text: async () => body };
  };
  const clock = fakeClock();
  const secrets = new SecretResolver({ env: parts.env ?? {} });
  const deps: WorkerDeps = {
    config,
    appIndex: () => Promise.resolve(staticAppIndex(config)),
    git: remotesAsGit(remotes),
    secrets,
    render: { helm: "helm", kubectl: "kubectl", run: noRenderer, timeoutMs: 1000, cache: new RenderCache() },
    destinationFor: () => destination,
    logger: silentLogger,
    now: () => new Date("2026-11-21T00:00:00Z"),
    sleep: async () => undefined,
    registries: new Registries(config.registries, { http: registry.http, secrets, clock }),
    commits: new BranchCommitter({
      git: editorsOnDisk(remotes),
      author: config.git.author,
      message: (applied) => commitMessage(config.git.commit, applied),
      maxPushAttempts: 3,
      gatherMs: 0,
      sleep: async () => undefined,
      random: () => 0.5,
      logger: silentLogger,
    }),
    hostingHttp,
  };
  const registryRequests = (): string[] =>
    registry.http.requests.map((r: { method: string; url: string }) => `${r.method} ${r.url}`);
  return { deps, remotes, destination, registryRequests, hosting };
}

/** The fake server as GitRemotes: heads by branch name, checkouts of any commit in the branch's history. */
function remotesAsGit(remotes: FakeGitRemotes): GitRemotes {
  return {
    headOf: async (_url, branch) => remotes.branches.get(branch)?.id,
    checkout: async (_url, branch, _auth, options) => {
      const revision = options?.revision;
      const commit = revision === undefined ? remotes.tip(branch) : remotes.log(branch).find((c) => c.id === revision);
      if (!commit) throw new RevisionNotFoundError(`${revision ?? branch} is not in the history of ${branch}`);
      return onDisk(commit);
    },
  };
}

/** The fake's editors, whose checkouts are real folders, since a sync renders from disk. */
function editorsOnDisk(remotes: FakeGitRemotes): BranchEditors {
  return {
    edit: async (url, branch) => {
      const editor = await remotes.edit(url, branch);
      return {
        ...editor,
        checkout: async () => {
          const head = await (await editor.checkout()).head();
          const commit = [...remotes.branches.keys()].flatMap((b) => remotes.log(b)).find((c) => c.id === head);
          if (!commit) throw new Error(`commit ${head} is on no branch`);
          return onDisk(commit);
        },
      };
    },
  };
}

async function onDisk(commit: FakeCommit): Promise<GitWorkspace> {
  const dir = await mkdtemp(join(tmpdir(), "sluice-worker-fakes-"));
  for (const [path, content] of Object.entries(commit.files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return {
    dir,
    head: async () => commit.id,
    readFile: async (path) => {
      const content = commit.files[path];
      if (content === undefined) throw new Error(`ENOENT ${path}`);
      return content;
    },
    writeFile: () => Promise.reject(new Error("read-only")),
    commit: () => Promise.reject(new Error("read-only")),
    push: () => Promise.reject(new Error("read-only")),
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}
