import { processPartialResponse, SqsFifoPartialProcessorAsync } from "@aws-lambda-powertools/batch";
import type { Context, SQSEvent, SQSRecord } from "aws-lambda";
import { processJobMessage } from "../../src/worker/process-job-message.ts";
import type { WorkerDeps } from "../../src/worker/worker-deps.ts";

/** SQS FIFO batches: per-message failures, and a failing app's later jobs held back, not others'. */
export function sqsWorker(deps: WorkerDeps) {
  const processor = new SqsFifoPartialProcessorAsync();
  return (event: SQSEvent, context: Context) =>
    processPartialResponse(event, (record: SQSRecord) => processJobMessage(record.body, deps), processor, { context, skipGroupOnError: true });
}
