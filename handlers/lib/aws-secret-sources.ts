import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { GetParameterCommand, SSMClient } from "@aws-sdk/client-ssm";
import type { SecretSources } from "../../src/config/secret-resolver.ts";

/** Secret sources in AWS: environment, SSM Parameter Store (decrypted) and Secrets Manager. */
export function awsSecretSources(env: Record<string, string | undefined> = process.env): SecretSources {
  const ssm = new SSMClient({});
  const secretsManager = new SecretsManagerClient({});
  return {
    env,
    ssm: async (name) => {
      const out = await ssm.send(new GetParameterCommand({ Name: name, WithDecryption: true }));
      if (out.Parameter?.Value === undefined) throw new Error("parameter has no value");
      return out.Parameter.Value;
    },
    secretsManager: async (id) => {
      const out = await secretsManager.send(new GetSecretValueCommand({ SecretId: id }));
      if (out.SecretString === undefined) throw new Error("secret has no string value");
      return out.SecretString;
    },
  };
}
