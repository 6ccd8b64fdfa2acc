// An HTTP hop that records each request and response and forwards to a target:
// lets a test see exactly what a real sender posted, and post it again.
import { createServer, request as httpRequest, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface Exchange {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  status: number;
  response: string;
}

export interface RecordingProxy {
  url: string;
  exchanges: Exchange[];
  /** Points the proxy at its target (it may start before the target exists). */
  setTarget(url: string): void;
  close(): Promise<void>;
}

export async function startRecordingProxy(port = 0): Promise<RecordingProxy> {
  let target: URL | undefined;
  const exchanges: Exchange[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      if (!target) {
        res.writeHead(503).end("no target yet");
        return;
      }
      const out = httpRequest(new URL(req.url ?? "/", target), { method: req.method, headers: req.headers }, (upstream) => {
        const parts: Buffer[] = [];
        upstream.on("data", (c: Buffer) => parts.push(c));
        upstream.on("end", () => {
          const response = Buffer.concat(parts).toString("utf8");
          exchanges.push({ method: req.method ?? "", path: req.url ?? "", headers: req.headers, body, status: upstream.statusCode ?? 0, response });
          res.writeHead(upstream.statusCode ?? 502, upstream.headers).end(response);
        });
      });
      out.on("error", (error) => res.writeHead(502).end(error.message));
      out.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    exchanges,
    setTarget: (url) => { target = new URL(url); },
    close: () => new Promise((resolve, reject) => {
      server.close((e) => (e ? reject(e) : resolve()));
      server.closeAllConnections();
    }),
  };
}
