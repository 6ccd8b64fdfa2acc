// The one HTTP transport (undici) against a real HTTP server on loopback: kept-alive connections,
// the per-request timeout, and redirects that drop Authorization when they leave the origin.
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NoAnswerError } from "../../src/adapters/http/no-answer-error.ts";
import { undiciTransport } from "../../src/adapters/http/undici-transport.ts";

interface Seen {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly socket: Socket;
}

/** A server that answers by path and records each request with the socket it came on. */
async function serve(answer: (path: string, res: ServerResponse) => void): Promise<{ server: Server; url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    seen.push({ path: req.url ?? "", headers: req.headers, socket: req.socket });
    answer(req.url ?? "", res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

let origin: Awaited<ReturnType<typeof serve>>;
let storage: Awaited<ReturnType<typeof serve>>;

beforeAll(async () => {
  storage = await serve((_, res) => res.end("blob"));
  origin = await serve((path, res) => {
    if (path === "/slow") return void setTimeout(() => res.end("late"), 2_000);
    if (path === "/moved") return void res.writeHead(307, { location: `${storage.url}/blob` }).end();
    res.writeHead(200, { "content-type": "text/plain", "x-answer": "yes" }).end(`you asked ${path}`);
  });
});

afterAll(async () => {
  for (const s of [origin, storage]) await new Promise((resolve) => s.server.close(resolve));
});

describe("undiciTransport", () => {
  it("keeps connections alive for requests made one after the other", async () => {
    // Prepare
    const send = undiciTransport({ timeoutMs: 5_000 });
    const before = origin.seen.length;
    const paths = Array.from({ length: 10 }, (_, i) => `/${i}`);

    // Act
    const texts: string[] = [];
    for (const path of paths) texts.push(await (await send({ method: "GET", url: `${origin.url}${path}`, headers: {} })).text());

    // Assess: undici may open a second connection while the first one finishes; not one per request.
    expect(texts).toEqual(paths.map((p) => `you asked ${p}`));
    expect(new Set(origin.seen.slice(before).map((s) => s.socket)).size).toBeLessThanOrEqual(2);
  });

  it("gives up on an answer slower than its timeout, as no answer for the URL's host", async () => {
    // Prepare
    const send = undiciTransport({ timeoutMs: 200 });

    // Act
    const error = await send({ method: "GET", url: `${origin.url}/slow`, headers: {} }).then(() => undefined, (e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(NoAnswerError);
    expect(error).toMatchObject({ retry: "later", endpoint: new URL(origin.url).host });
  });

  it("follows a redirect to another origin without the Authorization header, and says where it ended", async () => {
    // Prepare
    const send = undiciTransport({ redirect: "follow" });

    // Act
    const res = await send({ method: "GET", url: `${origin.url}/moved`, headers: { authorization: "Bearer secret" } });

    // Assess
    expect(await res.text()).toBe("blob");
    expect(res.url).toBe(`${storage.url}/blob`);
    expect(origin.seen.at(-1)?.headers.authorization).toBe("Bearer secret");
    expect(storage.seen.at(-1)?.headers.authorization).toBeUndefined();
  });

  it("reads headers by any spelling", async () => {
    const res = await undiciTransport()({ method: "HEAD", url: `${origin.url}/h`, headers: {} });
    expect([res.status, res.header("X-Answer"), res.header("x-answer")]).toEqual([200, "yes", "yes"]);
  });
});
