import type { SecretSources } from "../../src/adapters/secrets/secret-resolver.ts";

/**
 * Secret sources in AWS: environment, SSM Parameter Store (decrypted) and Secrets Manager.
 * Each store's client is loaded on its first use: most configurations use one store or
 * none, and loading an SDK client costs more cold-start time than the rest of the webhook.
 */
export function awsSecretSources(env: Record<string, string | undefined> = process.env): SecretSources {
  let ssm: Promise<(name: string) => Promise<string | undefined>> | undefined;
  let secretsManager: Promise<(id: string) => Promise<string | undefined>> | undefined;
  return {
    env,
    ssm: async (name) => {
      ssm ??= import("@aws-sdk/client-ssm").then(({ SSMClient, GetParameterCommand }) => {
        const client = new SSMClient({});
        return async (n: string) => (await client.send(new GetParameterCommand({ Name: n, WithDecryption: true }))).Parameter?.Value;
      });
      const value = await (await ssm)(name);
      if (value === undefined) throw new Error("parameter has no value");
      return value;
    },
    secretsManager: async (id) => {
      secretsManager ??= import("@aws-sdk/client-secrets-manager").then(({ SecretsManagerClient, GetSecretValueCommand }) => {
        const client = new SecretsManagerClient({});
        return async (s: string) => (await client.send(new GetSecretValueCommand({ SecretId: s }))).SecretString;
      });
      const value = await (await secretsManager)(id);
      if (value === undefined) throw new Error("secret has no string value");
      return value;
    },
  };
}
