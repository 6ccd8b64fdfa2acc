// An HTTP server on 127.0.0.1 standing in for Slack, Teams, a webhook receiver, GitHub's and GitLab's APIs
// and SNS: it records every request and answers what the test scripts.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

export interface CapturedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface ScriptedAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

export interface NotifyReceiver {
  url: string;
  requests: CapturedRequest[];
  /** Answers each request; 200 with an empty JSON object unless set. */
  answer: (request: CapturedRequest) => ScriptedAnswer;
  close(): Promise<void>;
}

export async function startNotifyReceiver(): Promise<NotifyReceiver> {
  const receiver: NotifyReceiver = { url: "", requests: [], answer: () => ({ status: 200, body: "{}" }), close: async () => {} };
  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const captured: CapturedRequest = { method: req.method ?? "", path: req.url ?? "", headers: flat(req.headers), body };
      receiver.requests.push(captured);
      const answer = receiver.answer(captured);
      res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
      res.end(answer.body ?? "");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  receiver.close = () => new Promise<void>((resolve, reject) => {
    server.closeAllConnections();
    server.close((error) => (error ? reject(error) : resolve()));
  });
  return receiver;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function flat(headers: IncomingMessage["headers"]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) out[name] = Array.isArray(value) ? value.join(", ") : value;
  return out;
}
