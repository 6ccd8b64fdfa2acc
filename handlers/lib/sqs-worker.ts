import type { SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";
import { postponeOnRetryAfter } from "../../src/jobs/worker/postpone-on-retry-after.ts";
import { processFifoBatch } from "../../src/jobs/worker/process-fifo-batch.ts";
import { processJobMessage } from "../../src/jobs/worker/process-job-message.ts";
import { jobLane } from "../../src/jobs/worker/job-lane.ts";
import type { JobOutcome } from "../../src/jobs/worker/run-job.ts";
import type { WorkerDeps } from "../../src/jobs/deps/worker-deps.ts";
import { MetricUnit, type MetricsSink } from "./metrics.ts";

/**
 * SQS FIFO batches: apps side by side (their bumps share commits), each app's jobs in order,
 * per-message failures, and a failing app's later jobs held back, not others'. A job whose
 * error says `retry: { afterMs }` (a registry's or API's Retry-After) is not redelivered before then.
 */
export function sqsWorker(deps: WorkerDeps, env: Record<string, string | undefined> = process.env, metrics?: MetricsSink) {
  const counted = async (record: SQSRecord) => {
    const outcome = await processJobMessage(record.body, deps);
    metrics?.addMetric(outcomeMetric(outcome), MetricUnit.Count, 1);
    return outcome;
  };
  const run = postponeOnRetryAfter(counted, postponer(env), (error) => deps.logger.warn("could not postpone a message", { error: error instanceof Error ? error.message : String(error) }));
  return async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const failed = await processFifoBatch(
      event.Records.map((r) => ({ ...r, id: r.messageId, body: r.body, groupId: r.attributes.MessageGroupId })),
      run,
      jobLane,
    );
    if (metrics) {
      if (failed.length > 0) metrics.addMetric("JobsRetried", MetricUnit.Count, failed.length);
      metrics.publishStoredMetrics();
    }
    return { batchItemFailures: failed.map((id) => ({ itemIdentifier: id })) };
  };
}

/** One metric per finished job: what it did, or that it failed for good. */
function outcomeMetric(outcome: JobOutcome | undefined): string {
  if (!outcome) return "JobsFailedForGood";
  if (outcome.kind === "image-update") return outcome.status === "committed" ? "ImagesBumped" : "ImageJobsWithoutChange";
  return outcome.kind === "sync" && outcome.sync.status === "failed" ? "SyncsFailed" : "JobsSucceeded";
}

/** ChangeMessageVisibility for a record, with the SQS client loaded on first use: most batches never need it. */
function postponer(env: Record<string, string | undefined>): (record: SQSRecord, seconds: number) => Promise<void> {
  let client: Promise<(queueUrl: string, receipt: string, seconds: number) => Promise<void>> | undefined;
  return async (record, seconds) => {
    client ??= import("@aws-sdk/client-sqs").then(({ SQSClient, ChangeMessageVisibilityCommand }) => {
      const sqs = new SQSClient({ region: record.awsRegion, ...(env.SLUICE_SQS_ENDPOINT ? { endpoint: env.SLUICE_SQS_ENDPOINT } : {}) });
      return async (queueUrl, receipt, timeout) => void await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: queueUrl, ReceiptHandle: receipt, VisibilityTimeout: timeout }));
    });
    await (await client)(env.SLUICE_QUEUE_URL ?? queueUrlOf(record.eventSourceARN), record.receiptHandle, seconds);
  };
}

/** arn:aws:sqs:<region>:<account>:<name> → https://sqs.<region>.amazonaws.com/<account>/<name> */
function queueUrlOf(arn: string): string {
  const [, partition = "aws", , region = "", account = "", name = ""] = arn.split(":");
  return `https://sqs.${region}.amazonaws.com${partition === "aws-cn" ? ".cn" : ""}/${account}/${name}`;
}
