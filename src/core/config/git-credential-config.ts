import * as z from "zod";
import { secretRefSchema } from "./secret-ref.ts";

const numericId = z.union([z.number().int().positive(), z.string().regex(/^\d+$/, "a numeric id")]).transform(String);

/** A GitHub App installation: Sluice gets its short-lived tokens with the app's private key and renews them. */
export const githubAppSchema = z
  .object({
    appId: numericId,
    installationId: numericId,
    privateKey: secretRefSchema,
    apiUrl: z.url().default("https://api.github.com"),
  })
  .strict();

/**
 * `git.credentials[]`: for repositories under `urlPrefix`, a user name and password (a token,
 * a GitLab deploy or project access token), or a GitHub App installation whose short-lived
 * tokens Sluice gets and renews itself, as Argo CD and Flux accept.
 */
export const gitCredentialSchema = z.union(
  [
    z
      .object({
        urlPrefix: z.url(),
        username: z.string().min(1).default("git"),
        password: secretRefSchema,
      })
      .strict(),
    z
      .object({
        urlPrefix: z.url(),
        githubApp: githubAppSchema,
      })
      .strict(),
  ],
  {
    error:
      "a git credential is { urlPrefix, username, password } or { urlPrefix, githubApp: { appId, installationId, privateKey } }",
  },
);

export type GitCredentialConfig = z.infer<typeof gitCredentialSchema>;
