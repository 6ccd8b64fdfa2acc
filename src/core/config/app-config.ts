import * as z from "zod";
import { clusterConfigSchema, destinationConfigSchema, syncPolicyConfigSchema } from "./sync-config.ts";
import { imageConfigSchema } from "./image-config.ts";
import { webhooksConfigSchema } from "./webhook-config.ts";
import { registriesConfigSchema } from "./registry-config.ts";
import { helmRepositoriesConfigSchema } from "./helm-repository-config.ts";
import { renderConfigSchema } from "./render-config.ts";
import { commitConfigSchema } from "./commit-config.ts";
import { writeBackConfigSchema } from "./write-back-config.ts";
import { dnsLabel } from "./dns-label.ts";
import { gitCredentialSchema } from "./git-credential-config.ts";
import { notificationsConfigSchema } from "./notifications-config.ts";
import { normalizeGitUrl } from "./normalize-git-url.ts";
import { healthConfigSchema } from "./health-config.ts";
import { appSourceConfigSchema } from "./app-source-config.ts";
import { appSetConfigSchema } from "./app-set-config.ts";

// The parts of sluice.yaml live beside the code that reads them; this file composes them.

/** One app: the schema of `apps[]`, of app sources' `apps:` and of app sets' rendered templates. */
export const appSchema = z.object({
  name: dnsLabel,
  source: z.object({
    repo: z.url({ protocol: /^https?$/, error: "must be an http(s) URL of a git repository" }),
    branch: z.string().min(1).default("main"),
    path: z.string().min(1).default("."),
    /** Extra globs (repo-relative) whose changes also sync the app, beside everything under `path`. */
    paths: z.array(z.string().min(1)).default([]),
    // repoKey: `repo` normalised as push events' repositoryKeys are, so matching compares strings.
  }).strict().transform((source) => ({ ...source, repoKey: normalizeGitUrl(source.repo) })),
  render: renderConfigSchema,
  destination: destinationConfigSchema,
  images: z.array(imageConfigSchema).default([]),
  writeBack: writeBackConfigSchema.default({}),
  syncPolicy: syncPolicyConfigSchema,
  /** Custom health checks for this app; they replace `health`'s for the same group and kind. */
  health: healthConfigSchema.optional(),
}).strict();


export const configSchema = z.object({
  webhooks: webhooksConfigSchema,
  clusters: z.array(clusterConfigSchema).default([]),
  git: z.object({
    author: z.object({ name: z.string().min(1), email: z.string().min(3) }).strict()
      .default({ name: "sluice", email: "sluice@localhost" }),
    credentials: z.array(gitCredentialSchema).default([]),
    commit: commitConfigSchema,
  }).strict().default({ author: { name: "sluice", email: "sluice@localhost" }, credentials: [], commit: commitConfigSchema.parse(undefined) }),
  registries: registriesConfigSchema,
  helmRepositories: helmRepositoriesConfigSchema,
  limits: z.object({
    bodyBytes: z.number().int().positive().default(2 * 1024 * 1024),
  }).strict().default({ bodyBytes: 2 * 1024 * 1024 }),
  apps: z.array(appSchema).default([]),
  /** Custom health checks (CEL, Argo CD Lua) for every app. */
  health: healthConfigSchema.optional(),
  appSources: z.array(appSourceConfigSchema).default([]),
  appSets: z.array(appSetConfigSchema).default([]),
  notifications: notificationsConfigSchema.optional(),
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
