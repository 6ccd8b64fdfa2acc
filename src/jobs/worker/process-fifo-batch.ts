/** One message of an SQS FIFO batch. */
export interface FifoMessage {
  readonly id: string;
  readonly body: string;
  /** Messages without a group are each a group of their own. */
  readonly groupId?: string | undefined;
}

/**
 * Runs a FIFO batch the way SQS FIFO expects: one group's messages in order, different
 * groups side by side, so that bumps of several apps in one repo reach the committer
 * together and share a commit. When a message fails, the group's later messages are not
 * run and are failed with it (Powertools' `skipGroupOnError`), so no group ever runs out of
 * order. `laneOf` may split a group into lanes that each keep their order (jobLane: one app's
 * bumps within a branch's group). Resolves with the ids of the messages to deliver again.
 */
export async function processFifoBatch<M extends FifoMessage>(
  messages: readonly M[],
  handle: (message: M) => Promise<unknown>,
  laneOf: (message: M) => string | undefined = (message) => message.groupId,
): Promise<string[]> {
  const groups = new Map<string, M[]>();
  messages.forEach((message, i) => {
    const key = laneOf(message) ?? `\0${i}`;
    const group = groups.get(key);
    if (group) group.push(message);
    else groups.set(key, [message]);
  });
  const failed = new Set<string>();
  await Promise.all([...groups.values()].map(async (group) => {
    for (const [i, message] of group.entries()) {
      try {
        await handle(message);
      } catch {
        // The handler has reported why; what is left is to keep the group in order.
        for (const later of group.slice(i)) failed.add(later.id);
        return;
      }
    }
  }));
  return messages.filter((m) => failed.has(m.id)).map((m) => m.id);
}
