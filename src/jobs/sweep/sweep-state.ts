import * as z from "zod";

/** An endpoint (git host, registry, cluster) that stopped answering, and when to try it again. */
export const endpointStateSchema = z.object({
  failures: z.number().int().positive(),
  retryAt: z.string(),
  reason: z.string(),
}).strict();

/**
 * What one sweep leaves for the next: when each task (a repo's head, an image's tags, a
 * cluster's kind) was last done, so a sweep cut short by its deadline starts next time with what
 * it did not reach; which endpoints are backed off; which apps could not be checked, and why.
 */
export const sweepStateSchema = z.preprocess(renameUnits, z.object({
  version: z.literal(1),
  /** When the sweep that wrote it ended. */
  at: z.string(),
  tasks: z.record(z.string(), z.string()),
  endpoints: z.record(z.string(), endpointStateSchema),
  /** App name → why the last sweep could not check it. */
  unknown: z.record(z.string(), z.string()),
}).strict());

/** State written before tasks were named so kept them under `units`; read it rather than lose the backoff. */
function renameUnits(value: unknown): unknown {
  if (typeof value !== "object" || value === null || !("units" in value) || "tasks" in value) return value;
  const { units, ...rest } = value;
  return { ...rest, tasks: units };
}

export type SweepState = z.infer<typeof sweepStateSchema>;
export type EndpointState = z.infer<typeof endpointStateSchema>;

export const emptySweepState = (): SweepState => ({ version: 1, at: new Date(0).toISOString(), tasks: {}, endpoints: {}, unknown: {} });

/** Where a sweep's state is kept between sweeps. */
export interface SweepStateStore {
  readonly name: string;
  read(): Promise<SweepState | undefined>;
  write(state: SweepState): Promise<void>;
}

/** State kept in the process: for apps rendered to folders, where `npm start` is the one process. */
export class MemorySweepStateStore implements SweepStateStore {
  readonly name = "memory";
  private state: SweepState | undefined;

  async read(): Promise<SweepState | undefined> {
    return this.state && structuredClone(this.state);
  }

  async write(state: SweepState): Promise<void> {
    this.state = structuredClone(state);
  }
}
