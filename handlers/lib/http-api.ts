import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { handleWebhook, type IntakeDeps } from "../../src/intake/handle-webhook.ts";

/** API Gateway HTTP API (payload 2.0) in front of the webhook core. */
export function httpApiWebhook(deps: IntakeDeps) {
  return async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(event.headers ?? {})) if (value !== undefined) headers[name.toLowerCase()] = value;
    const body = event.body === undefined ? new Uint8Array() : Buffer.from(event.body, event.isBase64Encoded ? "base64" : "utf8");
    const response = await handleWebhook({ method: event.requestContext.http.method, path: event.rawPath, headers, body }, deps);
    return { statusCode: response.status, headers: { "content-type": "application/json" }, body: JSON.stringify(response.body) };
  };
}
