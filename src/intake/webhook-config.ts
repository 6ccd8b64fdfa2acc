import { z } from "zod";
import { secretRefSchema } from "../config/secret-ref.ts";

const webhookEndpointSchema = z.object({
  /** Accepted secrets; several at once so a secret can be rotated without downtime. */
  secrets: z.array(secretRefSchema).min(1, "at least one secret: an endpoint without a secret is off, never open"),
  /** The name users give this registry in image references, when it differs from the host the registry sees. */
  registryHost: z.string().min(1).optional(),
}).strict();

/** `webhooks:` in sluice.yaml: one entry per provider; an absent entry is an endpoint that is off. */
export const webhooksConfigSchema = z.object({
  distribution: webhookEndpointSchema.optional(),
}).strict().default({});

export type WebhooksConfig = z.infer<typeof webhooksConfigSchema>;
