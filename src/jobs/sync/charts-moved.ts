import type { AppConfig } from "../../core/config/app-config.ts";
import type { ChartSources } from "../../adapters/charts/chart-sources.ts";
import type { AppRecord } from "../../engine/record/app-record.ts";
import { appSourceDigest } from "./source-digest.ts";

/**
 * A Helm app already synced at this revision whose source digest moved since: a chart range now
 * picks a newer version, or a version was pushed again. Like Argo CD for a chart version, that is
 * a new source to apply under automated sync, not drift that only selfHeal would undo.
 */
export async function chartsMoved(app: AppConfig, dir: string, previous: AppRecord | undefined, charts: ChartSources | undefined): Promise<boolean> {
  // A manual app shows the move as OutOfSync through the diff, and waits for a person.
  if (!app.syncPolicy.automated || !("helm" in app.render) || previous?.source === undefined || !charts) return false;
  return (await appSourceDigest(app, dir, charts)) !== previous.source;
}
