import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { handleWebhook, type IntakeDeps } from "../../jobs/intake/handle-webhook.ts";
import type { WebhookRequest } from "../../adapters/webhooks/webhook-request.ts";

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Serves the webhook core over plain Node HTTP, as the local runtime and the tests do. */
export async function startWebhookServer(deps: IntakeDeps, options: { port?: number; host?: string } = {}): Promise<RunningServer> {
  const server: Server = createServer((req, res) => {
    void (async () => {
      const limit = deps.config.limits.bodyBytes;
      const body = await readBody(req, limit);
      const response = body === "too-large"
        ? { status: 413, body: { error: `body is over the limit of ${limit} bytes` } }
        : await handleWebhook(toRequest(req, body), deps);
      const text = JSON.stringify(response.body);
      res.writeHead(response.status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
      res.end(text);
    })().catch((error: unknown) => {
      deps.logger.error("webhook server error", { error: error instanceof Error ? error.message : String(error) });
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: "internal error" }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? "127.0.0.1"}:${port}`,
    port,
    close: () => new Promise((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections();
    }),
  };
}

function toRequest(req: IncomingMessage, body: Buffer): WebhookRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  const path = new URL(req.url ?? "/", "http://localhost").pathname;
  return { method: req.method ?? "GET", path, headers, body };
}

/** Reads the body up to `limit` bytes; past that stops reading and says so, without buffering the rest. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | "too-large"> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? "0");
    if (declared > limit) {
      req.resume();
      return resolve("too-large");
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners("data");
        req.resume();
        resolve("too-large");
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}
