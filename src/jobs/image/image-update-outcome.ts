import type { SyncOutcome } from "../sync/sync-app.ts";

/** What an image update job did: its own file, so the job and the proposal path both import it down. */
export interface ImageUpdateOutcome {
  app: string;
  /** committed and pushed; unchanged (git has it); skipped (why in reason); held (a human's rollback); proposed (a pull request). */
  status: "committed" | "unchanged" | "skipped" | "held" | "proposed";
  reason?: string;
  from?: string;
  to?: string;
  commit?: string;
  /** The pull or merge request's URL, for apps that propose bumps. */
  pullRequest?: string;
  sync?: SyncOutcome;
}
