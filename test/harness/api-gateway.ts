// A local stand-in for API Gateway's HTTP API in front of a Lambda (payload 2.0), with JWT
// authorizers that work as AWS documents ("Controlling access to HTTP APIs with JWT authorizers"):
// the token from the route's identity source (the header with or without "Bearer ", or a query
// parameter), RS256 signature, `iss`, `aud` or else `client_id`, `exp`; 401 {"message":"Unauthorized"}
// before the function runs otherwise, and the claims in requestContext.authorizer.jwt when it does.
import { createSign, createVerify, generateKeyPairSync, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

export interface Issuer {
  readonly url: string;
  /** A signed token with these claims (iss and exp filled in unless given). */
  token(claims: Record<string, unknown>): string;
  verify(token: string, audience: string): Record<string, unknown> | undefined;
}

const b64 = (value: object): string => Buffer.from(JSON.stringify(value)).toString("base64url");

export function testIssuer(url = "https://issuer.sluice.test"): Issuer {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    url,
    token: (claims) => {
      const body = `${b64({ alg: "RS256", kid: "test", typ: "JWT" })}.${b64({ iss: url, exp: Math.floor(Date.now() / 1000) + 3600, ...claims })}`;
      return `${body}.${createSign("RSA-SHA256").update(body).sign(privateKey).toString("base64url")}`;
    },
    verify: (token, audience) => {
      const [header, payload, signature] = token.split(".");
      if (!header || !payload || !signature) return undefined;
      if (!createVerify("RSA-SHA256").update(`${header}.${payload}`).verify(publicKey, Buffer.from(signature, "base64url"))) return undefined;
      const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Record<string, unknown>;
      const aud = claims["aud"] ?? claims["client_id"];
      const audiences = Array.isArray(aud) ? aud : [aud];
      if (claims["iss"] !== url || !audiences.includes(audience) || typeof claims["exp"] !== "number" || claims["exp"] * 1000 < Date.now()) return undefined;
      return claims;
    },
  };
}

export interface Route { method: string; path: string; identitySource: `header:${string}` | `query:${string}` }
export interface HttpApi { readonly url: string; readonly seen: { routeKey: string; authorization?: string }[]; close(): Promise<void> }

type Lambda = (event: unknown) => Promise<{ statusCode: number; headers?: Record<string, string>; body: string }>;

/** Serves `routes` on 127.0.0.1 through `lambda`, each behind a JWT authorizer of `issuer` for `audience`. */
export async function startHttpApi(routes: readonly Route[], auth: { issuer: Issuer; audience: string }, lambda: Lambda): Promise<HttpApi> {
  const seen: HttpApi["seen"] = [];
  const matchers = routes.map((r) => ({ ...r, re: new RegExp(`^${r.path.replace(/\{[^}]+\+\}/g, "(.+)").replace(/\{[^}]+\}/g, "([^/]+)")}$`) }));
  let domainName = "";
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", `http://${domainName}`);
      const route = matchers.find((m) => m.method === req.method && m.re.test(url.pathname));
      const reply = (status: number, headers: Record<string, string>, body: string) => { res.writeHead(status, headers); res.end(body); };
      if (!route) return reply(404, { "content-type": "application/json" }, '{"message":"Not Found"}');
      const routeKey = `${route.method} ${route.path}`;
      seen.push({ routeKey, ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) });
      const [where, name] = route.identitySource.split(":") as ["header" | "query", string];
      const raw = where === "header" ? req.headers[name.toLowerCase()] : url.searchParams.get(name);
      const token = typeof raw === "string" ? raw.replace(/^Bearer /, "") : undefined;
      const claims = token ? auth.issuer.verify(token, auth.audience) : undefined;
      if (!claims) return reply(401, { "content-type": "application/json", "www-authenticate": "Bearer" }, '{"message":"Unauthorized"}');
      const result = await lambda(eventOf(req, url, routeKey, domainName, claims, await bodyOf(req)));
      reply(result.statusCode, result.headers ?? {}, result.body);
    })().catch((error: unknown) => { res.writeHead(500); res.end(String(error)); });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  domainName = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url: `http://${domainName}`, seen, close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }) };
}

function eventOf(req: IncomingMessage, url: URL, routeKey: string, domainName: string, claims: Record<string, unknown>, body: Buffer) {
  const headers: Record<string, string> = { "x-forwarded-proto": "http" };
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers[name] = value;
  // API Gateway passes claims as strings.
  const stringClaims = Object.fromEntries(Object.entries(claims).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
  return {
    version: "2.0", routeKey, rawPath: url.pathname, rawQueryString: url.search.replace(/^\?/, ""), headers,
    ...(url.search ? { queryStringParameters: Object.fromEntries(url.searchParams) } : {}),
    requestContext: {
      accountId: "123456789012", apiId: "local", domainName, domainPrefix: "local",
      authorizer: { jwt: { claims: stringClaims, scopes: null } },
      http: { method: req.method ?? "GET", path: url.pathname, protocol: "HTTP/1.1", sourceIp: "127.0.0.1", userAgent: req.headers["user-agent"] ?? "" },
      requestId: randomUUID(), routeKey, stage: "$default", time: new Date().toUTCString(), timeEpoch: Date.now(),
    },
    ...(body.length > 0 ? { body: body.toString("base64"), isBase64Encoded: true } : { isBase64Encoded: false }),
  };
}

function bodyOf(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}
