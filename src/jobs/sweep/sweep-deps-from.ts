import type { JobQueue } from "../../core/queue/job-queue.ts";
import type { WorkerDeps } from "../deps/worker-deps.ts";
import { SnapshotCache } from "../sync/snapshot-cache.ts";
import type { SweepDeps } from "./sweep-deps.ts";
import { MemorySweepStateStore } from "./sweep-state.ts";
import { sweptDestinationFor } from "./swept-destination-for.ts";

/** The sweep's dependencies from the worker's (git, registries, destinations) and a queue; once per process. */
export function sweepDepsFrom(worker: WorkerDeps, queue: JobQueue): SweepDeps {
  const { config, git, secrets, registries, destinationFor, logger, now } = worker;
  return { config, appIndex: worker.appIndex, ledger: worker.ledger, git, secrets, registries, queue, targetFor: sweptDestinationFor(destinationFor), localState: new MemorySweepStateStore(), snapshots: new SnapshotCache(), logger, now,
    notifications: worker.notifications, ...(worker.render.charts ? { charts: worker.render.charts } : {}) };
}
