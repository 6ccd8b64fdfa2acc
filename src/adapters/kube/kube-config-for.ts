import { KubeConfig } from "@kubernetes/client-node";
import type { AwsCredentialIdentityProvider } from "@smithy/types";
import type { SecretResolver } from "../secrets/secret-resolver.ts";
import type { ClusterConfig } from "../../core/config/cluster-config.ts";
import { eksToken } from "./eks-token.ts";
import { RefreshingToken } from "./refreshing-token.ts";
import { SLUICE_TOKEN_PROVIDER, tokenAuthenticator } from "./token-authenticator.ts";

/** Endpoint and CA of an EKS cluster (eks:DescribeCluster); injected at the edge. */
export type EksDescriber = (clusterName: string, region: string) => Promise<{ endpoint: string; caData: string }>;

export interface ClusterAccessDeps {
  secrets: SecretResolver;
  /** Region of the function, for EKS clusters that name none. */
  region: string;
  describeEks?: EksDescriber;
  awsCredentials?: AwsCredentialIdentityProvider;
  now?: () => Date;
}

/** Builds the client configuration for one cluster; tokens are fetched per request and refreshed before expiry. */
export async function kubeConfigFor(cluster: ClusterConfig, deps: ClusterAccessDeps): Promise<KubeConfig> {
  const kc = new KubeConfig();
  if ("kubeconfig" in cluster) {
    kc.loadFromFile(cluster.kubeconfig.path);
    if (cluster.kubeconfig.context) kc.setCurrentContext(cluster.kubeconfig.context);
    return kc;
  }
  let server: string;
  let caData: string | undefined;
  let token: RefreshingToken;
  if ("eks" in cluster) {
    const region = cluster.eks.region ?? deps.region;
    if (cluster.eks.endpoint && cluster.eks.caData) {
      ({ endpoint: server, caData } = { endpoint: cluster.eks.endpoint, caData: cluster.eks.caData });
    } else {
      if (!deps.describeEks) throw new Error(`cluster ${cluster.name}: give eks.endpoint and eks.caData, or run where eks:DescribeCluster is available`);
      ({ endpoint: server, caData } = await deps.describeEks(cluster.eks.clusterName, region));
    }
    const credentials = deps.awsCredentials;
    if (!credentials) throw new Error(`cluster ${cluster.name}: EKS needs AWS credentials`);
    token = new RefreshingToken(() => eksToken({ clusterName: cluster.eks.clusterName, region, credentials, ...(deps.now ? { now: deps.now } : {}) }), deps.now);
  } else {
    server = cluster.server;
    caData = cluster.caData;
    const ref = cluster.token;
    // A stored token does not expire on its own; re-read it hourly so a rotation is picked up.
    token = new RefreshingToken(async () => ({ token: await deps.secrets.resolve(ref), expiresAt: new Date(Date.now() + 65 * 60 * 1000) }), deps.now);
  }
  kc.loadFromOptions({
    clusters: [{ name: cluster.name, server, ...(caData ? { caData } : {}), skipTLSVerify: false }],
    users: [{ name: "sluice", authProvider: { name: SLUICE_TOKEN_PROVIDER, config: {} } }],
    contexts: [{ name: cluster.name, cluster: cluster.name, user: "sluice" }],
    currentContext: cluster.name,
  });
  kc.addAuthenticator(tokenAuthenticator(token));
  return kc;
}
