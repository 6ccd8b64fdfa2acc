import type { SluiceConfig } from "../../core/config/app-config.ts";
import type { WorkerDeps } from "../../jobs/deps/worker-deps.ts";
import { appSetsBody } from "../../jobs/api/app-sets.ts";
import { collectStatus } from "../../jobs/status/collect-status.ts";
import { formatStatus } from "../../jobs/status/format-status.ts";

type Out = (text: string) => void;

/**
 * `sluice status`: every app of the index (inline, from app sources, generated) with its record, grouped by
 * app set and cluster, and the definitions refused; `--json` prints what GET /api/appsets answers, from the
 * same function.
 */
export async function statusCommand(config: SluiceConfig, deps: WorkerDeps, options: { cached: boolean; json: boolean }, out: Out, err: Out): Promise<number> {
  const index = await deps.appIndex();
  const generated = await (deps.ledger?.list() ?? Promise.resolve([])).catch((error: unknown) => {
    err(`generated apps not listed (apps removed as idle show as never synced): ${error instanceof Error ? error.message : String(error)}\n`);
    return [];
  });
  const idle = new Map(generated.flatMap((e) => (e.idle?.removed ? [[e.app, e.idle.at] as const] : [])));
  const rows = await collectStatus(config, deps.destinationFor, { cached: options.cached, index, idle });
  out(options.json ? `${JSON.stringify(appSetsBody(rows, index), null, 2)}\n` : formatStatus(rows, index));
  return 0;
}
