import type { HealthStatus } from "../../engine/health/health-status.ts";

/** One app's line in `sluice status`. */
export interface StatusRow {
  /** Cluster name, or the folder of a folder destination. */
  cluster: string;
  app: string;
  /** Applied revision; "" before the first sync. */
  revision: string;
  /** Syncing: a sync began and has not finished (or was cut off), as Argo CD's operation Running. */
  sync: "Synced" | "OutOfSync" | "Unknown" | "Syncing";
  health: HealthStatus;
  /** Time of the last sync in the record's history. */
  lastChange?: string;
  message?: string;
}
