import type { HealthStatus } from "../../engine/health/health-status.ts";

/** One app's line in `sluice status`. */
export interface StatusRow {
  /** Cluster name, or the folder of a folder destination. */
  cluster: string;
  app: string;
  /** Applied revision; "" before the first sync. */
  revision: string;
  sync: "Synced" | "OutOfSync" | "Unknown";
  health: HealthStatus;
  /** Time of the last sync in the record's history. */
  lastChange?: string;
  message?: string;
}
