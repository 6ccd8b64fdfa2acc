import type { Job, QueuedJob } from "../../core/queue/job.ts";

/** What the sweep counts: requests by kind, the measure of what a sweep costs. */
export interface SweepCounts {
  recordLists: number;
  gitHeads: number;
  gitSnapshots: number;
  tagLists: number;
  liveLists: number;
}

/** What a sweep has found so far: jobs to queue, and apps it could not check, with why. */
export class SweepFindings {
  readonly jobs: QueuedJob[] = [];
  readonly queued: { kind: Job["kind"]; app: string; reason: string }[] = [];
  readonly counts: SweepCounts = { recordLists: 0, gitHeads: 0, gitSnapshots: 0, tagLists: 0, liveLists: 0 };
  private readonly reasons = new Map<string, string[]>();

  queue(job: QueuedJob, reason: string): void {
    this.jobs.push(job);
    this.queued.push({ kind: job.job.kind, app: job.job.app, reason });
  }

  unknown(app: string, reason: string): void {
    const list = this.reasons.get(app) ?? [];
    if (!list.includes(reason)) list.push(reason);
    this.reasons.set(app, list);
  }

  isUnknown(app: string): boolean {
    return this.reasons.has(app);
  }

  /** Each app that could not be checked, with its reasons joined. */
  unknownApps(): { app: string; reason: string }[] {
    return [...this.reasons].map(([app, reasons]) => ({ app, reason: reasons.join("; ") })).sort((a, b) => a.app.localeCompare(b.app));
  }
}
