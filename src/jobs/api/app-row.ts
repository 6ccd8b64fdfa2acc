import type { HealthStatus } from "../../engine/health/health-status.ts";

/** One app's line in the dashboard's list: what it is, where it goes, and how it is. */
export interface AppRow {
  name: string;
  appSet?: string;
  /** Cluster name, or `folder <dir>` for a folder destination. */
  cluster: string;
  namespace: string;
  labels: Record<string, string>;
  sync: "Synced" | "OutOfSync" | "Unknown";
  syncMessage?: string;
  health: HealthStatus;
  healthMessage?: string;
  /** Applied revision; "" before the first sync. */
  revision: string;
  /** The subject and author of the applied revision's commit, when git gives them. */
  commit?: { subject: string; author: string };
  images: Record<string, string>;
  /** The newest history entry: when, why (trigger and delivery id) and how it went. */
  lastChange?: { at: string; trigger: string; deliveryId: string; result: "Succeeded" | "Failed" };
  holds: number;
  automated: boolean;
}
