import type { AppConfig } from "../../core/config/app-config.ts";
import type { IndexedApp } from "../../core/apps/app-index.ts";
import type { Destination } from "../../engine/destination/destination.ts";
import type { AppRecord } from "../../engine/record/app-record.ts";
import type { ApiDeps } from "./api-deps.ts";
import type { AppRow } from "./app-row.ts";
import { commitOf, type CommitCache } from "./commit-subjects.ts";

export const clusterOf = (app: AppConfig): string => ("cluster" in app.destination ? app.destination.cluster : `folder ${app.destination.directory}`);

/**
 * Every indexed app's row, from one listing of records per destination (a LIST of ConfigMaps per
 * cluster, not a GET per app): what keeps 5,000 apps one request per cluster. A destination that
 * cannot be read gives its apps Unknown with the reason, never a failed page.
 */
export async function readRows(
  deps: Pick<ApiDeps, "appIndex" | "destinationFor"> & Partial<Pick<ApiDeps, "git" | "config" | "secrets">>,
  commits?: CommitCache,
): Promise<AppRow[]> {
  const index = await deps.appIndex();
  const byDestination = new Map<Destination, IndexedApp[]>();
  for (const entry of index.entries) {
    const destination = deps.destinationFor(entry.app);
    byDestination.set(destination, [...(byDestination.get(destination) ?? []), entry]);
  }
  const rows: AppRow[] = [];
  await Promise.all([...byDestination].map(async ([destination, entries]) => {
    let records: Map<string, AppRecord>;
    try {
      records = new Map((await destination.listRecords()).map((r) => [r.app, r]));
    } catch (error) {
      const reason = `cannot read records: ${error instanceof Error ? error.message : String(error)}`;
      for (const entry of entries) rows.push({ ...base(entry), sync: "Unknown", syncMessage: reason, health: "Unknown", revision: "", images: {}, holds: 0 });
      return;
    }
    await Promise.all(entries.map(async (entry) => {
      const row = rowOf(entry, records.get(entry.app.name));
      if (commits && deps.git && deps.config && deps.secrets && row.revision) {
        const info = await commitOf(entry.app, row.revision, { git: deps.git, config: deps.config, secrets: deps.secrets }, commits);
        if (info) row.commit = { subject: info.subject, author: info.author };
      }
      rows.push(row);
    }));
  }));
  return rows.sort((a, b) => a.cluster.localeCompare(b.cluster) || a.name.localeCompare(b.name));
}

const base = (entry: IndexedApp) => ({
  name: entry.app.name,
  ...(entry.appSet ? { appSet: entry.appSet } : {}),
  cluster: clusterOf(entry.app),
  namespace: entry.app.destination.namespace,
  labels: { ...entry.labels },
  automated: entry.app.syncPolicy.automated,
});

/** A row from the app and its record; an app never synced is OutOfSync and Missing, as in `sluice status`. */
export function rowOf(entry: IndexedApp, record: AppRecord | undefined): AppRow {
  if (!record) return { ...base(entry), sync: "OutOfSync", syncMessage: "never synced", health: "Missing", revision: "", images: {}, holds: 0 };
  const last = record.history[0];
  return {
    ...base(entry),
    sync: record.sync.status,
    ...(record.sync.message ? { syncMessage: record.sync.message } : {}),
    health: record.health.status,
    ...(record.health.message ? { healthMessage: record.health.message } : {}),
    revision: record.revision,
    images: record.images,
    ...(last ? { lastChange: { at: last.at, trigger: last.trigger, deliveryId: last.deliveryId, result: last.result } } : {}),
    holds: record.holds?.length ?? 0,
  };
}
