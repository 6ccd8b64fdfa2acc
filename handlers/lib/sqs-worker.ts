import type { SQSBatchResponse, SQSEvent } from "aws-lambda";
import { processFifoBatch } from "../../src/worker/process-fifo-batch.ts";
import { processJobMessage } from "../../src/worker/process-job-message.ts";
import type { WorkerDeps } from "../../src/worker/worker-deps.ts";

/**
 * SQS FIFO batches: apps side by side (their bumps share commits), each app's jobs in order,
 * per-message failures, and a failing app's later jobs held back, not others'.
 */
export function sqsWorker(deps: WorkerDeps) {
  return async (event: SQSEvent): Promise<SQSBatchResponse> => ({
    batchItemFailures: (await processFifoBatch(
      event.Records.map((r) => ({ id: r.messageId, body: r.body, groupId: r.attributes.MessageGroupId })),
      (message) => processJobMessage(message.body, deps),
    )).map((id) => ({ itemIdentifier: id })),
  });
}
