import * as z from "zod";

export const DEFAULT_COMMIT_MESSAGE = "[skip ci] sluice: {app} {image} {from} -> {to}";
export const DEFAULT_BATCH_SUBJECT = "[skip ci] sluice: {count} image updates";

/**
 * `git.commit`: how Sluice's commits read. `message` is one bump's line, with {app},
 * {image}, {from} and {to}; a commit of one bump uses it as its subject, a commit of
 * several uses `batchSubject` ({count}) and lists the lines in its body. A
 * `Sluice-Delivery: <id>` trailer per triggering delivery is always added.
 */
export const commitConfigSchema = z.strictObject({
  message: z.string().min(1).refine((t) => !t.includes("\n"), "one line").default(DEFAULT_COMMIT_MESSAGE),
  batchSubject: z.string().min(1).refine((t) => !t.includes("\n"), "one line").default(DEFAULT_BATCH_SUBJECT),
}).default({ message: DEFAULT_COMMIT_MESSAGE, batchSubject: DEFAULT_BATCH_SUBJECT });

export type CommitConfig = z.infer<typeof commitConfigSchema>;
