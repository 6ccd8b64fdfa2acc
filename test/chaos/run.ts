// `npm run chaos`: the full fault suite on a cluster of its own: 500 pushes for 50 apps while
// workers are SIGKILLed, then each other fault; prints the table and exits 1 on any loss or double.
import { dirname } from "node:path";
import { readFile } from "node:fs/promises";
import { startCluster } from "../harness/start-cluster.ts";
import { formatTable, runSuite } from "./suite.ts";

const cluster = await startCluster();
let failed = true;
try {
  const api = /server: (\S+)/.exec(await readFile(cluster.kubeconfig, "utf8"))?.[1] ?? "";
  const result = await runSuite({
    kubeconfig: cluster.kubeconfig,
    cluster: { dir: dirname(cluster.kubeconfig), api },
    apps: 50,
    workers: 4,
    visibilitySeconds: 30,
    maxReceiveCount: 5,
    killEvents: 500,
    events: 50,
    gitDownMs: 30_000,
    convergeTimeoutMs: 600_000,
    log: (line) => console.error(line),
  });
  console.log(formatTable(result.rows));
  console.log(`worker kills by point: ${JSON.stringify(result.kills)}`);
  console.log(`dead-letter queue: ${result.deadLetters.length} message(s), ${result.poison.length} poison injected`);
  for (const row of result.rows) for (const problem of row.problems.slice(0, 10)) console.log(`  ${row.fault}: ${problem}`);
  failed = result.rows.some((r) => r.lost > 0 || r.duplicated > 0 || r.convergeMs === undefined) || result.deadLetters.join("\n") !== result.poison.join("\n");
} finally {
  await cluster.stop();
}
process.exit(failed ? 1 : 0);
