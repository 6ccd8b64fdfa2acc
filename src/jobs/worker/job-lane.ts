import { isBranchWriteGroup } from "../../core/queue/deduplication-id.ts";
import { jobSchema } from "../../core/queue/job.ts";
import type { FifoMessage } from "./process-fifo-batch.ts";

/**
 * The order a message must keep within its batch: its group's, except in a branch's write group,
 * where only one app's jobs keep their order and different apps' bumps run side by side, so the
 * committer gathers them into one commit. A body that is no job keeps its group's order (it fails).
 */
export function jobLane(message: FifoMessage): string | undefined {
  if (!isBranchWriteGroup(message.groupId)) return message.groupId;
  let body: unknown;
  try {
    body = JSON.parse(message.body);
  } catch (error) {
    if (error instanceof SyntaxError) return message.groupId;
    throw error;
  }
  const job = jobSchema.safeParse(body);
  return job.success ? `${message.groupId ?? ""}\n${job.data.app}` : message.groupId;
}
