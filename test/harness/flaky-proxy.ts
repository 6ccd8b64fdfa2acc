// A hop in front of a registry that, while flapping, answers every other request 429 Too Many
// Requests (with Retry-After: 1) and forwards the rest: a rate-limited registry, as Docker Hub is.
import { createServer, request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";

export interface FlakyProxy {
  url: string;
  /** Turns the 429s on or off. */
  flap(on: boolean): void;
  /** Requests answered 429 so far. */
  readonly refused: number;
  close(): Promise<void>;
}

export async function startFlakyProxy(target: string): Promise<FlakyProxy> {
  let flapping = false;
  let count = 0;
  let refused = 0;
  const server = createServer((req, res) => {
    count += 1;
    if (flapping && count % 2 === 0) {
      refused += 1;
      req.resume();
      res.writeHead(429, { "retry-after": "1", "content-type": "application/json" });
      res.end(JSON.stringify({ errors: [{ code: "TOOMANYREQUESTS", message: "rate limited by the chaos proxy" }] }));
      return;
    }
    const upstream = httpRequest(new URL(req.url ?? "/", target), { method: req.method, headers: { ...req.headers, host: new URL(target).host } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on("error", (error) => res.writeHead(502).end(error.message));
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    flap: (on) => void (flapping = on),
    get refused() {
      return refused;
    },
    close: () => new Promise((resolve, reject) => {
      server.close((e) => (e ? reject(e) : resolve()));
      server.closeAllConnections();
    }),
  };
}
