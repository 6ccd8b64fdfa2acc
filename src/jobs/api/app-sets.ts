import type { AppDefinitionProblem } from "../../core/apps/app-definition-problem.ts";
import type { AppIndex } from "../../core/apps/app-index.ts";
import { appSetReport, type AppSetReport, type ReportRow } from "../status/app-set-report.ts";
import type { AppRow } from "./app-row.ts";

/** `GET /api/appsets` and `sluice status --json`: the per-app-set report and the definitions refused. */
export interface AppSetsBody {
  /** Sorted by name; apps no app set generated are under `(none)`. */
  appSets: AppSetReport[];
  problems: AppDefinitionProblem[];
}

/** The report over any rows: the dashboard's (read once per destination) or `sluice status`'s. */
export function appSetsBody(rows: readonly ReportRow[], index: AppIndex): AppSetsBody {
  return { appSets: appSetReport(rows, index), problems: [...index.problems] };
}

/** A dashboard row as the report reads it: a record that could not be read says why in its sync message. */
export const reportRowOf = (row: AppRow): ReportRow => ({
  app: row.name,
  cluster: row.cluster,
  sync: row.sync,
  health: row.health,
  ...(row.syncMessage ? { message: row.syncMessage } : {}),
});
