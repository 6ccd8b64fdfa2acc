import { Sha256 } from "@aws-crypto/sha256-js";
import { SignatureV4 } from "@smithy/signature-v4";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";

/** EKS accepts a token for 15 minutes from its signing time; refresh well before. */
export const EKS_TOKEN_LIFETIME_MS = 15 * 60 * 1000;
const PRESIGN_EXPIRES_SECONDS = 60;

export interface EksToken {
  token: string;
  /** When EKS stops accepting it. */
  expiresAt: Date;
}

export interface EksTokenOptions {
  clusterName: string;
  region: string;
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  now?: () => Date;
}

/**
 * A bearer token for an EKS cluster, made as aws-iam-authenticator makes it: an STS
 * GetCallerIdentity request presigned with the cluster name in `x-k8s-aws-id`,
 * base64url-encoded behind `k8s-aws-v1.`. No AWS CLI, no network call to make it.
 */
export async function eksToken(options: EksTokenOptions): Promise<EksToken> {
  const now = options.now?.() ?? new Date();
  const hostname = `sts.${options.region}.amazonaws.com`;
  const signer = new SignatureV4({ service: "sts", region: options.region, credentials: options.credentials, sha256: Sha256 });
  const signed = await signer.presign({
    method: "GET",
    protocol: "https:",
    hostname,
    path: "/",
    query: { Action: "GetCallerIdentity", Version: "2011-06-15" },
    headers: { host: hostname, "x-k8s-aws-id": options.clusterName },
  }, { expiresIn: PRESIGN_EXPIRES_SECONDS, signingDate: now });
  const query = Object.entries(signed.query ?? {})
    .flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === "string").map((x) => `${encodeURIComponent(k)}=${encodeURIComponent(x)}`))
    .join("&");
  const url = `https://${hostname}/?${query}`;
  return { token: `k8s-aws-v1.${Buffer.from(url).toString("base64url")}`, expiresAt: new Date(now.getTime() + EKS_TOKEN_LIFETIME_MS) };
}
