import type { Logger } from "../../core/log/logger.ts";
import { mapLimit } from "../../core/util/map-limit.ts";
import { reasonOf } from "./endpoint-failure.ts";

/** One piece of a sweep's work with a stable key: a repo's head, an image's tags, a cluster's kind. */
export interface SweepTask {
  readonly key: string;
  run(): Promise<void>;
}

/**
 * Runs a sweep's tasks, least recently done first, and starts none after the deadline: a sweep
 * cut short leaves the rest for the next, which then starts with them. Remembers when each
 * task was done; a task that throws is not done.
 */
export class SweepTaskRunner {
  readonly done: Record<string, string> = {};
  readonly deferred: string[] = [];
  readonly planned = new Set<string>();

  constructor(
    private readonly lastDone: Readonly<Record<string, string>>,
    private readonly deadline: number,
    private readonly clock: () => Date,
    private readonly logger: Logger,
  ) {}

  /** Runs the tasks, `concurrency` at a time; the keys of those done. */
  async run(tasks: readonly SweepTask[], concurrency: number): Promise<Set<string>> {
    for (const task of tasks) this.planned.add(task.key);
    const order = [...tasks].sort((a, b) => (this.lastDone[a.key] ?? "").localeCompare(this.lastDone[b.key] ?? ""));
    const done = new Set<string>();
    await mapLimit(order, concurrency, async (task) => {
      if (this.clock().getTime() >= this.deadline) {
        this.deferred.push(task.key);
        return;
      }
      try {
        await task.run();
        this.done[task.key] = this.clock().toISOString();
        done.add(task.key);
      } catch (error) {
        this.logger.error("sweep task failed", { task: task.key, error: reasonOf(error) });
      }
    });
    return done;
  }

  /** When each task planned this sweep was last done, for the next sweep's order. */
  times(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const key of this.planned) {
      const at = this.done[key] ?? this.lastDone[key];
      if (at !== undefined) out[key] = at;
    }
    return out;
  }
}
