// GitHub App installation tokens against a local fake of GitHub's token endpoint that checks the
// app's JWT as GitHub does: RS256 under the app's public key, iss the app id, at most 10 minutes.
import { createServer, type Server } from "node:http";
import { generateKeyPairSync, verify } from "node:crypto";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GitHubAppToken } from "../../src/adapters/hosting/github-app-token.ts";
import { GitHubPullRequests } from "../../src/adapters/hosting/github-pull-requests.ts";
import { undiciTransport } from "../../src/adapters/http/undici-transport.ts";
import { SecretResolver } from "../../src/adapters/secrets/secret-resolver.ts";
import { parseConfig } from "../../src/core/config/load-config.ts";
import { gitAuthFor } from "../../src/jobs/deps/git-auth-for.ts";

const APP_ID = "123456";
const INSTALLATION = "42";

describe("GitHub App installation tokens", () => {
  const app = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const other = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const privateKey = app.privateKey.export({ format: "pem", type: "pkcs1" }).toString();
  let server: Server;
  let apiUrl: string;
  let issued: number;
  let refused: string[];
  let lifetimeMs: number;

  /** The checks GitHub makes of an app's JWT; the reason when it would refuse it. */
  function refusal(authorization: string | undefined): string | undefined {
    const [head = "", body = "", signature = ""] = (authorization ?? "").replace(/^Bearer /, "").split(".");
    const header = JSON.parse(Buffer.from(head, "base64url").toString() || "{}") as { alg?: string };
    const claims = JSON.parse(Buffer.from(body, "base64url").toString() || "{}") as { iss?: string; iat?: number; exp?: number };
    const now = Math.floor(Date.now() / 1000);
    if (header.alg !== "RS256") return "alg";
    if (!verify("RSA-SHA256", Buffer.from(`${head}.${body}`), app.publicKey, Buffer.from(signature, "base64url"))) return "signature";
    if (claims.iss !== APP_ID) return "iss";
    if (claims.iat === undefined || claims.exp === undefined || claims.exp - claims.iat > 600 || claims.iat > now + 60 || claims.exp <= now) return "window";
    return undefined;
  }

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === "/repos/acme/fleet/pulls") {
        const ok = /^Bearer ghs_token\d+$/.test(req.headers.authorization ?? "");
        res.writeHead(ok ? 201 : 401, { "content-type": "application/json" })
          .end(JSON.stringify(ok ? { number: 7, html_url: "https://github.com/acme/fleet/pull/7" } : { message: "Bad credentials" }));
        return;
      }
      const reason = req.method === "POST" && req.url === `/app/installations/${INSTALLATION}/access_tokens` ? refusal(req.headers.authorization) : "path";
      if (reason) {
        refused.push(reason);
        res.writeHead(401, { "content-type": "application/json" }).end(JSON.stringify({ message: "A JSON web token could not be decoded" }));
        return;
      }
      issued += 1;
      const expiresAt = new Date(Date.now() + lifetimeMs).toISOString();
      res.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ token: `ghs_token${issued}`, expires_at: expiresAt, permissions: { contents: "write" } }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  beforeEach(() => {
    issued = 0;
    refused = [];
    lifetimeMs = 3600_000;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("gets a token with a JWT GitHub accepts and keeps it while it is fresh", async () => {
    const tokens = new GitHubAppToken({ appId: APP_ID, installationId: INSTALLATION, privateKey, apiUrl }, undiciTransport());

    const [first, concurrent] = await Promise.all([tokens.token(), tokens.token()]);
    const again = await tokens.token();

    expect([first, concurrent, again]).toEqual(["ghs_token1", "ghs_token1", "ghs_token1"]);
    expect([issued, refused]).toEqual([1, []]);
  });

  it("renews the token five minutes before it expires", async () => {
    // Prepare: tokens that live 6 minutes, so the renewal point comes a minute after issue
    lifetimeMs = 6 * 60_000;
    let clock = Date.now();
    const tokens = new GitHubAppToken({ appId: APP_ID, installationId: INSTALLATION, privateKey, apiUrl }, undiciTransport(), () => clock);
    const first = await tokens.token();

    // Act: before the renewal point, then past it
    clock += 30_000;
    const stillFresh = await tokens.token();
    clock += 60_000;
    const renewed = await tokens.token();

    expect([first, stillFresh, renewed]).toEqual(["ghs_token1", "ghs_token1", "ghs_token2"]);
  });

  it("fails, naming GitHub's answer, when the key is not the app's", async () => {
    const wrongKey = other.privateKey.export({ format: "pem", type: "pkcs8" }).toString();
    const tokens = new GitHubAppToken({ appId: APP_ID, installationId: INSTALLATION, privateKey: wrongKey, apiUrl }, undiciTransport());

    await expect(tokens.token()).rejects.toThrow(/401 .*A JSON web token could not be decoded/);
    expect(refused).toEqual(["signature"]);
  });

  it("gives git over HTTPS the installation token as x-access-token's password", async () => {
    const config = parseConfig(`
git:
  credentials:
    - urlPrefix: https://github.com/acme/
      githubApp: { appId: ${APP_ID}, installationId: ${INSTALLATION}, privateKey: { env: APP_KEY }, apiUrl: "${apiUrl}" }
    - urlPrefix: https://gitlab.com/acme/
      username: sluice-deploy
      password: { env: DEPLOY_TOKEN }
`, "sluice.yaml");
    const secrets = new SecretResolver({ env: { APP_KEY: privateKey, DEPLOY_TOKEN: "gldt-example" } });

    const github = await gitAuthFor("https://github.com/acme/fleet.git", { config, secrets });
    const gitlab = await gitAuthFor("https://gitlab.com/acme/fleet.git", { config, secrets });

    expect(github).toEqual({ username: "x-access-token", password: expect.stringMatching(/^ghs_token\d+$/) });
    expect(gitlab).toEqual({ username: "sluice-deploy", password: "gldt-example" });
  });

  it("opens a pull request through the GitHub API with the installation token", async () => {
    const tokens = new GitHubAppToken({ appId: APP_ID, installationId: INSTALLATION, privateKey, apiUrl }, undiciTransport());
    const pulls = new GitHubPullRequests(undiciTransport(), apiUrl, "acme/fleet", await tokens.token());

    const opened = await pulls.open({ title: "sluice: web 1.0.0 -> 1.1.0", head: "sluice/web/web-1.1.0", base: "main", body: "" });

    expect(opened).toEqual({ url: "https://github.com/acme/fleet/pull/7", number: 7, existed: false });
  });
});
