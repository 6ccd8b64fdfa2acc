import * as z from "zod";
import { secretRefSchema } from "./secret-ref.ts";

/** How Sluice signs in to one registry. The flow (token or basic) is whatever the registry's challenge asks for. */
const credentialsSchema = z.union([
  z.strictObject({
    username: z.string().min(1),
    password: secretRefSchema,
  }),
  z.strictObject({ bearer: secretRefSchema }),
  z.strictObject({
    ecr: z.strictObject({
      /** Defaults to the region in the host name (`<account>.dkr.ecr.<region>.amazonaws.com`). */
      region: z.string().min(1).optional(),
      registryId: z.string().regex(/^\d{12}$/).optional(),
    }),
  }),
], { error: "credentials must be { username, password }, { bearer } or { ecr: { region?, registryId? } }" });

/** One entry of the top-level `registries:` section. Registries not listed are used anonymously over HTTPS. */
export const registryConfigSchema = z.strictObject({
  /** As written in image names: `ghcr.io`, `docker.io`, `127.0.0.1:5000`. */
  host: z.string().min(1).regex(/^[a-z0-9.-]+(:\d+)?$/i, "a host name with an optional port, without a scheme"),
  /** The API's base URL when it is not `https://<host>` (Docker Hub's is found without it). */
  url: z.url({ protocol: /^https?$/ }).optional(),
  credentials: credentialsSchema.optional(),
  /** Requests per window this process may send, so a sweep cannot spend the registry's rate limit. */
  budget: z.strictObject({
    requests: z.number().int().positive(),
    perSeconds: z.number().positive(),
  }).default({ requests: 300, perSeconds: 60 }),
  /**
   * false: never call this registry's API (Sluice cannot reach it): policies see only the
   * pushed tag from the event, and digests come only from the event.
   */
  lookup: z.boolean().default(true),
  /** Tags per page of `tags/list`. */
  pageSize: z.number().int().min(1).max(10_000).default(1000),
});

export const registriesConfigSchema = z.array(registryConfigSchema).default([]).superRefine((registries, ctx) => {
  const seen = new Set<string>();
  registries.forEach((r, i) => {
    const host = r.host.toLowerCase();
    if (seen.has(host)) ctx.addIssue({ code: "custom", path: [i, "host"], message: `duplicate registry host "${r.host}"` });
    seen.add(host);
    if (r.credentials && "ecr" in r.credentials && !r.credentials.ecr.region && !ecrRegion(r.host)) {
      ctx.addIssue({ code: "custom", path: [i, "credentials", "ecr", "region"], message: "the host is not <account>.dkr.ecr.<region>.amazonaws.com; give the region" });
    }
  });
});

export type RegistryConfig = z.infer<typeof registryConfigSchema>;
export type RegistryCredentialsConfig = NonNullable<RegistryConfig["credentials"]>;

/** The region in an ECR host name, if it is one. */
export function ecrRegion(host: string): string | undefined {
  return /^\d{12}\.dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/.exec(host)?.[1];
}
