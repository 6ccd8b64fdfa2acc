import { createHash } from "node:crypto";
// The dashboard's Lambda adapter with API Gateway HTTP API (2.0) events shaped as AWS documents them
// ("Working with AWS Lambda proxy integrations for HTTP APIs": JWT authorizer claims and IAM identity).
import { describe, expect, it } from "vitest";
import { httpApiDashboard } from "../../../../src/runtime/wiring/dashboard-http-api.ts";
import { CONTENT_SECURITY_POLICY } from "../../../../src/runtime/dashboard/dashboard-assets.ts";
import { apiDeps, fleet, record } from "../../jobs/api/api-fakes.ts";

const ASSETS = { html: '<link rel="stylesheet" href="assets/app.css">\n<script type="module" src="assets/app.js"></script>', js: "console.log(1)", css: "body{}" };
const JWT_ENV = { SLUICE_DASHBOARD_AUTH: "jwt", SLUICE_DASHBOARD_ISSUER: "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Example", SLUICE_DASHBOARD_SUBJECTS: "ada-*,ci" };
const TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZGEtMSJ9.c2lnbmF0dXJl";

function event(method: string, rawPath: string, options: { query?: string; headers?: Record<string, string>; body?: string; authorizer?: unknown } = {}) {
  const routeKey = `${method} ${rawPath.startsWith("/dashboard/api/") ? "/dashboard/api/{proxy+}" : rawPath}`;
  return {
    version: "2.0", routeKey, rawPath, rawQueryString: options.query ?? "",
    headers: { accept: "application/json", host: "abc123.execute-api.us-east-1.amazonaws.com", ...options.headers },
    requestContext: {
      accountId: "123456789012", apiId: "abc123", domainName: "abc123.execute-api.us-east-1.amazonaws.com", domainPrefix: "abc123",
      http: { method, path: rawPath, protocol: "HTTP/1.1", sourceIp: "192.0.2.1", userAgent: "Mozilla/5.0" },
      requestId: "JKJaXmPLvHcESHA=", routeKey, stage: "$default", time: "02/Dec/2026:13:45:00 +0000", timeEpoch: 1796218900000,
      authorizer: options.authorizer ?? { jwt: { claims: { sub: "ada-1", iss: JWT_ENV.SLUICE_DASHBOARD_ISSUER, token_use: "access" }, scopes: null } },
    },
    ...(options.body === undefined ? {} : { body: Buffer.from(options.body).toString("base64"), isBase64Encoded: true }),
  };
}

function setup(env: Record<string, string> = JWT_ENV) {
  const apps = fleet(3);
  const { deps, stores, queue } = apiDeps(apps);
  for (const app of apps) ("cluster" in app.destination && app.destination.cluster === "west" ? stores.west : stores.east).records.set(app.name, record(app.name));
  const { queue: _q, ...worker } = deps;
  return { handler: httpApiDashboard({ worker, queue, assets: ASSETS }, env), queue };
}

const action = (body = "{}", headers: Record<string, string> = {}) =>
  event("POST", "/dashboard/api/apps/app-0000/sync", { body, headers: { "content-type": "application/json", origin: "https://abc123.execute-api.us-east-1.amazonaws.com", ...headers } });

