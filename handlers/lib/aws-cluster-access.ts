import { DescribeClusterCommand, EKSClient } from "@aws-sdk/client-eks";
import { defaultProvider } from "@aws-sdk/credential-provider-node";
import type { ClusterAccessDeps } from "../../src/clusters/kube-config-for.ts";

/** EKS access with the function's own role: DescribeCluster for endpoint and CA, its credentials for tokens. */
export function awsClusterAccess(): Pick<ClusterAccessDeps, "describeEks" | "awsCredentials"> {
  const clients = new Map<string, EKSClient>();
  return {
    awsCredentials: defaultProvider(),
    describeEks: async (name, region) => {
      let client = clients.get(region);
      if (!client) clients.set(region, client = new EKSClient({ region }));
      const { cluster } = await client.send(new DescribeClusterCommand({ name }));
      if (!cluster?.endpoint || !cluster.certificateAuthority?.data) throw new Error(`eks:DescribeCluster ${name} returned no endpoint or CA`);
      return { endpoint: cluster.endpoint, caData: cluster.certificateAuthority.data };
    },
  };
}
