import { SQSClient } from "@aws-sdk/client-sqs";
import type { SluiceConfig } from "../../src/core/config/app-config.ts";
import { loadConfig } from "../../src/core/config/load-config.ts";
import type { Logger } from "../../src/core/log/logger.ts";
import { structuredLogger } from "../../src/core/log/structured-logger.ts";
import type { JobQueue } from "../../src/core/queue/job-queue.ts";
import { SqsJobQueue } from "../../src/adapters/queue/sqs-job-queue.ts";
import { readEnv, type RuntimeEnv } from "../../src/runtime/wiring/read-env.ts";

export interface ColdStart {
  env: RuntimeEnv;
  config: SluiceConfig;
  logger: Logger;
  queue: JobQueue;
}

/** What every function reads once per cold start: settings, configuration, logger, queue. */
export async function coldStart(processEnv: Record<string, string | undefined> = process.env): Promise<ColdStart> {
  const env = readEnv(processEnv);
  if (!env.SLUICE_QUEUE_URL) throw new Error("SLUICE_QUEUE_URL is not set");
  const sqs = new SQSClient({ region: env.AWS_REGION, ...(env.SLUICE_SQS_ENDPOINT ? { endpoint: env.SLUICE_SQS_ENDPOINT } : {}) });
  return { env, config: await loadConfig(env.SLUICE_CONFIG), logger: structuredLogger(), queue: new SqsJobQueue(sqs, env.SLUICE_QUEUE_URL) };
}
