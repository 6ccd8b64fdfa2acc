// One Sluice worker as a process the chaos suite can SIGKILL: the production wiring
// (buildWorkerDeps, the SQS worker loop), with its git and cluster ports wrapped by kill points.
//   node --import tsx test/chaos/worker-child.ts   (settings in the environment, see `settings`)
import { join } from "node:path";
import { readFile } from "node:fs/promises";
import { SQSClient } from "@aws-sdk/client-sqs";
import * as z from "zod";
import { parseConfig } from "../../src/core/config/load-config.ts";
import { structuredLogger } from "../../src/core/log/structured-logger.ts";
import { BranchCommitter } from "../../src/adapters/git/branch-committer.ts";
import { IsomorphicGitRemotes } from "../../src/adapters/git/isomorphic-git-remotes.ts";
import { SharedCheckouts } from "../../src/adapters/git/shared-checkouts.ts";
import { commitMessage } from "../../src/engine/writeback/commit-message.ts";
import { processJobMessage } from "../../src/jobs/worker/process-job-message.ts";
import { ensureKubeTools } from "../../src/runtime/local/kube-tools.ts";
import { sqsClientConfig } from "../../src/runtime/local/embedded-sqs.ts";
import { startWorkerLoop } from "../../src/runtime/local/worker-loop.ts";
import { readEnv } from "../../src/runtime/wiring/read-env.ts";
import { buildWorkerDeps } from "../../src/runtime/wiring/worker-deps.ts";
import { handling, KILL_POINTS, killer, killingDestination, killingRemotes } from "./kill-points.ts";

const settings = z.object({
  SLUICE_CONFIG: z.string().min(1),
  SLUICE_SQS_ENDPOINT: z.url(),
  SLUICE_QUEUE_URL: z.url(),
  SLUICE_WORK_DIR: z.string().min(1),
  SLUICE_VISIBILITY_SECONDS: z.coerce.number().int().positive(),
  CHAOS_KILL_AT: z.enum(KILL_POINTS).optional(),
  CHAOS_ODDS: z.coerce.number().min(0).max(1).default(0),
  CHAOS_MARKS_DIR: z.string().min(1),
}).parse(process.env);

const env = readEnv(process.env);
const config = parseConfig(await readFile(settings.SLUICE_CONFIG, "utf8"), settings.SLUICE_CONFIG);
const logger = structuredLogger();
const base = await buildWorkerDeps({ config, env, logger, secretSources: { env: process.env }, tools: await ensureKubeTools() });
const kill = killer(settings.CHAOS_KILL_AT, settings.CHAOS_ODDS, settings.CHAOS_MARKS_DIR);
const remotes = killingRemotes(new IsomorphicGitRemotes(join(settings.SLUICE_WORK_DIR, "sluice-work")), kill);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const worker = {
  ...base,
  git: new SharedCheckouts(remotes),
  commits: new BranchCommitter({ git: remotes, author: config.git.author, message: (applied) => commitMessage(config.git.commit, applied), maxPushAttempts: env.SLUICE_PUSH_ATTEMPTS, gatherMs: 25, sleep, logger }),
  destinationFor: (app: Parameters<typeof base.destinationFor>[0]) => killingDestination(base.destinationFor(app), kill),
};
const client = new SQSClient(sqsClientConfig(settings.SLUICE_SQS_ENDPOINT));
const handle = (body: string) => handling.run(body, async () => {
  const outcome = await processJobMessage(body, worker);
  kill.at("before-delete");
  return outcome;
});
const loop = startWorkerLoop(client, settings.SLUICE_QUEUE_URL, handle, logger, { visibilitySeconds: settings.SLUICE_VISIBILITY_SECONDS });
process.stderr.write(`chaos-worker ready, kill point ${settings.CHAOS_KILL_AT ?? "none"} at odds ${settings.CHAOS_ODDS}\n`);
process.once("SIGTERM", () => void loop.stop().finally(() => process.exit(0)));
