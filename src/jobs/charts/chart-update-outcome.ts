import type { SyncOutcome } from "../sync/sync-app.ts";

/** What a chart-update job did: as an image update's, with the chart named by its chartKey. */
export interface ChartUpdateOutcome {
  app: string;
  chart: string;
  /** committed and pushed; unchanged (git has it); skipped (why in reason); held (a rollback, or a definition Sluice cannot write). */
  status: "committed" | "unchanged" | "skipped" | "held";
  reason?: string;
  from?: string;
  to?: string;
  commit?: string;
  /** The repo the commit went to: the app's own, or the app source that defines it. */
  repo?: string;
  sync?: SyncOutcome;
}
