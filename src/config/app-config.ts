import { z } from "zod";
import { writeSpecSchema } from "../writeback/write-spec.ts";
import { secretRefSchema } from "./secret-ref.ts";

const name = z.string().regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, "must be a DNS label: lower-case letters, digits and '-', at most 63 characters");

const clusterSchema = z.object({
  name,
  kubeconfig: z.object({ path: z.string().min(1), context: z.string().min(1).optional() }).strict(),
}).strict();

const tagPolicySchema = z.object({
  semver: z.string().min(1),
  prerelease: z.boolean().default(false),
}).strict();

const imageSchema = z.object({
  repository: z.string().min(1),
  policy: tagPolicySchema,
  write: writeSpecSchema,
}).strict();

const renderSchema = z.union([
  z.object({
    helm: z.object({
      releaseName: z.string().min(1).optional(),
      valueFiles: z.array(z.string().min(1)).default([]),
      values: z.record(z.string(), z.unknown()).optional(),
    }).strict(),
  }).strict(),
  z.object({ kustomize: z.object({}).strict() }).strict(),
  z.object({ directory: z.object({ recurse: z.boolean().default(true) }).strict() }).strict(),
], { error: "render must be one of { helm: {...} }, { kustomize: {} } or { directory: {} }" });

const destinationSchema = z.union([
  z.object({ cluster: name, namespace: name }).strict(),
  z.object({ directory: z.string().min(1), namespace: name }).strict(),
], { error: "destination must be { cluster, namespace } or, to render without a cluster, { directory, namespace }" });

const appSchema = z.object({
  name,
  source: z.object({
    repo: z.url({ protocol: /^https?$/, error: "must be an http(s) URL of a git repository" }),
    branch: z.string().min(1).default("main"),
    path: z.string().min(1).default("."),
  }).strict(),
  render: renderSchema,
  destination: destinationSchema,
  images: z.array(imageSchema).default([]),
  syncPolicy: z.object({
    automated: z.boolean().default(true),
    prune: z.boolean().default(false),
    selfHeal: z.boolean().default(false),
    createNamespace: z.boolean().default(false),
  }).strict().default({ automated: true, prune: false, selfHeal: false, createNamespace: false }),
}).strict();

const webhookEndpointSchema = z.object({
  /** Accepted secrets; several at once so a secret can be rotated without downtime. */
  secrets: z.array(secretRefSchema).min(1, "at least one secret: an endpoint without a secret is off, never open"),
  /** The name users give this registry in image references, when it differs from the host the registry sees. */
  registryHost: z.string().min(1).optional(),
}).strict();

const gitCredentialSchema = z.object({
  urlPrefix: z.url(),
  username: z.string().min(1).default("git"),
  password: secretRefSchema,
}).strict();

export const configSchema = z.object({
  webhooks: z.object({
    distribution: webhookEndpointSchema.optional(),
  }).strict().default({}),
  clusters: z.array(clusterSchema).default([]),
  git: z.object({
    author: z.object({ name: z.string().min(1), email: z.string().min(3) }).strict()
      .default({ name: "sluice", email: "sluice@localhost" }),
    credentials: z.array(gitCredentialSchema).default([]),
  }).strict().default({ author: { name: "sluice", email: "sluice@localhost" }, credentials: [] }),
  limits: z.object({
    bodyBytes: z.number().int().positive().default(2 * 1024 * 1024),
  }).strict().default({ bodyBytes: 2 * 1024 * 1024 }),
  apps: z.array(appSchema).default([]),
}).strict().superRefine((config, ctx) => {
  const clusters = new Set(config.clusters.map((c) => c.name));
  const seen = new Set<string>();
  config.apps.forEach((app, i) => {
    if (seen.has(app.name)) ctx.addIssue({ code: "custom", path: ["apps", i, "name"], message: `duplicate app name "${app.name}"` });
    seen.add(app.name);
    if ("cluster" in app.destination && !clusters.has(app.destination.cluster)) {
      ctx.addIssue({ code: "custom", path: ["apps", i, "destination", "cluster"], message: `no cluster named "${app.destination.cluster}" under clusters` });
    }
  });
});

export type SluiceConfig = z.infer<typeof configSchema>;
export type AppConfig = SluiceConfig["apps"][number];
export type ImageConfig = AppConfig["images"][number];
export type ClusterConfig = SluiceConfig["clusters"][number];
