// Installs npm dependencies when they are missing or older than the lockfile, so `npm start`
// and `npm test` work on a fresh clone with nothing run before. It runs as the scripts'
// pre-step, on whichever node the machine has; the scripts themselves then run on the Node
// of .nvmrc, the Lambda runtime's major: the optional dependency node-<os>-<arch> provides
// node_modules/.bin/node, which npm puts first on every script's PATH.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { arch, platform } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const lock = join(root, "package-lock.json");
const installed = join(root, "node_modules", ".package-lock.json");

const stale = !existsSync(installed) || statSync(installed).mtimeMs < statSync(lock).mtimeMs;
if (stale) {
  console.error(`sluice: installing dependencies (npm ci) with node ${process.version}`);
  execFileSync("npm", ["ci", "--no-fund", "--no-audit"], { cwd: root, stdio: "inherit" });
}

const wanted = readFileSync(join(root, ".nvmrc"), "utf8").trim();
const bundled = existsSync(join(root, "node_modules", ".bin", "node"));
if (!bundled && process.versions.node.split(".")[0] !== wanted) {
  console.error(`sluice: needs Node ${wanted} (.nvmrc), the Lambda runtime's major; this is ${process.version}, ` +
    `and npm has no node-${platform()}-${arch()} package for this machine: install Node ${wanted} and run again`);
  process.exit(1);
}
