import { buildWorkerDeps } from "../src/runtime/worker-deps.ts";
import { awsSecretSources } from "./lib/aws-secret-sources.ts";
import { coldStart } from "./lib/cold-start.ts";
import { layerTools } from "./lib/lambda-tools.ts";
import { sqsWorker } from "./lib/sqs-worker.ts";

/** SQS FIFO batches of jobs: bump, commit, render, apply. */
export const handler = sqsWorker(buildWorkerDeps({ ...(await coldStart()), secretSources: awsSecretSources(), tools: layerTools() }));
