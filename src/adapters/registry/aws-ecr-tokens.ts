import type { ECRClientConfig } from "@aws-sdk/client-ecr";
import type { EcrTokenFetcher } from "./ecr-credentials.ts";

/**
 * The real GetAuthorizationToken through `@aws-sdk/client-ecr`, one client per region. The
 * SDK loads on first use: most configurations have no ECR registry, and loading a client
 * costs cold-start time. `config` is for tests (a local endpoint, static credentials).
 */
export function awsEcrTokens(config: Omit<ECRClientConfig, "region"> = {}): (region: string) => EcrTokenFetcher {
  return (region) => {
    let send: Promise<EcrTokenFetcher> | undefined;
    return async (registryId) => {
      send ??= import("@aws-sdk/client-ecr").then(({ ECRClient, GetAuthorizationTokenCommand }) => {
        const client = new ECRClient({ ...config, region });
        return async (id) => (await client.send(new GetAuthorizationTokenCommand(id ? { registryIds: [id] } : {}))).authorizationData?.[0] ?? {};
      });
      return (await send)(registryId);
    };
  };
}
