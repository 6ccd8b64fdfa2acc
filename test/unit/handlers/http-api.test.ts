import { describe, expect, it } from "vitest";
import { httpApiWebhook } from "../../../handlers/lib/http-api.ts";
import type { MetricsSink } from "../../../handlers/lib/metrics.ts";
import { parseConfig } from "../../../src/core/config/load-config.ts";
import { SecretResolver } from "../../../src/adapters/secrets/secret-resolver.ts";
import { silentLogger } from "../../../src/core/log/logger.ts";
import { FakeQueue } from "../jobs/intake/fake-queue.ts";
import type { APIGatewayProxyEventV2 } from "aws-lambda";

class RecordingMetrics implements MetricsSink {
  readonly added: [string, number][] = [];
  published = 0;
  addMetric(name: string, _unit: unknown, value: number) { this.added.push([name, value]); }
  publishStoredMetrics() { this.published++; }
}

const config = parseConfig(`
webhooks:
  generic: { secrets: [{ env: HOOK }] }
apps:
  - name: web
    source: { repo: "https://git.example.com/charts.git" }
    render: { directory: {} }
    destination: { directory: /tmp/web, namespace: web }
`, "x.yaml");

function event(method: string, body: string, headers: Record<string, string> = {}): APIGatewayProxyEventV2 {
  return {
    version: "2.0", routeKey: "ANY /hooks/{proxy+}", rawPath: "/hooks/generic", rawQueryString: "", headers: { "content-type": "application/json", ...headers },
    requestContext: { accountId: "1", apiId: "a", domainName: "d", domainPrefix: "d", http: { method, path: "/hooks/generic", protocol: "HTTP/1.1", sourceIp: "127.0.0.1", userAgent: "t" }, requestId: "r", routeKey: "ANY /hooks/{proxy+}", stage: "$default", time: "", timeEpoch: 0 },
    body: Buffer.from(body).toString("base64"), isBase64Encoded: true,
  };
}

describe("httpApiWebhook", () => {
  it("decodes the API Gateway event, answers from the core and counts the delivery", async () => {
    // Prepare
    const metrics = new RecordingMetrics();
    const handler = httpApiWebhook({ config, secrets: new SecretResolver({ env: { HOOK: "s3cret" } }), queue: new FakeQueue(), logger: silentLogger }, metrics);

    // Act
    const unsigned = await handler(event("POST", "{}"));
    const wrongMethod = await handler(event("GET", ""));

    // Assess
    expect(unsigned.statusCode).toBe(401);
    expect(unsigned.headers).toEqual({ "content-type": "application/json" });
    expect(JSON.parse(unsigned.body ?? "{}")).toHaveProperty("error");
    expect(wrongMethod.statusCode).toBe(405);
    expect(metrics.added).toEqual([["DeliveriesUnauthorized", 1], ["DeliveriesRefused", 1]]);
    expect(metrics.published).toBe(2);
  });
});
