import type { Context } from "aws-lambda";
import { buildSweepDeps } from "../src/runtime/wiring/worker-deps.ts";
import { planningDeadline } from "../src/jobs/sweep/planning-deadline.ts";
import { runSweep } from "../src/jobs/sweep/run-sweep.ts";
import { workerColdStart } from "./lib/worker-cold-start.ts";

const start = await workerColdStart();
const deps = buildSweepDeps(start.worker, start.queue);

/** On the schedule: find what no webhook reported and queue it, planning until shortly before the function's own timeout. */
export const handler = (_event: unknown, context?: Pick<Context, "getRemainingTimeInMillis">) => runSweep(deps, { deadline: planningDeadline(context?.getRemainingTimeInMillis()) });
