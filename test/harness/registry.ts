// A real container registry (CNCF distribution, Debian's `docker-registry`) on
// 127.0.0.1, with its storage in a temp dir and push notifications optional.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { constants, createWriteStream, rmSync } from "node:fs";
import { access, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";

export const REGISTRY_SETUP_COMMAND = "bash test/harness/install-tools.sh";

export interface RegistryOptions {
  /** Where the registry POSTs its events; unset: notifications off. */
  notifyUrl?: string;
  /** Static Authorization header value sent with each notification. */
  authorization?: string;
  /** Events whose target has one of these media types are not sent (blob uploads are application/octet-stream). */
  ignoredMediaTypes?: string[];
  /** Events with these actions (push, pull, mount, delete) are not sent. */
  ignoredActions?: string[];
}

export interface Registry {
  /** http://127.0.0.1:PORT */
  url: string;
  /** 127.0.0.1:PORT, as used in image references */
  host: string;
  port: number;
  pid: number;
  logFile: string;
  /** Restarts the registry (same port and storage) with notifications on or off; `on` needs a notifyUrl. */
  setNotifications(on: boolean): Promise<void>;
  stop(): Promise<void>;
}

/** Running registries and their temp dirs. */
const live = new Map<ChildProcess, string>();
// Last resort against orphans when a test run ends without calling stop().
process.once("exit", () => {
  for (const [child, dir] of live) {
    child.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  }
});

export async function startRegistry(options: RegistryOptions = {}): Promise<Registry> {
  const binary = await findRegistryBinary();
  const dir = await mkdtemp(join(tmpdir(), "sluice-registry-"));
  const configFile = join(dir, "config.yml");
  const logFile = join(dir, "registry.log");
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  const secret = randomBytes(16).toString("hex");

  let child: ChildProcess | undefined;
  const launch = async (notify: boolean): Promise<void> => {
    // YAML is a superset of JSON: no quoting rules to get wrong for header values.
    await writeFile(configFile, JSON.stringify(registryConfig(options, join(dir, "data"), host, secret, notify), null, 2));
    child = await spawnRegistry(binary, configFile, logFile, `http://${host}`, dir);
  };
  const halt = async (): Promise<void> => {
    if (child) await stopProcess(child);
    child = undefined;
  };

  try {
    await launch(options.notifyUrl !== undefined);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }

  return {
    url: `http://${host}`,
    host,
    port,
    get pid() {
      return child?.pid ?? -1;
    },
    logFile,
    async setNotifications(on) {
      if (on && options.notifyUrl === undefined) throw new Error("setNotifications(true) needs startRegistry({ notifyUrl })");
      await halt();
      await launch(on);
    },
    async stop() {
      await halt();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function registryConfig(options: RegistryOptions, dataDir: string, host: string, secret: string, notify: boolean) {
  const config: Record<string, unknown> = {
    version: "0.1",
    log: { level: "info", fields: { service: "registry" } },
    storage: { filesystem: { rootdirectory: dataDir }, delete: { enabled: true } },
    http: { addr: host, secret, headers: { "X-Content-Type-Options": ["nosniff"] } },
  };
  if (notify && options.notifyUrl !== undefined) {
    config.notifications = {
      events: { includereferences: true },
      endpoints: [
        {
          name: "sluice",
          url: options.notifyUrl,
          headers: options.authorization === undefined ? {} : { Authorization: [options.authorization] },
          timeout: "2s",
          threshold: 5,
          backoff: "1s",
          ignoredmediatypes: options.ignoredMediaTypes ?? ["application/octet-stream"],
          ignore: { actions: options.ignoredActions ?? [] },
        },
      ],
    };
  }
  return config;
}

async function findRegistryBinary(): Promise<string> {
  for (const dir of (process.env.PATH ?? "").split(delimiter).filter(Boolean)) {
    const candidate = join(dir, "docker-registry");
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch (error) {
      if (!isCode(error, "ENOENT") && !isCode(error, "EACCES")) throw error;
    }
  }
  throw new Error(
    `docker-registry (Debian package docker-registry) is not installed; run: ${REGISTRY_SETUP_COMMAND} ` +
      "(or apt-get install docker-registry)",
  );
}

async function spawnRegistry(
  binary: string,
  configFile: string,
  logFile: string,
  url: string,
  dir: string,
): Promise<ChildProcess> {
  const log = createWriteStream(logFile, { flags: "a" });
  await new Promise<void>((resolve, reject) => {
    log.once("open", () => resolve());
    log.once("error", reject);
  });
  // REGISTRY_* variables would override the generated config.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("REGISTRY_")));
  const child = spawn(binary, ["serve", configFile], { env, stdio: ["ignore", log, log] });
  live.set(child, dir);
  const exited = new Promise<string>((resolve) => {
    child.once("error", (error) => resolve(`could not start ${binary}: ${error.message}`));
    child.once("exit", (code, signal) => {
      live.delete(child);
      resolve(`exited with ${signal ?? String(code)}`);
    });
  });
  log.close();

  const deadline = Date.now() + 15_000;
  let lastProblem = "no answer yet";
  while (Date.now() < deadline) {
    const outcome = await Promise.race([exited, sleep(100).then(() => undefined)]);
    if (outcome !== undefined) {
      throw new Error(`docker-registry ${outcome} during start-up\n${await tail(logFile)}`);
    }
    try {
      const res = await fetch(`${url}/v2/`, { signal: AbortSignal.timeout(1000) });
      await res.arrayBuffer();
      if (res.status === 200) return child;
      lastProblem = `GET /v2/ answered ${res.status}`;
    } catch (error) {
      lastProblem = error instanceof Error ? error.message : String(error);
    }
  }
  await stopProcess(child);
  throw new Error(`docker-registry did not become ready at ${url} in 15 s (${lastProblem})\n${await tail(logFile)}`);
}

/** SIGTERM, then SIGKILL after 5 s; resolves once the process has exited. */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
  await gone;
  clearTimeout(timer);
  live.delete(child);
}

/** A port that was free on 127.0.0.1 a moment ago. */
export async function freePort(): Promise<number> {
  const [port] = await freePorts(1);
  if (port === undefined) throw new Error("no free port");
  return port;
}

/** `count` distinct ports that were free on 127.0.0.1 a moment ago. */
export async function freePorts(count: number): Promise<number[]> {
  // Hold every socket until all are bound, so no port is handed out twice.
  const servers = [];
  try {
    for (let i = 0; i < count; i++) {
      const server = createServer();
      servers.push(server);
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(0, "127.0.0.1", () => resolve());
      });
    }
    return servers.map((server) => (server.address() as AddressInfo).port);
  } finally {
    await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
  }
}

async function tail(file: string, lines = 25): Promise<string> {
  try {
    const text = await readFile(file, "utf8");
    return `--- last lines of ${file} ---\n${text.trimEnd().split("\n").slice(-lines).join("\n")}`;
  } catch (error) {
    return `(no log at ${file}: ${error instanceof Error ? error.message : String(error)})`;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function isCode(error: unknown, code: string): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === code;
}
