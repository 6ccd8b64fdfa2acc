// Keeps `count` worker processes running, as Lambda keeps starting workers: one that dies is
// replaced at once. While kills are wanted, each new process is given the kill point hit least so
// far, so every point is hit; `kills` counts the deaths by point.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, type WriteStream } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { KILL_POINTS, type KillPoint } from "./kill-points.ts";

const CHILD = join(dirname(fileURLToPath(import.meta.url)), "worker-child.ts");

export interface WorkerPool {
  /** Deaths at each point so far. */
  readonly kills: Record<KillPoint, number>;
  /** From now on new processes get kill points with these odds (0: none); running ones keep theirs. */
  arm(odds: number): void;
  /** Replaces every running process (they keep running jobs until SIGKILLed by the caller's test). */
  recycle(): Promise<void>;
  stop(): Promise<void>;
}

export function startWorkerPool(count: number, env: NodeJS.ProcessEnv, logFile: string): WorkerPool {
  const kills = Object.fromEntries(KILL_POINTS.map((p) => [p, 0])) as Record<KillPoint, number>;
  const log: WriteStream = createWriteStream(logFile, { flags: "a" });
  const running = new Set<ChildProcess>();
  let odds = 0;
  let stopping = false;
  const nextPoint = (): KillPoint | undefined => {
    if (odds === 0) return undefined;
    const taken = [...running].map((c) => pointOf.get(c));
    return [...KILL_POINTS].sort((a, b) => kills[a] + taken.filter((t) => t === a).length - (kills[b] + taken.filter((t) => t === b).length))[0];
  };
  const pointOf = new Map<ChildProcess, KillPoint | undefined>();
  const launch = () => {
    const point = nextPoint();
    const child = spawn(process.execPath, ["--import", "tsx", CHILD], {
      env: { ...env, ...(point ? { CHAOS_KILL_AT: point, CHAOS_ODDS: String(odds) } : {}) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    running.add(child);
    pointOf.set(child, point);
    child.stdout?.pipe(log, { end: false });
    let said = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      said = (said + chunk.toString()).slice(-2000);
      log.write(chunk);
    });
    let replaced = false;
    const replace = (delayMs: number) => {
      if (replaced) return;
      replaced = true;
      running.delete(child);
      pointOf.delete(child);
      if (!stopping) setTimeout(launch, delayMs);
    };
    child.once("exit", (_code, signal) => {
      const died = /chaos-kill (\S+)/.exec(said)?.[1];
      const hit = KILL_POINTS.find((p) => p === died);
      if (signal === "SIGKILL" && hit) kills[hit] += 1;
      replace(0);
    });
    // A process that could not start (node_modules being reinstalled beside us, say) is tried again.
    child.once("error", (error) => {
      log.write(`chaos-worker could not start: ${error.message}\n`);
      replace(1000);
    });
  };
  for (let i = 0; i < count; i++) launch();
  const killAll = async (signal: NodeJS.Signals) => {
    const exits = [...running].map((child) => new Promise((resolve) => child.once("exit", resolve)));
    for (const child of running) child.kill(signal);
    await Promise.all(exits);
  };
  return {
    kills,
    arm: (value) => void (odds = value),
    recycle: () => killAll("SIGKILL"),
    async stop() {
      stopping = true;
      await killAll("SIGTERM");
      log.end();
    },
  };
}
