import type { AwsCredentialIdentityProvider } from "@smithy/types";
import type { ClusterAccessDeps } from "../../src/adapters/kube/kube-config-for.ts";

/**
 * EKS access with the function's own role: DescribeCluster for endpoint and CA, its
 * credentials for tokens. The SDK pieces load on first use, so functions whose clusters
 * are not on EKS (or whose endpoint and CA are configured) never pay for them.
 */
export function awsClusterAccess(): Pick<ClusterAccessDeps, "describeEks" | "awsCredentials"> {
  let credentials: Promise<AwsCredentialIdentityProvider> | undefined;
  const clients = new Map<string, Promise<(name: string) => Promise<{ endpoint: string; caData: string }>>>();
  return {
    awsCredentials: async (options) => {
      credentials ??= import("@aws-sdk/credential-provider-node").then(({ defaultProvider }) => defaultProvider());
      return (await credentials)(options);
    },
    describeEks: async (name, region) => {
      let describe = clients.get(region);
      if (!describe) {
        describe = import("@aws-sdk/client-eks").then(({ EKSClient, DescribeClusterCommand }) => {
          const client = new EKSClient({ region });
          return async (cluster: string) => {
            const out = await client.send(new DescribeClusterCommand({ name: cluster }));
            if (!out.cluster?.endpoint || !out.cluster.certificateAuthority?.data) throw new Error(`eks:DescribeCluster ${cluster} returned no endpoint or CA`);
            return { endpoint: out.cluster.endpoint, caData: out.cluster.certificateAuthority.data };
          };
        });
        clients.set(region, describe);
      }
      return (await describe)(name);
    },
  };
}
