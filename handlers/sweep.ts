import { buildSweepDeps, buildWorkerDeps } from "../src/runtime/worker-deps.ts";
import { runSweep } from "../src/sweep/run-sweep.ts";
import { awsSecretSources } from "./lib/aws-secret-sources.ts";
import { coldStart } from "./lib/cold-start.ts";
import { layerTools } from "./lib/lambda-tools.ts";

const start = await coldStart();
const deps = buildSweepDeps(buildWorkerDeps({ ...start, secretSources: awsSecretSources(), tools: layerTools() }), start.queue);

/** Every three minutes: find what no webhook reported. */
export const handler = () => runSweep(deps);
