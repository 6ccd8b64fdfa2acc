import type { JobQueue } from "../../core/queue/job-queue.ts";
import type { WorkerDeps } from "../../jobs/deps/worker-deps.ts";
import { apiHandler } from "../../jobs/api/handle-api.ts";
import { buildAssets } from "../dashboard/build-assets.ts";
import { startDashboardServer, type DashboardServer } from "./dashboard-server.ts";

/** The local dashboard over the worker's wiring and the runtime's queue, on 127.0.0.1:`port` (0: any free port). */
export async function startDashboard(worker: WorkerDeps, queue: JobQueue, port: number): Promise<DashboardServer> {
  const api = apiHandler({ ...worker, queue });
  return startDashboardServer(api, await buildAssets(), { port, logger: worker.logger });
}
