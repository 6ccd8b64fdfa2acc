// The faults, each injected while registry pushes flow. Each resolves when the fault is over (the
// component is back); the suite then waits for convergence.
import type { KubeConfig } from "@kubernetes/client-node";
import { CoreV1Api } from "@kubernetes/client-node";
import { stopApiServer } from "../harness/apiserver-restart.ts";
import { KILL_POINTS } from "./kill-points.ts";
import type { Pushes } from "./pushes.ts";
import type { World } from "./world.ts";

export interface FaultContext {
  world: World;
  pushes: Pushes;
  kc: KubeConfig;
  cluster: { dir: string; api: string };
  /** Pushes per fault (the worker kills get `killEvents`). */
  events: number;
  killEvents: number;
  gitDownMs: number;
}

export interface Fault {
  name: string;
  inject(ctx: FaultContext): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const FAULTS: Fault[] = [
  {
    name: "workers SIGKILLed (checkout, after commit, after push, mid-apply, before delete)",
    async inject({ world, pushes, killEvents }) {
      world.workers.arm(0.5);
      await world.workers.recycle();
      await pushes.push(killEvents);
      // Until every point has killed a worker at least once, a few more pushes.
      for (let round = 0; round < 40 && KILL_POINTS.some((p) => world.workers.kills[p] === 0); round++) {
        await pushes.push(Math.max(2, Math.ceil(killEvents / 10)));
        await sleep(2000);
      }
      world.workers.arm(0);
    },
  },
  {
    name: "API server stopped mid-sync, started 10 s later",
    async inject({ pushes, events, kc, cluster }) {
      await pushes.push(events);
      await waitForOperation(kc);
      const stopped = await stopApiServer(cluster.dir, cluster.api);
      await sleep(10_000);
      await stopped.start();
    },
  },
  {
    name: "git server down during bumps",
    async inject({ world, pushes, events, gitDownMs }) {
      await pushes.push(events);
      await world.git.stop();
      await sleep(gitDownMs);
      await world.git.start();
    },
  },
  {
    name: "queue unreachable (webhook 503, the registry retries)",
    async inject({ world, pushes, events }) {
      const seen = world.notifications.exchanges.length;
      await world.queue.kill();
      await pushes.push(events);
      const refused = () => world.notifications.exchanges.slice(seen).filter((e) => e.status === 503).length;
      for (let i = 0; i < 100 && refused() < 2; i++) await sleep(200);
      if (refused() === 0) throw new Error("the webhook answered no 503 while the queue was down");
      await world.queue.start();
    },
  },
  {
    name: "registry answers 429 to every other request",
    async inject({ world, pushes, events }) {
      world.registryReads.flap(true);
      await pushes.push(events);
      await sleep(5000);
      if (world.registryReads.refused === 0) throw new Error("the registry proxy refused nothing: Sluice read no tags");
    },
  },
];

/** Waits until some app's record says a sync is running (the moment to pull the API server away). */
async function waitForOperation(kc: KubeConfig): Promise<void> {
  const core = kc.makeApiClient(CoreV1Api);
  for (let i = 0; i < 300; i++) {
    const list = await core.listNamespacedConfigMap({ namespace: "sluice-system" });
    if (list.items.some((c) => (c.data?.["record.json"] ?? "").includes('"operation"'))) return;
    await sleep(100);
  }
}
