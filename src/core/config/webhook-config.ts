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

/** Bitbucket Server and Data Center: the server's URL names repositories when a payload has no clone links. */
const bitbucketServerSchema = z.object({ secrets, url: z.url().optional() }).strict();

/**
 * Google Artifact Registry through a Pub/Sub push subscription: no shared secret; the push's
 * OIDC token is checked against Google's keys, this audience and, when given, the
 * subscription's service account.
 */
const garEndpointSchema = z.object({
  audience: z.string().min(1),
  serviceAccountEmail: z.string().min(3).optional(),
  issuer: z.url().default("https://accounts.google.com"),
  jwksUrl: z.url().default("https://www.googleapis.com/oauth2/v3/certs"),
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
  bitbucketServer: bitbucketServerSchema.optional(),
  azureDevops: signedEndpointSchema.optional(),
  artifactory: registryEndpointSchema.optional(),
  gar: garEndpointSchema.optional(),
  ecr: ecrEventsSchema.optional(),
}).strict().default({});

export type WebhooksConfig = z.infer<typeof webhooksConfigSchema>;

/** The sources that deliver over HTTP, each the key of its endpoint's settings. */
export type HttpWebhookName = Exclude<keyof WebhooksConfig, "ecr">;
