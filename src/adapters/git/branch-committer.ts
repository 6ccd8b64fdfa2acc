import type { Logger } from "../../core/log/logger.ts";
import { backoffMs } from "../../core/util/backoff.ts";
import type { BranchEditors, FileEditor } from "./branch-editor.ts";
import { NonFastForwardError, PushRefusedError } from "./git-errors.ts";
import type { GitAuth, GitAuthor, GitWorkspace } from "./git-workspace.ts";

/** Where changes are committed: a branch of a repo, pushed to itself or to another branch (a pull request's). */
export interface BranchTarget {
  readonly url: string;
  readonly branch: string;
  readonly auth?: GitAuth | undefined;
  /** Push the commit to this branch, created from `branch`, instead of to `branch` itself. */
  readonly pushTo?: string | undefined;
}

/** What one change did to the checkout: the files it wrote and its line of the commit message. */
export interface Applied {
  readonly files: readonly string[];
  /** One line describing the change: `sluice: web image 1.0.0 -> 1.1.0`. */
  readonly line: string;
  /** Trailer lines such as `Sluice-Delivery: <id>`; repeated ones are written once. */
  readonly trailers: readonly string[];
}

/**
 * An edit of a branch's files. It may run more than once, each time on the branch head
 * fetched again, when a push loses a race: so it reads what it edits from `files`, and
 * decides again (a human may have changed the same value meanwhile).
 */
export interface Change<T> {
  apply(files: FileEditor): Promise<{ readonly applied?: Applied | undefined; readonly value: T }>;
}

/** What a change did, once its round is pushed: the checkout at the pushed head, held until released. */
export interface Landed<T> {
  readonly value: T;
  /** The commit that carried the change; undefined when the change found nothing to do. */
  readonly commit: string | undefined;
  readonly workspace: GitWorkspace;
  /** Gives the checkout back: it is removed once every change of its round gave it back. */
  release(): Promise<void>;
}

export interface BranchCommitterDeps {
  readonly git: BranchEditors;
  readonly author: GitAuthor;
  /** The commit message for the changes of one commit (one or more). */
  message(applied: readonly Applied[]): string;
  /** Pushes per round, counting the first, before a lost race is given back to the queue. */
  readonly maxPushAttempts: number;
  /** How long a round waits for more changes to arrive before it checks out. */
  readonly gatherMs: number;
  sleep(ms: number): Promise<void>;
  readonly random?: () => number;
  readonly logger: Logger;
}

const PUSH_BACKOFF = { baseMs: 100, maxMs: 3_200 };

interface Pending {
  readonly change: Change<unknown>;
  resolve(landed: Landed<unknown>): void;
  reject(error: unknown): void;
}

/**
 * Commits changes to one branch in rounds: the changes pending when a round starts are
 * applied to the branch head, committed together and pushed once, so bumps that arrive
 * together make one commit. A push that is not a fast-forward is retried on the head
 * fetched again with the changes applied again, with jittered back-off, at most
 * `maxPushAttempts` times; nothing is force-pushed. A refusal (a hook, a protected branch)
 * fails the round's changes at once. Files reach the disk only once the round is pushed,
 * and each submitter gets the checkout (for its sync) with what its change found: the
 * committer calls only the changes' edits, never the submitters' code after them.
 */
export class BranchCommitter {
  private readonly queues = new Map<string, Pending[]>();

  constructor(private readonly deps: BranchCommitterDeps) {}

  /**
   * Applies `change` in the next round for `target`; once the round is pushed, resolves with
   * what it found and the checkout at the pushed head, which the caller releases when done.
   */
  submit<T>(target: BranchTarget, change: Change<T>): Promise<Landed<T>> {
    const key = `${target.url}#${target.branch}#${target.pushTo ?? ""}`;
    return new Promise<Landed<T>>((resolve, reject) => {
      // The value is the one this change's own apply returned, so it is a T.
      const pending: Pending = { change, resolve: (landed) => resolve(landed as Landed<T>), reject };
      const queue = this.queues.get(key);
      if (queue) {
        queue.push(pending);
        return;
      }
      this.queues.set(key, [pending]);
      void this.drain(key, target);
    });
  }

  /** Runs rounds while changes are pending for the key; one round at a time per branch in this process. */
  private async drain(key: string, target: BranchTarget): Promise<void> {
    await this.deps.sleep(this.deps.gatherMs);
    for (;;) {
      const queue = this.queues.get(key) ?? [];
      const batch = queue.splice(0);
      if (batch.length === 0) {
        this.queues.delete(key);
        return;
      }
      try {
        await this.round(target, batch);
      } catch (error) {
        for (const p of batch) p.reject(error);
      }
    }
  }

  private async round(target: BranchTarget, batch: Pending[]): Promise<void> {
    let live = batch;
    const editor = await this.deps.git.edit(target.url, target.branch, target.auth);
    let handedOver = false;
    try {
      for (let attempt = 1; ; attempt++) {
        const results: { pending: Pending; applied: Applied | undefined; value: unknown }[] = [];
        for (const pending of live) {
          try {
            const { applied, value } = await pending.change.apply(editor);
            results.push({ pending, applied, value });
          } catch (error) {
            // One change that cannot be made fails alone; the others go ahead.
            pending.reject(error);
          }
        }
        live = results.map((r) => r.pending);
        const changed = results.flatMap((r) => (r.applied ? [r.applied] : []));
        let commit: string | undefined;
        if (changed.length > 0) {
          commit = await editor.commit(this.deps.message(changed), this.deps.author);
          try {
            await editor.push(target.pushTo);
          } catch (error) {
            if (error instanceof NonFastForwardError && attempt < this.deps.maxPushAttempts) {
              this.deps.logger.info("push lost a race; applying again on the new head", { repo: target.url, branch: target.pushTo ?? target.branch, attempt, changes: changed.length });
              await this.deps.sleep(this.backoff(attempt));
              await editor.refresh();
              continue;
            }
            if (error instanceof NonFastForwardError || error instanceof PushRefusedError) {
              for (const r of results) r.pending.reject(error);
              return;
            }
            throw error;
          }
        }
        const workspace = await editor.checkout();
        handedOver = true;
        this.handOver(workspace, results.map((r) => ({ ...r, commit: r.applied ? commit : undefined })));
        return;
      }
    } finally {
      if (!handedOver) await editor.dispose();
    }
  }

  /** Gives each change the pushed checkout; the last to release it removes it. */
  private handOver(workspace: GitWorkspace, results: { pending: Pending; value: unknown; commit: string | undefined }[]): void {
    let holders = results.length;
    const dispose = () => workspace.dispose().catch((error: unknown) => this.deps.logger.warn("checkout not removed", { dir: workspace.dir, error: error instanceof Error ? error.message : String(error) }));
    if (holders === 0) void dispose();
    for (const { pending, value, commit } of results) {
      let released = false;
      const release = async () => {
        if (released) return;
        released = true;
        holders -= 1;
        // Every change's submitter is done with it: a checkout left behind costs only disk.
        if (holders === 0) await dispose();
      };
      pending.resolve({ value, commit, workspace, release });
    }
  }

  /** 100 ms, 200 ms, 400 ms … capped at 3.2 s, each between half and one and a half times that. */
  private backoff(attempt: number): number {
    return backoffMs(attempt, PUSH_BACKOFF, this.deps.random);
  }
}
