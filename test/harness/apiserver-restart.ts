// Stops the test cluster's kube-apiserver (the PID k8s.sh recorded) and starts it again with the
// same command line, log and PID file, so k8s.sh stop still finds it.
import { spawn } from "node:child_process";
import { openSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

export interface StoppedApiServer {
  /** Starts the same command again and resolves once /readyz answers. */
  start(): Promise<void>;
}

/** SIGTERM (SIGKILL after 20 s) to the API server of the cluster in `clusterDir`; resolves once it has exited. */
export async function stopApiServer(clusterDir: string, apiUrl: string): Promise<StoppedApiServer> {
  const pidFile = join(clusterDir, "apiserver.pid");
  const pid = Number((await readFile(pidFile, "utf8")).trim());
  const argv = (await readFile(`/proc/${pid}/cmdline`, "utf8")).split("\0").filter(Boolean);
  const [command, ...args] = argv;
  if (command === undefined) throw new Error(`no command line for kube-apiserver PID ${pid}`);
  process.kill(pid, "SIGTERM");
  // Its graceful shutdown waits for requests in flight; on a loaded machine that can take a minute.
  const gone = await until(`kube-apiserver PID ${pid} to exit`, async () => !(await alive(pid)), 20_000).then(() => true, () => false);
  if (!gone) {
    process.kill(pid, "SIGKILL");
    await until(`kube-apiserver PID ${pid} to exit after SIGKILL`, async () => !(await alive(pid)), 30_000);
  }
  return {
    async start() {
      const log = openSync(join(clusterDir, "apiserver.log"), "a");
      const child = spawn(command, args, { detached: true, stdio: ["ignore", log, log] });
      child.unref();
      await writeFile(pidFile, `${child.pid ?? ""}\n`);
      await until("kube-apiserver /readyz", () => ready(apiUrl), 90_000);
    },
  };
}

// A zombie (k8s.sh's shell is gone, and PID 1 of a container may not reap) has exited too.
async function alive(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => "");
  const state = /\) (\S)/.exec(stat)?.[1];
  return state !== undefined && state !== "Z";
}

// /readyz is readable without credentials (system:public-info-viewer); the CA is the test's own.
async function ready(apiUrl: string): Promise<boolean> {
  const { request } = await import("node:https");
  return new Promise((resolve) => {
    const req = request(`${apiUrl}/readyz`, { rejectUnauthorized: false, timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on("error", () => resolve(false));
    req.end();
  });
}

async function until(what: string, probe: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
