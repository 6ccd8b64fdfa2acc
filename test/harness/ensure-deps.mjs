// Installs npm dependencies when they are missing or older than the lockfile,
// so `npm start` and `npm test` work on a fresh clone with nothing run before.
import { execFileSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const lock = join(root, "package-lock.json");
const installed = join(root, "node_modules", ".package-lock.json");

const stale = !existsSync(installed) || statSync(installed).mtimeMs < statSync(lock).mtimeMs;
if (stale) {
  console.error("sluice: installing dependencies (npm ci)");
  execFileSync("npm", ["ci", "--no-fund", "--no-audit"], { cwd: root, stdio: "inherit" });
}
