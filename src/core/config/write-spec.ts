import * as z from "zod";
import { parseKeyPath } from "./parse-key-path.ts";

const file = z.string().min(1).describe("Path of the YAML file in the GitOps repository");
const documentIndex = z.number().int().min(0).optional().describe("Which document of a multi-document file (default 0)");

const keyPath = z
  .string()
  .min(1)
  .superRefine((text, ctx) => {
    try {
      parseKeyPath(text);
    } catch (error) {
      ctx.addIssue({ code: "custom", message: error instanceof Error ? error.message : String(error) });
    }
  });

/** Helm values: `{ file, tag: "image.tag", repository?: "image.repository", digest?: "image.digest" }`. */
export const helmWriteSpecSchema = z.strictObject({
  file,
  document: documentIndex,
  tag: keyPath.describe("Key path of the tag, e.g. image.tag"),
  repository: keyPath.optional().describe("Key path of the repository, kept equal to the image's repository"),
  digest: keyPath.optional().describe("Key path of the digest; written as the new digest, or emptied when none is known"),
});

/** A kustomization: `{ file, kustomize: { name } }` writes `newTag`, and `newName` / `digest` where present. */
export const kustomizeWriteSpecSchema = z.strictObject({
  file,
  document: documentIndex,
  kustomize: z.strictObject({ name: z.string().min(1).describe("The images[].name entry to update") }),
});

/** Plain manifests: every `containers[].image` and `initContainers[].image` of the image's repository, in every document. */
export const manifestWriteSpecSchema = z.strictObject({
  file,
  manifest: z.literal(true),
});

/** Setter comments: `# {"sluice": "<app>:<image>"}` or Flux's `# {"$imagepolicy": "<ns>:<policy>"}`, with optional `:tag`, `:name`, `:digest`. */
export const setterWriteSpecSchema = z.strictObject({
  file,
  setter: z
    .string()
    .regex(/^[^:\s"]+:[^:\s"]+$/, 'expected "<app>:<image>" or "<namespace>:<policy>"')
    .describe("The marker value to match, without a :tag/:name/:digest suffix"),
});

/** Where and how to write an image reference; embedded in the config as `apps[].images[].write`. */
export const writeSpecSchema = z.union(
  [helmWriteSpecSchema, kustomizeWriteSpecSchema, manifestWriteSpecSchema, setterWriteSpecSchema],
  {
    error: (issue) =>
      issue.code === "invalid_union"
        ? "expected exactly one write target: { file, tag, repository?, digest? } (Helm values), { file, kustomize: { name } }, { file, manifest: true } or { file, setter }"
        : undefined,
  },
);

export type HelmWriteSpec = z.infer<typeof helmWriteSpecSchema>;
export type KustomizeWriteSpec = z.infer<typeof kustomizeWriteSpecSchema>;
export type ManifestWriteSpec = z.infer<typeof manifestWriteSpecSchema>;
export type SetterWriteSpec = z.infer<typeof setterWriteSpecSchema>;
export type WriteSpec = z.infer<typeof writeSpecSchema>;
