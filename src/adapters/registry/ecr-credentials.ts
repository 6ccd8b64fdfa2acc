import type { CredentialSource, RegistryCredentials } from "./registry-credentials.ts";
import { RegistryPermanentError, RegistryTransientError } from "./registry-errors.ts";

/** ECR's `GetAuthorizationToken` for one region, as the runtime provides it (its SDK client loads on first use). */
export type EcrTokenFetcher = (registryId: string | undefined) => Promise<{ readonly authorizationToken?: string | undefined; readonly expiresAt?: Date | undefined }>;

/** Renew this long before ECR says the token expires (tokens last 12 hours). */
const RENEW_EARLY_MS = 10 * 60 * 1000;
/** The endpoint ECR token failures are counted against: the ECR API, not the registry itself. */
const ECR_API = "ecr-api";

/**
 * ECR credentials from `GetAuthorizationToken`: a base64 `AWS:<password>` pair used as Basic
 * auth, kept until shortly before it expires. Throttling and service errors are transient;
 * a refusal (no permission, unknown registry) is permanent.
 */
export function ecrCredentials(fetchToken: EcrTokenFetcher, registryId: string | undefined, now: () => number): CredentialSource {
  let cached: { credentials: RegistryCredentials; renewAt: number } | undefined;
  return async () => {
    if (cached && now() < cached.renewAt) return cached.credentials;
    let data: Awaited<ReturnType<EcrTokenFetcher>>;
    try {
      data = await fetchToken(registryId);
    } catch (error) {
      const name = error instanceof Error ? error.name : "";
      const message = `ECR GetAuthorizationToken failed: ${error instanceof Error ? error.message : String(error)}`;
      if (/AccessDenied|InvalidParameter|Unrecognized|InvalidClientTokenId|ExpiredToken/i.test(name)) throw new RegistryPermanentError(message, { host: ECR_API, cause: error });
      throw new RegistryTransientError(message, { host: ECR_API, cause: error });
    }
    const decoded = data.authorizationToken ? Buffer.from(data.authorizationToken, "base64").toString("utf8") : "";
    const colon = decoded.indexOf(":");
    if (colon <= 0) throw new RegistryPermanentError("ECR GetAuthorizationToken returned no usable token", { host: ECR_API });
    const credentials: RegistryCredentials = { kind: "basic", username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
    const expires = data.expiresAt?.getTime() ?? now() + 60 * 60 * 1000;
    cached = { credentials, renewAt: Math.max(now(), expires - RENEW_EARLY_MS) };
    return credentials;
  };
}
