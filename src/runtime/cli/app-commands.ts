import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import type { AppConfig } from "../../core/config/app-config.ts";
import { loadConfig } from "../../core/config/load-config.ts";
import type { ResourceResult } from "../../engine/sync/sync-result.ts";
import { ensureKubeTools } from "../local/kube-tools.ts";
import { silentLogger } from "../../core/log/logger.ts";
import { structuredLogger } from "../../core/log/structured-logger.ts";
import { buildWorkerDeps } from "../wiring/worker-deps.ts";
import { readEnv } from "../wiring/read-env.ts";
import { statusCommand } from "./status-command.ts";
import { deleteApp } from "../../jobs/sync/delete-app.ts";
import { gitAuthFor } from "../../jobs/deps/git-auth-for.ts";
import { runJob } from "../../jobs/worker/run-job.ts";
import { renderForSync } from "../../jobs/sync/sync-render.ts";
import { phaseLine } from "../../jobs/status/record-notes.ts";
import type { WorkerDeps } from "../../jobs/deps/worker-deps.ts";
import { APP_COMMANDS } from "./app-commands-usage.ts";


type Out = (text: string) => void;


/** Runs `sluice status|sync|diff|delete`; undefined when the command is none of them. */
export async function runAppCommand(command: string, args: string[], out: Out): Promise<number | undefined> {
  if (command !== "diff") return appCommand(command, args, out);
  // As `kubectl diff`: 0 no differences, 1 differences, 2 an error (which must not read as differences).
  return appCommand(command, args, out).catch((error: unknown) => {
    process.stderr.write(`sluice diff: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  });
}

async function appCommand(command: string, args: string[], out: Out): Promise<number | undefined> {
  if (!APP_COMMANDS.has(command)) return undefined;
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      config: { type: "string" },
      cached: { type: "boolean", default: false },
      revision: { type: "string" },
      cascade: { type: "string" },
      verbose: { type: "boolean", default: false },
      json: { type: "boolean", default: false },
    },
  });
  const env = readEnv();
  const config = await loadConfig(values.config ?? env.SLUICE_CONFIG);
  const deps = await buildWorkerDeps({ config, env, logger: values.verbose ? structuredLogger() : silentLogger, secretSources: { env: process.env }, tools: await ensureKubeTools() });
  if (command === "status") return statusCommand(config, deps, { cached: values.cached, json: values.json }, out, (text) => process.stderr.write(text));
  const name = positionals[0];
  const app = config.apps.find((a) => a.name === name);
  if (!app) {
    out(`no app named ${name ?? "(none given)"}; apps: ${config.apps.map((a) => a.name).join(", ") || "(none)"}\n`);
    return 2;
  }
  if (command === "sync") return sync(app, values.revision, deps, out);
  if (command === "diff") return diff(app, deps, out);
  const cascade = values.cascade;
  if (cascade !== undefined && cascade !== "foreground" && cascade !== "background" && cascade !== "orphan") {
    out(`--cascade must be foreground, background or orphan\n`);
    return 2;
  }
  const results = await deleteApp(app, deps, cascade);
  for (const r of results) out(resultLine(r));
  out(`${app.name}: ${results.filter((r) => r.status === "pruned").length} deleted, ${results.filter((r) => r.status === "failed").length} failed\n`);
  return results.some((r) => r.status === "failed") ? 1 : 0;
}

async function sync(app: AppConfig, revision: string | undefined, deps: WorkerDeps, out: Out): Promise<number> {
  if (revision !== undefined && !/^[0-9a-f]{40}$/.test(revision)) {
    out("--revision takes a full 40-character commit id\n");
    return 2;
  }
  const outcome = await runJob({ kind: "sync", app: app.name, trigger: "manual", deliveryId: `cli-${randomUUID()}`, ...(revision ? { revision } : {}) }, deps);
  if (outcome.kind !== "sync") return 1;
  const { sync: result } = outcome;
  for (const r of result.resources) out(resultLine(r));
  for (const phase of result.phases ?? []) out(`  ${phaseLine(phase)}\n`);
  out(`${app.name} at ${result.revision.slice(0, 12)}: ${result.status}${result.health ? `, ${result.health.status}${result.health.message ? ` (${result.health.message})` : ""}` : ""}${result.message ? `\n  ${result.message}` : ""}\n`);
  return result.status === "failed" || result.health?.status === "Degraded" ? 1 : 0;
}

async function diff(app: AppConfig, deps: WorkerDeps, out: Out): Promise<number> {
  const workspace = await deps.git.checkout(app.source.repo, app.source.branch, await gitAuthFor(app.source.repo, deps));
  try {
    const destination = deps.destinationFor(app);
    const revision = await workspace.head();
    const manifests = await renderForSync(app, workspace.dir, revision, destination, deps.render);
    const record = await destination.readRecord(app.name);
    const { resources } = await destination.diff(app, manifests, record?.inventory ?? []);
    const changed = resources.filter((r) => r.status === "OutOfSync");
    for (const r of changed) {
      out(`=== ${r.ref.kind}/${r.ref.namespace ? `${r.ref.namespace}/` : ""}${r.ref.name} (${r.reason ?? "changed"})${r.message ? `: ${r.message}` : ""}\n`);
      out(r.diff);
    }
    out(`${app.name} at ${revision.slice(0, 12)}: ${changed.length} of ${resources.length} resources out of sync\n`);
    return changed.length > 0 ? 1 : 0;
  } finally {
    await workspace.dispose();
  }
}

function resultLine(r: ResourceResult): string {
  return `  ${r.status.padEnd(9)} ${r.kind}/${r.namespace ? `${r.namespace}/` : ""}${r.name}${r.message ? `: ${r.message}` : ""}\n`;
}
