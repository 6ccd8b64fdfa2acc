import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { loadConfig } from "../../core/config/load-config.ts";
import { silentLogger } from "../../core/log/logger.ts";
import { historyRevision } from "../../jobs/rollback/history-revision.ts";
import { runJob } from "../../jobs/worker/run-job.ts";
import { ensureKubeTools } from "../local/kube-tools.ts";
import { buildWorkerDeps } from "../wiring/worker-deps.ts";
import { readEnv } from "../wiring/read-env.ts";

type Out = (text: string) => void;

/** Runs `sluice history|rollback`. */
export async function runHistoryCommand(command: string, args: string[], out: Out): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { config: { type: "string" }, to: { type: "string" } } });
  const env = readEnv();
  const config = await loadConfig(values.config ?? env.SLUICE_CONFIG);
  const inline = config.apps.find((a) => a.name === positionals[0]);
  const noApp = (names: readonly string[]) => {
    out(`no app named ${positionals[0] ?? "(none given)"}; apps: ${names.join(", ") || "(none)"}\n`);
    return 2;
  };
  // Apps from app sources and app sets are only known once git is read: then the index names them.
  if (!inline && config.appSources.length === 0 && config.appSets.length === 0) return noApp(config.apps.map((a) => a.name));
  const deps = await buildWorkerDeps({ config, env, logger: silentLogger, secretSources: { env: process.env }, tools: await ensureKubeTools() });
  const index = inline ? undefined : await deps.appIndex();
  const app = inline ?? index?.get(positionals[0] ?? "")?.app;
  if (!app) return noApp(index?.entries.map((e) => e.app.name) ?? []);
  const record = await deps.destinationFor(app).readRecord(app.name);
  if (command === "history") {
    out(`${"WHEN".padEnd(24)}  ${"REVISION".padEnd(12)}  ${"TRIGGER".padEnd(12)}  ${"RESULT".padEnd(9)}  DELIVERY\n`);
    for (const h of record?.history ?? []) {
      out(`${h.at.padEnd(24)}  ${h.revision.slice(0, 12)}  ${h.trigger.padEnd(12)}  ${h.result.padEnd(9)}  ${h.deliveryId}${h.message ? `\n    ${h.message}` : ""}\n`);
    }
    for (const hold of record?.holds ?? []) out(`hold: ${hold.message}\n`);
    if (!record) out(`${app.name} has never synced\n`);
    return 0;
  }
  if (!values.to) {
    out("rollback takes --to REV, a revision from `sluice history`\n");
    return 2;
  }
  const found = historyRevision(record, app.name, values.to);
  if ("error" in found) {
    out(`${found.error}\n`);
    return 2;
  }
  const outcome = await runJob({ kind: "rollback", app: app.name, revision: found.revision, deliveryId: `cli-${randomUUID()}` }, deps);
  if (outcome.kind !== "rollback") return 1;
  for (const m of outcome.moved) out(`  ${m.repository}: ${m.from} -> ${m.to} (held)\n`);
  out(`${app.name} rolled back to ${found.revision.slice(0, 12)}: ${outcome.status}${outcome.commit ? ` in ${outcome.commit.slice(0, 12)}` : ""}, sync ${outcome.sync.status}\n`);
  return outcome.sync.status === "failed" ? 1 : 0;
}
