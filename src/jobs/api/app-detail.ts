import { parseInventoryKey } from "../../adapters/kube/object-ref.ts";
import type { HealthStatus } from "../../engine/health/health-status.ts";
import type { AppRecord, HistoryEntry } from "../../engine/record/app-record.ts";
import type { ApiDeps } from "./api-deps.ts";
import type { AppRow } from "./app-row.ts";
import { rowOf } from "./read-rows.ts";

export interface ResourceRow {
  key: string;
  kind: string;
  name: string;
  namespace?: string;
  health: HealthStatus;
  healthMessage?: string;
}

/** Something the user needs to act on, with its kind (Argo CD's condition types where they fit). */
export interface Condition {
  type: "OutOfSync" | "Unhealthy" | "SyncError" | "ComparisonError" | "InvalidSpecError" | "Hold";
  message: string;
}

export interface AppDetail extends AppRow {
  definedIn: string;
  source: { repo: string; branch: string; path: string };
  resources: ResourceRow[];
  history: HistoryEntry[];
  holds: number;
  heldImages: NonNullable<AppRecord["holds"]>;
  conditions: Condition[];
}

/** One app as its page shows it: the row, every resource with its live health, history, holds and conditions. */
export async function appDetail(name: string, deps: Pick<ApiDeps, "appIndex" | "destinationFor">): Promise<AppDetail | undefined> {
  const index = await deps.appIndex();
  const entry = index.get(name);
  if (!entry) return undefined;
  const destination = deps.destinationFor(entry.app);
  const conditions: Condition[] = index.problems.filter((p) => p.name === name).map((p) => ({ type: "InvalidSpecError", message: `${p.file}: ${p.path}: ${p.message}` }));
  let record: AppRecord | undefined;
  let resources: ResourceRow[] = [];
  try {
    record = await destination.readRecord(name);
    const inventory = record?.inventory ?? [];
    const report = inventory.length > 0 ? await destination.health(entry.app, inventory) : { resources: [] };
    const health = new Map(report.resources.map((r) => [r.key, r.health]));
    resources = inventory.map((key) => resourceRow(key, health.get(key)));
  } catch (error) {
    conditions.push({ type: "ComparisonError", message: `cannot read ${destination.name}: ${error instanceof Error ? error.message : String(error)}` });
  }
  const row = rowOf(entry, record);
  if (row.sync === "OutOfSync" && row.syncMessage) conditions.push({ type: "OutOfSync", message: row.syncMessage });
  if (row.health !== "Healthy" && row.healthMessage) conditions.push({ type: "Unhealthy", message: row.healthMessage });
  const last = record?.history[0];
  if (last?.result === "Failed") conditions.push({ type: "SyncError", message: last.message ?? `sync of ${last.revision.slice(0, 12)} failed` });
  for (const hold of record?.holds ?? []) conditions.push({ type: "Hold", message: hold.message });
  const { repo, branch, path } = entry.app.source;
  return { ...row, definedIn: entry.definedIn, source: { repo: withoutCredentials(repo), branch, path }, resources, history: record?.history ?? [], heldImages: record?.holds ?? [], conditions };
}

/** A repository URL as a page may show it: a user name or token written into it is left out. */
function withoutCredentials(repo: string): string {
  const url = new URL(repo);
  url.username = "";
  url.password = "";
  return url.href;
}

function resourceRow(key: string, health: { status: HealthStatus; message?: string } | undefined): ResourceRow {
  const ref = parseInventoryKey(key);
  return {
    key,
    kind: ref?.kind ?? "",
    name: ref?.name ?? key,
    ...(ref?.namespace ? { namespace: ref.namespace } : {}),
    health: health?.status ?? "Unknown",
    ...(health?.message ? { healthMessage: health.message } : {}),
  };
}
