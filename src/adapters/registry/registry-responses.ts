import * as z from "zod";

// The registry's JSON answers, parsed at the boundary. Unknown fields are kept out, not refused:
// registries add their own (Docker Hub, Harbor, GHCR do).

/** `GET /v2/<name>/tags/list`: distribution answers `tags: null` for a repository with no tags left. */
export const tagListSchema = z.object({
  name: z.string(),
  tags: z.array(z.string()).nullable().optional(),
});

/** The body of an error answer: `{"errors":[{"code":"NAME_UNKNOWN","message":"…","detail":…}]}`. */
export const errorBodySchema = z.object({
  errors: z.array(z.object({ code: z.string().optional(), message: z.string().optional() })),
});

/** A token server's answer (Docker's token spec; `access_token` is the OAuth2 spelling). */
export const tokenResponseSchema = z.object({
  token: z.string().min(1).optional(),
  access_token: z.string().min(1).optional(),
  expires_in: z.number().positive().optional(),
}).refine((t) => t.token !== undefined || t.access_token !== undefined, { error: "the token server's answer holds no token" });

const descriptorSchema = z.object({
  mediaType: z.string().optional(),
  digest: z.string(),
  platform: z.object({ os: z.string().optional(), architecture: z.string().optional() }).optional(),
});

/** An image manifest (Docker v2 or OCI) or an index / manifest list. */
export const manifestSchema = z.union([
  z.object({ mediaType: z.string().optional(), config: descriptorSchema }),
  z.object({ mediaType: z.string().optional(), manifests: z.array(descriptorSchema) }),
]);

/** The image config blob: only its creation time matters here. */
export const imageConfigBlobSchema = z.object({ created: z.string().optional() });

export type Manifest = z.infer<typeof manifestSchema>;
