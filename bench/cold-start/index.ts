// Cold start of the shipped functions: bundle sizes, and the time to import each packaged
// handler (its top-level cold start included) in a fresh Node process, against the same
// measurement of an empty handler (the floor). Median of RUNS processes each. Then the webhook
// function with its apps in git (bench/cold-start/app-sources.ts): cold import, first delivery
// (which reads the app index) and the next one, in a fresh process with an empty TMPDIR.
import { execFileSync } from "node:child_process";
import { mkdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { PACKAGE_ROOT, packageService } from "../../test/harness/serverless-package.ts";
import { firstDeliveries } from "./app-sources.ts";

const RUNS = Number(process.env["RUNS"] ?? 15);
const FUNCTIONS = { webhook: "webhook", ecrEvents: "ecr-events", worker: "worker", sweep: "sweep" } as const;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

function importMs(file: string, env: Record<string, string>): number {
  const script = `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); process.stdout.write(String(performance.now() - t));`;
  return Number(execFileSync(process.execPath, ["--input-type=module", "-e", script], { env: { ...process.env, ...env } }).toString());
}

const packaged = await packageService("examples/local/sluice.yaml", Object.keys(FUNCTIONS));
const floorDir = join(PACKAGE_ROOT, "floor");
mkdirSync(floorDir, { recursive: true });
const floor = join(floorDir, "empty.mjs");
writeFileSync(floor, "export const handler = async () => ({});\n");

const env = {
  SLUICE_CONFIG: join(packaged.unpacked("webhook"), "examples", "local", "sluice.yaml"),
  SLUICE_QUEUE_URL: "http://127.0.0.1:1/queue/sluice-jobs.fifo",
  AWS_REGION: "us-east-1",
  AWS_ACCESS_KEY_ID: "bench",
  AWS_SECRET_ACCESS_KEY: "bench",
  POWERTOOLS_LOG_LEVEL: "ERROR",
};
const floorMs = median(Array.from({ length: RUNS }, () => importMs(floor, {})));
console.log(`function    zip KB   bundle KB   import ms (median of ${RUNS})`);
const ratios: number[] = [];
for (const [fn, entry] of Object.entries(FUNCTIONS)) {
  const file = join(packaged.unpacked(fn), "handlers", `${entry}.mjs`);
  const ms = median(Array.from({ length: RUNS }, () => importMs(file, env)));
  ratios.push(ms / floorMs);
  console.log(`${fn.padEnd(10)} ${(statSync(join(packaged.dir, `${fn}.zip`)).size / 1024).toFixed(0).padStart(7)} ${(statSync(file).size / 1024).toFixed(0).padStart(10)} ${ms.toFixed(1).padStart(11)}`);
}
console.log(`empty handler (baseline) import ms: ${floorMs.toFixed(2)}`);
const sourcesRuns = Number(process.env["APP_SOURCE_RUNS"] ?? 5);
console.log(`\nwebhook with an app source and an app set over 100 branches (median of ${sourcesRuns} fresh processes, empty TMPDIR):`);
console.log("apps in index   import ms   first delivery ms (reads the index)   next delivery ms");
for (const row of await firstDeliveries(join(packaged.unpacked("webhook"), "handlers", "webhook.mjs"), sourcesRuns)) {
  console.log(`${String(row.apps).padStart(13)} ${row.importMs.toFixed(1).padStart(11)} ${row.firstMs.toFixed(1).padStart(37)} ${row.warmMs.toFixed(1).padStart(18)}`);
}
console.log(`cold-start webhook import ${(ratios[0] ?? NaN).toFixed(1)}x an empty handler; worst function ${Math.max(...ratios).toFixed(1)}x; ratio=${(ratios[0] ?? NaN).toFixed(2)}`);
