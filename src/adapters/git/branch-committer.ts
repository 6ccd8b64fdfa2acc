import type { Logger } from "../../core/log/logger.ts";
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

/** What a change's continuation gets once its round is pushed: the checkout at the pushed head. */
export interface Landed<T> {
  readonly value: T;
  /** The commit that carried the change; undefined when the change found nothing to do. */
  readonly commit: string | undefined;
  readonly workspace: GitWorkspace;
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

interface Pending {
  readonly change: Change<unknown>;
  readonly after: (landed: Landed<unknown>) => Promise<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/**
 * Commits changes to one branch in rounds: the changes pending when a round starts are
 * applied to the branch head, committed together and pushed once, so bumps that arrive
 * together make one commit. A push that is not a fast-forward is retried on the head
 * fetched again with the changes applied again, with jittered back-off, at most
 * `maxPushAttempts` times; nothing is force-pushed. A refusal (a hook, a protected branch)
 * fails the round's changes at once. Files reach the disk only once the round is pushed,
 * for the changes' continuations (their syncs).
 */
export class BranchCommitter {
  private readonly queues = new Map<string, Pending[]>();

  constructor(private readonly deps: BranchCommitterDeps) {}

  /**
   * Applies `change` in the next round for `target`; once the round is pushed, runs `after`
   * with the checkout at the pushed head and resolves with its result. The checkout is
   * removed when every continuation of the round has settled.
   */
  submit<T, R>(target: BranchTarget, change: Change<T>, after: (landed: Landed<T>) => Promise<R>): Promise<R> {
    const key = `${target.url}#${target.branch}#${target.pushTo ?? ""}`;
    return new Promise<R>((resolve, reject) => {
      const pending: Pending = {
        change,
        after: (landed) => after(landed as Landed<T>),
        resolve: (value) => resolve(value as R),
        reject,
      };
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
        void this.handOver(workspace, results.map((r) => ({ ...r, commit: r.applied ? commit : undefined })));
        return;
      }
    } finally {
      if (!handedOver) await editor.dispose();
    }
  }

  /** Runs each change's continuation on the pushed checkout, then removes it. */
  private async handOver(workspace: GitWorkspace, results: { pending: Pending; value: unknown; commit: string | undefined }[]): Promise<void> {
    await Promise.allSettled(results.map(async ({ pending, value, commit }) => {
      try {
        pending.resolve(await pending.after({ value, commit, workspace }));
      } catch (error) {
        pending.reject(error);
      }
    }));
    // The pushes are done and every caller has its answer: a checkout left behind costs only disk.
    await workspace.dispose().catch((error: unknown) => this.deps.logger.warn("checkout not removed", { dir: workspace.dir, error: error instanceof Error ? error.message : String(error) }));
  }

  /** 100 ms, 200 ms, 400 ms … capped at 3.2 s, each between half and one and a half times that. */
  private backoff(attempt: number): number {
    const random = this.deps.random ?? Math.random;
    return Math.round(Math.min(3200, 100 * 2 ** (attempt - 1)) * (0.5 + random()));
  }
}
