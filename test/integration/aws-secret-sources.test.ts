import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { awsSecretSources } from "../../handlers/lib/aws-secret-sources.ts";
import { SecretResolver } from "../../src/adapters/secrets/secret-resolver.ts";

// A local endpoint speaking the JSON protocol of SSM and Secrets Manager, so the
// adapters' real SDK clients are exercised without AWS.
describe("awsSecretSources", () => {
  let server: Server;
  const calls: { target: string; body: Record<string, unknown> }[] = [];
  const saved = { ...process.env };

  beforeAll(async () => {
    server = createServer((req, res) => {
      let text = "";
      req.on("data", (c: Buffer) => (text += c.toString()));
      req.on("end", () => {
        const target = String(req.headers["x-amz-target"]);
        const body = JSON.parse(text) as Record<string, unknown>;
        calls.push({ target, body });
        const answer = target === "AmazonSSM.GetParameter"
          ? { Parameter: { Name: body["Name"], Value: `ssm-value-of-${String(body["Name"])}` } }
          : { Name: body["SecretId"], SecretString: `sm-value-of-${String(body["SecretId"])}` };
        res.writeHead(200, { "content-type": "application/x-amz-json-1.1" }).end(JSON.stringify(answer));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    Object.assign(process.env, { AWS_ENDPOINT_URL_SSM: url, AWS_ENDPOINT_URL_SECRETS_MANAGER: url, AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "test", AWS_SECRET_ACCESS_KEY: "test" });
  });

  afterAll(async () => {
    process.env = saved;
    await new Promise((resolve) => server.close(resolve));
  });

  it("reads decrypted SSM parameters and Secrets Manager strings, each once", async () => {
    // Prepare
    const resolver = new SecretResolver(awsSecretSources({ LOCAL: "from-env" }));

    // Act
    const values = await resolver.resolveAll([{ ssm: "/sluice/prod/token" }, { secretsManager: "sluice/prod/git" }, { env: "LOCAL" }, { ssm: "/sluice/prod/token" }]);

    // Assess
    expect(values).toEqual(["ssm-value-of-/sluice/prod/token", "sm-value-of-sluice/prod/git", "from-env", "ssm-value-of-/sluice/prod/token"]);
    // The two stores are asked concurrently: any order.
    expect(calls).toHaveLength(2);
    expect(calls).toEqual(expect.arrayContaining([
      { target: "AmazonSSM.GetParameter", body: { Name: "/sluice/prod/token", WithDecryption: true } },
      { target: "secretsmanager.GetSecretValue", body: { SecretId: "sluice/prod/git" } },
    ]));
  });
});
