import type { JobQueue } from "../../core/queue/job-queue.ts";
import type { WorkerDeps } from "../deps/worker-deps.ts";

/** What the dashboard's API reads and acts through: the worker's wiring (apps, records, git, render) and the queue. */
export type ApiDeps = Pick<WorkerDeps, "config" | "appIndex" | "destinationFor" | "git" | "secrets" | "render" | "logger" | "now"> & {
  readonly queue: JobQueue;
};
