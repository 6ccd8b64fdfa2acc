import { lambdaMetrics } from "./lib/metrics.ts";
import { sqsWorker } from "./lib/sqs-worker.ts";
import { workerColdStart } from "./lib/worker-cold-start.ts";

/** SQS FIFO batches of jobs: bump, commit, render, apply. */
export const handler = sqsWorker((await workerColdStart()).worker, process.env, lambdaMetrics("worker"));
