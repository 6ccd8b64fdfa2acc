import type { Logger } from "../../core/log/logger.ts";
import { mapLimit } from "../../core/util/map-limit.ts";
import { reasonOf } from "./endpoint-failure.ts";

/** One piece of a sweep's work with a stable key: a repo's head, an image's tags, a cluster's kind. */
export interface Unit {
  readonly key: string;
  run(): Promise<void>;
}

/**
 * Runs a sweep's units, least recently done first, and starts none after the deadline: a sweep
 * cut short leaves the rest for the next, which then starts with them. Remembers when each
 * unit was done; a unit that throws is not done.
 */
export class UnitRunner {
  readonly done: Record<string, string> = {};
  readonly deferred: string[] = [];
  readonly planned = new Set<string>();

  constructor(
    private readonly lastDone: Readonly<Record<string, string>>,
    private readonly deadline: number,
    private readonly clock: () => Date,
    private readonly logger: Logger,
  ) {}

  /** Runs the units, `concurrency` at a time; the keys of those done. */
  async run(units: readonly Unit[], concurrency: number): Promise<Set<string>> {
    for (const unit of units) this.planned.add(unit.key);
    const order = [...units].sort((a, b) => (this.lastDone[a.key] ?? "").localeCompare(this.lastDone[b.key] ?? ""));
    const done = new Set<string>();
    await mapLimit(order, concurrency, async (unit) => {
      if (this.clock().getTime() >= this.deadline) {
        this.deferred.push(unit.key);
        return;
      }
      try {
        await unit.run();
        this.done[unit.key] = this.clock().toISOString();
        done.add(unit.key);
      } catch (error) {
        this.logger.error("sweep unit failed", { unit: unit.key, error: reasonOf(error) });
      }
    });
    return done;
  }

  /** When each unit planned this sweep was last done, for the next sweep's order. */
  times(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const key of this.planned) {
      const at = this.done[key] ?? this.lastDone[key];
      if (at !== undefined) out[key] = at;
    }
    return out;
  }
}
