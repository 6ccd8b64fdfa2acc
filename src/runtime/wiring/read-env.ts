import { tmpdir } from "node:os";
import * as z from "zod";
import { ConfigError } from "../../core/config/config-error.ts";

const envSchema = z.object({
  SLUICE_CONFIG: z.string().min(1).default("sluice.yaml"),
  SLUICE_QUEUE_URL: z.url().optional(),
  SLUICE_SQS_ENDPOINT: z.url().optional(),
  AWS_REGION: z.string().min(1).default("us-east-1"),
  SLUICE_WORK_DIR: z.string().min(1).default(tmpdir()),
  SLUICE_RENDER_TIMEOUT_MS: z.coerce.number().int().positive().default(60_000),
  SLUICE_PUSH_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
});

export type RuntimeEnv = z.infer<typeof envSchema>;

/** Reads Sluice's settings from the environment (a parameter, so tests pass their own); lists every problem. */
export function readEnv(env: Record<string, string | undefined> = process.env): RuntimeEnv {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    throw new ConfigError("environment", result.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })));
  }
  return result.data;
}
