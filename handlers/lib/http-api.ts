import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { handleWebhook, type IntakeDeps } from "../../src/jobs/intake/handle-webhook.ts";
import { MetricUnit, type MetricsSink } from "./metrics.ts";

/** API Gateway HTTP API (payload 2.0) in front of the webhook core; counts deliveries by outcome. */
export function httpApiWebhook(deps: IntakeDeps, metrics?: MetricsSink) {
  return async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(event.headers ?? {})) if (value !== undefined) headers[name.toLowerCase()] = value;
    const body = event.body === undefined ? new Uint8Array() : Buffer.from(event.body, event.isBase64Encoded ? "base64" : "utf8");
    const response = await handleWebhook({ method: event.requestContext.http.method, path: event.rawPath, headers, body }, deps);
    if (metrics) {
      const jobs = Array.isArray(response.body["jobs"]) ? response.body["jobs"].length : 0;
      metrics.addMetric(deliveryMetric(response.status, response.body["status"]), MetricUnit.Count, 1);
      if (jobs > 0) metrics.addMetric("JobsQueued", MetricUnit.Count, jobs);
      metrics.publishStoredMetrics();
    }
    return { statusCode: response.status, headers: { "content-type": "application/json" }, body: JSON.stringify(response.body) };
  };
}

function deliveryMetric(status: number, outcome: unknown): string {
  if (status === 202) return outcome === "queued" ? "DeliveriesQueued" : "DeliveriesIgnored";
  if (status === 401) return "DeliveriesUnauthorized";
  if (status >= 500) return "DeliveriesFailed";
  return "DeliveriesRefused";
}
