import { buildSweepDeps } from "../src/runtime/worker-deps.ts";
import { runSweep } from "../src/sweep/run-sweep.ts";
import { workerColdStart } from "./lib/worker-cold-start.ts";

const start = await workerColdStart();
const deps = buildSweepDeps(start.worker, start.queue);

/** Every three minutes: find what no webhook reported. */
export const handler = () => runSweep(deps);
