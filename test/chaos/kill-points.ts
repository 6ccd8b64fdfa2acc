// Where a chaos worker SIGKILLs itself: wrappers around the worker's ports that, at the one point
// the process was given, roll the odds and die there for real (SIGKILL, no cleanup, no finally).
import { AsyncLocalStorage } from "node:async_hooks";
import { createHash } from "node:crypto";
import { readdirSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import type { BranchEditor, BranchEditors } from "../../src/adapters/git/branch-editor.ts";
import type { GitRemotes } from "../../src/adapters/git/git-workspace.ts";
import type { Destination } from "../../src/engine/destination/destination.ts";

export const KILL_POINTS = ["checkout", "after-commit", "after-push", "mid-apply", "before-delete"] as const;
export type KillPoint = (typeof KILL_POINTS)[number];

export interface Killer {
  /** At `point`: dies now, with the process's odds, when it is the process's point. */
  at(point: KillPoint): void;
  /** At `point`: arms a death a few milliseconds into `work`, so it dies part way through. */
  during<T>(point: KillPoint, work: () => Promise<T>): Promise<T>;
}

/** The queue message being handled, so a kill is charged to it. */
export const handling = new AsyncLocalStorage<string>();

/**
 * At most `MAX_KILLS_PER_MESSAGE` deaths per message (counted in marker files shared by the
 * pool's processes): each death is one of SQS's receives, and five send a message to the
 * dead-letter queue however healthy the job, which is the queue's contract, not a loss.
 */
export const MAX_KILLS_PER_MESSAGE = 2;

export function killer(point: KillPoint | undefined, odds: number, marks: string, random = Math.random): Killer {
  const die = (where: KillPoint, message: string) => {
    // Synchronous: the marker and the line must be out before the signal lands.
    writeFileSync(join(marks, `${message}.${Date.now()}-${process.pid}`), where);
    writeSync(2, `chaos-kill ${where}\n`);
    process.kill(process.pid, "SIGKILL");
  };
  const message = () => {
    const body = handling.getStore();
    return body === undefined ? undefined : createHash("sha256").update(body).digest("hex").slice(0, 16);
  };
  const killedBefore = (id: string) => readdirSync(marks).filter((f) => f.startsWith(`${id}.`)).length;
  const rolls = (where: KillPoint): string | undefined => {
    const id = message();
    if (where !== point || id === undefined || random() >= odds || killedBefore(id) >= MAX_KILLS_PER_MESSAGE) return undefined;
    return id;
  };
  return {
    at(where) {
      const id = rolls(where);
      if (id !== undefined) die(where, id);
    },
    async during(where, work) {
      const id = rolls(where);
      const timer = id === undefined ? undefined : setTimeout(() => die(where, id), Math.floor(random() * 40));
      try {
        return await work();
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/** Checkouts (read-only and for commits) that may die while they fetch. */
export function killingRemotes<T extends GitRemotes & BranchEditors>(inner: T, kill: Killer): GitRemotes & BranchEditors {
  return {
    checkout: (url, branch, auth, options) => kill.during("checkout", () => inner.checkout(url, branch, auth, options)),
    headOf: (url, branch, auth) => inner.headOf(url, branch, auth),
    edit: async (url, branch, auth) => killingEditor(await kill.during("checkout", () => inner.edit(url, branch, auth)), kill),
  };
}

function killingEditor(editor: BranchEditor, kill: Killer): BranchEditor {
  return {
    readFile: (path) => editor.readFile(path),
    writeFile: (path, content) => editor.writeFile(path, content),
    ...(editor.removeFile ? { removeFile: (path: string) => editor.removeFile?.(path) ?? Promise.resolve() } : {}),
    ...(editor.hasFile ? { hasFile: (path: string) => editor.hasFile?.(path) ?? Promise.resolve(false) } : {}),
    commit: (message, author) => editor.commit(message, author),
    push: (remoteBranch) => {
      kill.at("after-commit");
      return editor.push(remoteBranch);
    },
    refresh: () => editor.refresh(),
    checkout: () => editor.checkout(),
    dispose: () => editor.dispose(),
  };
}

/** A destination whose sync may die before its first apply or part way through. */
export function killingDestination(inner: Destination, kill: Killer): Destination {
  return Object.assign(Object.create(inner) as Destination, {
    sync: (...args: Parameters<Destination["sync"]>) => {
      kill.at("after-push");
      return kill.during("mid-apply", () => inner.sync(...args));
    },
  });
}
