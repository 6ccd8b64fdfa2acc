import { buildWorkerDeps } from "../../src/runtime/wiring/worker-deps.ts";
import type { WorkerDeps } from "../../src/jobs/deps/worker-deps.ts";
import { awsClusterAccess } from "./aws-cluster-access.ts";
import { awsSecretSources } from "./aws-secret-sources.ts";
import { coldStart, type ColdStart } from "./cold-start.ts";
import { layerTools } from "./lambda-tools.ts";

/** The worker's and the sweep's dependencies in Lambda: secrets from AWS, tools from the layer, EKS access. */
export async function workerColdStart(): Promise<ColdStart & { worker: WorkerDeps }> {
  const start = await coldStart();
  const worker = await buildWorkerDeps({ ...start, secretSources: awsSecretSources(), tools: layerTools(), aws: awsClusterAccess() });
  return { ...start, worker };
}