describe("the dashboard behind API Gateway", () => {
  it("lists, shows and acts through the same API, every answer with the local server's CSP", async () => {
    const { handler, queue } = setup();

    const list = await handler(event("GET", "/dashboard/api/apps", { query: "cluster=east&pageSize=10" }));
    const detail = await handler(event("GET", "/dashboard/api/apps/app-0001"));
    const sync = await handler(action());

    expect(list.statusCode).toBe(200);
    expect((JSON.parse(list.body) as { items: { name: string }[] }).items.map((i) => i.name)).toEqual(["app-0000", "app-0002"]);
    expect(JSON.parse(detail.body)).toMatchObject({ name: "app-0001", cluster: "west" });
    expect(sync.statusCode).toBe(202);
    expect(queue.jobs.map((j) => j.job)).toEqual([expect.objectContaining({ kind: "sync", app: "app-0000", trigger: "manual", deliveryId: expect.stringMatching(/^dashboard-/) })]);
    for (const answer of [list, detail, sync]) expect(answer.headers["content-security-policy"]).toBe(CONTENT_SECURITY_POLICY);
  });

  it("serves the page with its script and styles inline, allowed by their hashes, holding no token, and no asset route", async () => {
    const { handler } = setup();
    const hash = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;

    const page = await handler(event("GET", "/dashboard/index.html", { query: `access_token=${TOKEN}`, headers: { accept: "text/html" } }));
    const script = await handler(event("GET", "/dashboard/assets/app.js", { query: `access_token=${TOKEN}` }));

    expect(page.headers["content-type"]).toContain("text/html");
    expect(page.body).toContain(`<script type="module">${ASSETS.js}</script>`);
    expect(page.body).toContain(`<style>${ASSETS.css}</style>`);
    expect(page.body).not.toContain(TOKEN);
    expect(page.body).not.toContain("assets/app.");
    expect(page.headers["content-security-policy"]).toContain(`script-src ${hash(ASSETS.js)}`);
    expect(page.headers["content-security-policy"]).toContain(`style-src ${hash(ASSETS.css)}`);
    expect(page.headers["cache-control"]).toBe("no-store");
    expect(script.statusCode).toBe(404);
  });

  it("refuses a request no authorizer accepted, a subject not allowed, another origin and a body not JSON", async () => {
    const { handler, queue } = setup();

    const none = await handler({ ...event("GET", "/dashboard/api/apps"), requestContext: { ...event("GET", "/x").requestContext, authorizer: undefined } });
    const stranger = await handler(event("GET", "/dashboard/api/apps", { authorizer: { jwt: { claims: { sub: "mallory" }, scopes: null } } }));
    const iamInJwtStack = await handler(event("GET", "/dashboard/api/apps", { authorizer: { iam: { userArn: "arn:aws:iam::123456789012:user/x" } } }));
    const crossSite = await handler(action("{}", { origin: "https://evil.example" }));
    const form = await handler(action("a=b", { "content-type": "application/x-www-form-urlencoded" }));

    expect([none.statusCode, stranger.statusCode, iamInJwtStack.statusCode, crossSite.statusCode, form.statusCode]).toEqual([401, 403, 401, 403, 415]);
    expect(JSON.parse(stranger.body)).toEqual({ error: "subject mallory is not one the dashboardSubjects parameter allows" });
    expect(queue.jobs).toEqual([]);
  });

  it("takes SigV4-signed requests when the stack uses IAM", async () => {
    const { handler } = setup({ SLUICE_DASHBOARD_AUTH: "iam" });

    const signed = await handler(event("GET", "/dashboard/api/apps", { authorizer: { iam: { accessKey: "AKIAEXAMPLE", accountId: "123456789012", userArn: "arn:aws:iam::123456789012:user/ops", userId: "AIDAEXAMPLE" } } }));
    const jwtOnly = await handler(event("GET", "/dashboard/api/apps"));

    expect(signed.statusCode).toBe(200);
    expect(jwtOnly.statusCode).toBe(401);
  });

  it("answers an event that is not API Gateway's with every problem and its path", async () => {
    const { handler } = setup();

    const answer = await handler({ version: "1.0", rawPath: "dashboard", requestContext: {} });

    expect(answer.statusCode).toBe(400);
    expect((JSON.parse(answer.body) as { problems: { path: string }[] }).problems.map((p) => p.path).sort()).toEqual(["rawPath", "requestContext.domainName", "requestContext.http", "version"]);
  });
});

describe("the dashboard's settings", () => {
  it("need an issuer for jwt, and named subjects for an issuer anyone gets tokens of", () => {
    const make = (env: Record<string, string>) => () => setup(env);

    expect(make({ SLUICE_DASHBOARD_AUTH: "jwt" })).toThrow(/SLUICE_DASHBOARD_ISSUER: the OIDC issuer URL/);
    expect(make({ SLUICE_DASHBOARD_AUTH: "jwt", SLUICE_DASHBOARD_ISSUER: "https://token.actions.githubusercontent.com" })).toThrow(/SLUICE_DASHBOARD_SUBJECTS: anyone can get a token/);
    expect(make({ SLUICE_DASHBOARD_AUTH: "jwt", SLUICE_DASHBOARD_ISSUER: "https://gitlab.com", SLUICE_DASHBOARD_SUBJECTS: "ops,*" })).toThrow(/SLUICE_DASHBOARD_SUBJECTS/);
    expect(make({ SLUICE_DASHBOARD_AUTH: "oidc" })).toThrow(/SLUICE_DASHBOARD_AUTH/);
    expect(make({ SLUICE_DASHBOARD_AUTH: "jwt", SLUICE_DASHBOARD_ISSUER: "https://token.actions.githubusercontent.com", SLUICE_DASHBOARD_SUBJECTS: "repo:acme/deploy:ref:refs/heads/main" })).not.toThrow();
  });
});
