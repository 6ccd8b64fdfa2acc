import * as z from "zod";

/** A reference to a secret held outside the configuration: never the value itself. */
export const secretRefSchema = z.union([
  z.object({ env: z.string().min(1) }).strict(),
  z.object({ file: z.string().min(1) }).strict(),
  z.object({ ssm: z.string().min(1) }).strict(),
  z.object({ secretsManager: z.string().min(1) }).strict(),
], { error: "a secret must be a reference: { env: NAME }, { file: PATH }, { ssm: NAME } or { secretsManager: ID }, never an inline value" });

export type SecretRef = z.infer<typeof secretRefSchema>;

/** Describes a reference without revealing anything it points to, for logs and errors. */
export function describeSecretRef(ref: SecretRef): string {
  if ("env" in ref) return `env:${ref.env}`;
  if ("file" in ref) return `file:${ref.file}`;
  if ("ssm" in ref) return `ssm:${ref.ssm}`;
  return `secretsManager:${ref.secretsManager}`;
}
