import * as z from "zod";
import { secretRefSchema } from "./secret-ref.ts";

/**
 * How Sluice signs in to one Helm repository (`index.yaml` over HTTP), for app charts and
 * Chart.yaml dependencies alike; the longest matching `urlPrefix` wins. Repositories not listed
 * are read anonymously. OCI charts use the `registries:` section instead.
 */
const helmRepositorySchema = z.strictObject({
  urlPrefix: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }),
  username: z.string().min(1).optional(),
  password: secretRefSchema.optional(),
  bearer: secretRefSchema.optional(),
}).superRefine((repo, ctx) => {
  const basic = repo.username !== undefined || repo.password !== undefined;
  if (basic && repo.bearer) ctx.addIssue({ code: "custom", path: ["bearer"], message: "give either username and password or bearer, not both" });
  if (repo.username !== undefined && repo.password === undefined) ctx.addIssue({ code: "custom", path: ["password"], message: "a username needs a password" });
  if (repo.password !== undefined && repo.username === undefined) ctx.addIssue({ code: "custom", path: ["username"], message: "a password needs a username" });
  if (!basic && !repo.bearer) ctx.addIssue({ code: "custom", path: [], message: "give username and password, or bearer" });
});

export const helmRepositoriesConfigSchema = z.array(helmRepositorySchema).default([]);

export type HelmRepositoryConfig = z.infer<typeof helmRepositorySchema>;
