// npm run bench -- jsonnet
// A directory app of FILES .jsonnet files (each: an import from its folder and one from a library
// folder, a tla and an ext var, three ConfigMaps out), rendered by Sluice's renderApp with
// go-jsonnet's wasm (a warm process: the wasm compiled once), against the same go-jsonnet release
// built natively and run once per file, as a renderer without wasm would (infra/build-jsonnet.sh
// --native; Argo CD links the same library into its repo server). Rounds alternate who goes first.
// Last line: medians per app render and ratio=<Sluice/native> (lower is better).
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { configSchema } from "../../src/core/config/app-config.ts";
import { runCommand } from "../../src/adapters/render/command-runner.ts";
import { jsonnetArgs } from "../../src/adapters/render/jsonnet-args.ts";
import { renderApp } from "../../src/adapters/render/render-app.ts";

const execFileAsync = promisify(execFile);
const ROUNDS = Number(process.env["BENCH_ROUNDS"] ?? 10);
const FILES = Number(process.env["BENCH_FILES"] ?? 5);
const build = async (...args: string[]) => (await execFileAsync("bash", ["infra/build-jsonnet.sh", ...args])).stdout.trim().split("\n").at(-1) ?? "";
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function main(): Promise<void> {
  const [wasm, native] = [await build(), await build("--native")];
  const root = await mkdtemp(join(tmpdir(), "sluice-bench-jsonnet-"));
  const files: Record<string, string> = {
    "vendor/labels.libsonnet": "{ 'app.kubernetes.io/part-of': 'shop' }",
    "apps/web/cm.libsonnet": "{ cm(name, data, labels):: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: name, labels: labels }, data: data } }",
  };
  for (let i = 0; i < FILES; i++) {
    files[`apps/web/f${i}.jsonnet`] = `local c = import 'cm.libsonnet'; local l = import 'labels.libsonnet';\n` +
      `function(env) [c.cm('f${i}-' + env + '-' + n, { region: std.extVar('region'), n: std.toString(n) }, l) for n in std.range(1, 3)]`;
  }
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
  const jsonnet = { tlas: [{ name: "env", value: "prod" }], extVars: [{ name: "region", value: "eu-west-1" }], libs: ["vendor"] };
  const app = configSchema.parse({ apps: [{ name: "web", source: { repo: "https://git.invalid/x.git", path: "apps/web" }, render: { directory: { jsonnet } }, destination: { directory: "/unused", namespace: "shop" } }] }).apps[0];
  if (!app || !("directory" in app.render)) throw new Error("no app");
  const options = app.render.directory.jsonnet ?? { tlas: [], extVars: [], libs: [] };
  const tools = { helm: "unused", kubectl: "unused", run: runCommand, timeoutMs: 60_000, jsonnet: wasm };

  const sluice = async () => (await renderApp(app, root, tools)).length;
  const baseline = async () => {
    let n = 0;
    for (let i = 0; i < FILES; i++) n += (JSON.parse((await execFileAsync(native, jsonnetArgs(`apps/web/f${i}.jsonnet`, "apps/web", options), { cwd: root })).stdout) as unknown[]).length;
    return n;
  };
  const timed = async (f: () => Promise<number>) => {
    const t = performance.now();
    const n = await f();
    if (n !== FILES * 3) throw new Error(`rendered ${n} objects, expected ${FILES * 3}`);
    return performance.now() - t;
  };
  const first = await timed(sluice);
  await timed(baseline);
  const s: number[] = [], b: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    if (r % 2 === 0) { s.push(await timed(sluice)); b.push(await timed(baseline)); } else { b.push(await timed(baseline)); s.push(await timed(sluice)); }
  }
  await rm(root, { recursive: true, force: true });
  console.log(`first Sluice render in the process (wasm read and compiled): ${first.toFixed(0)} ms; rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
  console.log(`[sluice ${s.map((x) => x.toFixed(0)).join(",")}] [native ${b.map((x) => x.toFixed(0)).join(",")}]`);
  console.log(`jsonnet: ${FILES} files, ${ROUNDS} rounds: sluice=${median(s).toFixed(0)}ms native=${median(b).toFixed(0)}ms per app ratio=${(median(s) / median(b)).toFixed(2)}`);
}

await main();
