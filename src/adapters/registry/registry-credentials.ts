/** What the registry client signs in with, resolved when first needed. */
export type RegistryCredentials =
  | { readonly kind: "anonymous" }
  /** Sent as Basic auth to a registry that asks for Basic, or to the token server of one that asks for Bearer. */
  | { readonly kind: "basic"; readonly username: string; readonly password: string }
  /** A static token sent as `Authorization: Bearer` on every request. */
  | { readonly kind: "bearer"; readonly token: string };

/** Gives the credentials for one registry; sources that expire (ECR) refresh themselves. */
export type CredentialSource = () => Promise<RegistryCredentials>;

export const anonymous: CredentialSource = () => Promise.resolve({ kind: "anonymous" });
