import * as z from "zod";
import { secretRefSchema } from "./secret-ref.ts";

const secrets = z.array(secretRefSchema).min(1, "at least one secret: an endpoint without a secret is off, never open");

/** An endpoint that checks a signature or token: several secrets at once, so one can be rotated without downtime. */
const signedEndpointSchema = z.object({ secrets }).strict();

const registryEndpointSchema = z.object({
  secrets,
  /** The name users give this registry in image references, when it differs from the host the registry reports. */
  registryHost: z.string().min(1).optional(),
}).strict();

/** ECR events come from an EventBridge rule, not over HTTP: IAM, not a secret, says who may send them. */
const ecrEventsSchema = z.object({
  /** Accept events from these AWS accounts only; all accounts whose events reach the function when absent. */
  accounts: z.array(z.string().regex(/^\d{12}$/, "a 12-digit AWS account id")).min(1).optional(),
}).strict();

/** `webhooks:` in sluice.yaml: one entry per source; an absent entry is an endpoint that is off. */
export const webhooksConfigSchema = z.object({
  github: signedEndpointSchema.optional(),
  gitlab: signedEndpointSchema.optional(),
  gitea: signedEndpointSchema.optional(),
  bitbucket: signedEndpointSchema.optional(),
  distribution: registryEndpointSchema.optional(),
  harbor: registryEndpointSchema.optional(),
  dockerhub: signedEndpointSchema.optional(),
  quay: registryEndpointSchema.optional(),
  acr: registryEndpointSchema.optional(),
  generic: signedEndpointSchema.optional(),
  ecr: ecrEventsSchema.optional(),
}).strict().default({});

export type WebhooksConfig = z.infer<typeof webhooksConfigSchema>;

/** The sources that deliver over HTTP, each the key of its endpoint's settings. */
export type HttpWebhookName = Exclude<keyof WebhooksConfig, "ecr">;
