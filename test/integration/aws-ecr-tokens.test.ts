import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { awsEcrTokens } from "../../src/adapters/registry/aws-ecr-tokens.ts";

describe("awsEcrTokens", () => {
  it("asks ECR's API through the SDK client for the registry's token", async () => {
    // Prepare: a local endpoint speaking ECR's JSON protocol, recording what the SDK sends.
    const seen: { target: string | undefined; body: string }[] = [];
    const server = createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        seen.push({ target: req.headers["x-amz-target"]?.toString(), body });
        res.writeHead(200, { "content-type": "application/x-amz-json-1.1" }).end(JSON.stringify({
          authorizationData: [{ authorizationToken: Buffer.from("AWS:from-ecr").toString("base64"), expiresAt: 1_900_000_000, proxyEndpoint: "https://123456789012.dkr.ecr.eu-west-1.amazonaws.com" }],
        }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    try {
      // Act
      const answer = await awsEcrTokens({ endpoint, credentials: { accessKeyId: "AKIDTEST", secretAccessKey: "secret" } })("eu-west-1")("123456789012");

      // Assess
      expect(seen).toEqual([{ target: "AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken", body: '{"registryIds":["123456789012"]}' }]);
      expect(answer.authorizationToken).toBe(Buffer.from("AWS:from-ecr").toString("base64"));
      expect(answer.expiresAt?.getTime()).toBe(1_900_000_000_000);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
