import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { ConfigError } from "../../core/config/config-error.ts";
import { APP_COMMANDS, APP_COMMANDS_USAGE } from "./app-commands-usage.ts";
import { HISTORY_COMMANDS, HISTORY_USAGE } from "./history-commands-usage.ts";
import { IMPORT_USAGE } from "./import-usage.ts";
import { prepareExample } from "../local/example.ts";
import { endpointUrls } from "../../jobs/intake/endpoint-urls.ts";
import { startLocal } from "../local/start-local.ts";
import { readEnv } from "../wiring/read-env.ts";
import { structuredLogger } from "../../core/log/structured-logger.ts";

const USAGE = `usage: sluice <command> [options]

commands:
  start [--config FILE] [--port N] [--state-dir DIR] [--git-port N] [--dashboard-port N]
        run Sluice on this machine: webhook server, embedded queue, worker, sweep.
        Without --config it runs the example in examples/local/.
  validate [FILE]
        check a configuration and list every problem with its path, then every app and
        app-set definition in its app sources (read from git): each refused file, its path
        and every problem. Exits 1 on any problem.
${APP_COMMANDS_USAGE}${HISTORY_USAGE}${IMPORT_USAGE}`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === "validate") {
    const { validateCommand } = await import("./validate-command.ts");
    return validateCommand(rest[0] ?? readEnv().SLUICE_CONFIG, (text) => process.stdout.write(text), (text) => process.stderr.write(text));
  }
  if (command === "start") return start(rest);
  if (command === "import") {
    const { importCommand } = await import("./import-command.ts");
    return importCommand(rest, (text) => process.stdout.write(text), (text) => process.stderr.write(text));
  }
  if (command !== undefined && HISTORY_COMMANDS.has(command)) {
    return (await import("./history-commands.ts")).runHistoryCommand(command, rest, (text) => process.stdout.write(text));
  }
  if (command !== undefined && APP_COMMANDS.has(command)) {
    const { runAppCommand } = await import("./app-commands.ts");
    return (await runAppCommand(command, rest, (text) => process.stdout.write(text))) ?? 2;
  }
  process.stderr.write(USAGE);
  return command === undefined || command === "help" || command === "--help" ? 0 : 2;
}

async function start(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      config: { type: "string" },
      port: { type: "string", default: process.env["SLUICE_PORT"] ?? "8787" },
      "state-dir": { type: "string", default: process.env["SLUICE_STATE_DIR"] ?? ".sluice" },
      "git-port": { type: "string", default: process.env["SLUICE_GIT_PORT"] ?? "8788" },
      "dashboard-port": { type: "string", default: process.env["SLUICE_DASHBOARD_PORT"] ?? "0" },
    },
  });
  const env = readEnv();
  const logger = structuredLogger();
  const port = Number(values.port);
  const stateDir = resolve(values["state-dir"]);
  const example = values.config ? undefined : await prepareExample(stateDir, `127.0.0.1:${values["git-port"]}`);
  const configPath = values.config ?? example?.configPath ?? "sluice.yaml";

  const local = await startLocal({
    configPath,
    env,
    processEnv: process.env,
    logger,
    port,
    ...(example ? { gitServer: { root: example.gitRoot, port: Number(values["git-port"]) } } : {}),
    sweepIntervalMs: 3 * 60 * 1000,
    stateDir,
    dashboardPort: Number(values["dashboard-port"]),
  });
  const lines = [
    `sluice ready: ${local.config.apps.length} app(s) from ${configPath}`,
    `  health: GET  ${local.webhookUrl}/healthz`,
    ...(local.dashboard ? [`  dashboard: ${local.dashboard.url}#token=${local.dashboard.token}  (reading needs no token; actions do)`] : []),
    ...endpointUrls(local.config, local.webhookUrl).map((e) => `  ${e.provider}: POST ${e.url}`),
  ];
  if (example) lines.push(`  chart repo: git clone http://127.0.0.1:${values["git-port"]}/charts.git`);
  if (example && example.name !== "local") {
    lines.push("", `Run the example from another shell with the same SLUICE_STATE_DIR, SLUICE_PORT and SLUICE_GIT_PORT: examples/${example.name}/run.sh`);
  } else if (example) {
    lines.push(
      `  rendered:   ${resolve(stateDir, "rendered/web-develop/manifests.yaml")}`,
      "",
      "Send a signed sample push (tag 1.1.0) and watch it land in the chart repo and the rendered manifests:",
      `  curl -sS -X POST ${local.webhookUrl}/hooks/registry/distribution \\`,
      `    -H "Authorization: Bearer $(cat ${example.tokenPath})" \\`,
      "    -H 'Content-Type: application/vnd.docker.distribution.events.v1+json' \\",
      `    --data-binary @${example.samplePushPath}`,
    );
  }
  process.stdout.write(`${lines.join("\n")}\n`);
  await new Promise<void>((resolveStop) => {
    const stop = () => void local.stop().then(resolveStop);
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  return 0;
}

main(process.argv.slice(2)).then((code) => process.exit(code), (error: unknown) => {
  // A person reads the error, not a stack trace; SLUICE_DEBUG=1 asks for the trace.
  const debug = process.env["SLUICE_DEBUG"] === "1" && !(error instanceof ConfigError);
  process.stderr.write(`${error instanceof Error ? (debug ? error.stack ?? error.message : error.message) : String(error)}\n`);
  process.exit(1);
});
