// `npm run bench -- <name>` runs bench/<name>/index.ts. Each benchmark measures Sluice
// and a named baseline in the same run and prints its headline last, with ratio=<Sluice/baseline>.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here, { withFileTypes: true }).filter((d) => d.isDirectory() && existsSync(join(here, d.name, "index.ts"))).map((d) => d.name);
const [name, ...args] = process.argv.slice(2);
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- <name> [args]\nbenchmarks: ${available.join(", ") || "(none yet)"}`);
  process.exit(2);
}
const result = spawnSync(process.execPath, ["--import", "tsx", join(here, name, "index.ts"), ...args], { stdio: "inherit" });
process.exit(result.status ?? 1);
