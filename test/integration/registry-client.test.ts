// The registry client against a real CNCF distribution registry (Debian's docker-registry):
// pagination, Docker and OCI digests, 404s, a 429 injected by a proxy in front of it, and
// sign-in through the registry's own htpasswd (Basic) and token (Bearer) authentication.
import { spawn, type ChildProcess } from "node:child_process";
import { createPrivateKey, randomUUID, sign, X509Certificate } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { execFile } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Registries } from "../../src/adapters/registry/registries.ts";
import { registriesConfigSchema } from "../../src/core/config/registry-config.ts";
import { RegistryPermanentError, RegistryTransientError } from "../../src/adapters/registry/registry-errors.ts";
import type { HttpTransport } from "../../src/adapters/http/http-transport.ts";
import { undiciTransport } from "../../src/adapters/http/undici-transport.ts";
import type { SecretRef } from "../../src/core/config/secret-ref.ts";
import { pushImage } from "../harness/push-image.ts";
import { freePort, REGISTRY_SETUP_COMMAND, stopProcess } from "../harness/registry.ts";

const run = promisify(execFile);

/** bcrypt (cost 4, so each request stays fast) of "s3cret": the registry's htpasswd holds hashes only. */
const HTPASSWD = "bot:$2b$04$2fMerBbsUIkzzRMoZfCN.u2jUNcxA9BM4VtrcoEejsMoQAXSbaSK2\n";
const ISSUER = "sluice-test-issuer";
const SERVICE = "sluice-test-registry";

interface Running {
  url: string;
  host: string;
  stop(): Promise<void>;
}

/** docker-registry with `config` on a free port, storage in `dataDir` (shared, so one registry can push for another to serve). */
async function serveRegistry(dir: string, name: string, dataDir: string, extra: Record<string, unknown>): Promise<Running> {
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  const configFile = join(dir, `${name}.yml`);
  await writeFile(configFile, JSON.stringify({ version: "0.1", log: { level: "warn" }, storage: { filesystem: { rootdirectory: dataDir } }, http: { addr: host, secret: randomUUID() }, ...extra }));
  const log = createWriteStream(join(dir, `${name}.log`));
  await new Promise((resolve) => log.once("open", resolve));
  const child: ChildProcess = spawn("docker-registry", ["serve", configFile], { stdio: ["ignore", log, log] });
  const failed = new Promise<string>((resolve) => child.once("error", (e) => resolve(`docker-registry could not start (${e.message}); run: ${REGISTRY_SETUP_COMMAND}`)));
  for (let i = 0; i < 150; i++) {
    const outcome = await Promise.race([failed, new Promise((r) => setTimeout(r, 100)).then(() => undefined)]);
    if (outcome !== undefined) throw new Error(outcome);
    const ready = await fetch(`http://${host}/v2/`).then((r) => r.status < 500, () => false);
    if (ready) return { url: `http://${host}`, host, stop: () => stopProcess(child) };
  }
  await stopProcess(child);
  throw new Error(`docker-registry ${name} did not start; log in ${dir}`);
}

/** A token server in Docker's token protocol: signs ES256 JWTs with a self-signed cert the registry trusts. */
async function startTokenServer(dir: string): Promise<{ url: string; certFile: string; logins: (string | undefined)[]; close(): Promise<void> }> {
  const keyFile = join(dir, "token-key.pem");
  const certFile = join(dir, "token-cert.pem");
  await run("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", keyFile, "-out", certFile, "-subj", "/CN=sluice-test-token", "-days", "1"]);
  const key = createPrivateKey(await readFile(keyFile));
  const cert = new X509Certificate(await readFile(certFile));
  const b64u = (data: string | Buffer) => Buffer.from(data).toString("base64url");
  const logins: (string | undefined)[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://token.invalid");
    const auth = req.headers.authorization;
    const user = auth?.startsWith("Basic ") ? Buffer.from(auth.slice(6), "base64").toString() : undefined;
    logins.push(user);
    // Anonymous callers may pull public/*; bot:s3cret may pull and push anything; others get 401.
    const [type = "", name = "", actions = ""] = (url.searchParams.get("scope") ?? "").split(":");
    if (user !== undefined && user !== "bot:s3cret") return void res.writeHead(401, { "content-type": "application/json" }).end('{"details":"incorrect username or password"}');
    const granted = user === undefined && !name.startsWith("public/") ? [] : actions.split(",");
    const now = Math.floor(Date.now() / 1000);
    const header = b64u(JSON.stringify({ typ: "JWT", alg: "ES256", x5c: [cert.raw.toString("base64")] }));
    const claims = b64u(JSON.stringify({ iss: ISSUER, sub: user?.split(":")[0] ?? "", aud: SERVICE, exp: now + 300, nbf: now - 10, iat: now, jti: randomUUID(), access: [{ type, name, actions: granted }] }));
    const signature = b64u(sign("sha256", Buffer.from(`${header}.${claims}`), { key, dsaEncoding: "ieee-p1363" }));
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ token: `${header}.${claims}.${signature}`, expires_in: 300 }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, certFile, logins, close: () => closeServer(server) };
}

/**
 * A hop in front of the real registry, as a CDN or a registry's own front end: answers the
 * first `failures` requests itself with 429 and a Retry-After, and pages `tags/list` by `n`
 * and `last` with Link headers, as distribution 3, Docker Hub and GHCR do (docker-registry
 * 2.8 ignores `n` for tags and returns them all, unsorted).
 */
async function startRegistryFront(target: string): Promise<{ url: string; host: string; seen: string[]; throttle(failures: number, retryAfter: string): void; close(): Promise<void> }> {
  let left = 0;
  let retryAfter = "1";
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    if (left > 0) {
      left -= 1;
      return void res.writeHead(429, { "retry-after": retryAfter, "content-type": "application/json" }).end('{"errors":[{"code":"TOOMANYREQUESTS","message":"pull rate limit exceeded"}]}');
    }
    const url = new URL(req.url ?? "/", target);
    const page = /\/tags\/list$/.test(url.pathname) ? Number(url.searchParams.get("n") ?? "0") : 0;
    const out = httpRequest(url, { method: req.method, headers: req.headers }, (upstream) => {
      if (page <= 0 || upstream.statusCode !== 200) {
        res.writeHead(upstream.statusCode ?? 502, upstream.headers);
        return void upstream.pipe(res);
      }
      const chunks: Buffer[] = [];
      upstream.on("data", (c: Buffer) => chunks.push(c));
      upstream.on("end", () => {
        const list = JSON.parse(Buffer.concat(chunks).toString()) as { name: string; tags: string[] };
        const last = url.searchParams.get("last");
        const rest = list.tags.slice().sort().filter((t) => last === null || t > last);
        const tags = rest.slice(0, page);
        const more = rest.length > page ? { link: `<${url.pathname}?last=${encodeURIComponent(tags.at(-1) ?? "")}&n=${page}>; rel="next"` } : {};
        res.writeHead(200, { "content-type": "application/json", ...more }).end(JSON.stringify({ name: list.name, tags }));
      });
    });
    req.pipe(out);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}`, host: `127.0.0.1:${port}`, seen, throttle: (n, after) => { left = n; retryAfter = after; }, close: () => closeServer(server) };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((e) => (e ? reject(e) : resolve()));
    server.closeAllConnections();
  });
}

/** Registries as the worker builds them, over the real transport, counting requests. */
function registries(config: unknown, env: Record<string, string> = {}): { registries: Registries; requests: string[] } {
  const requests: string[] = [];
  const real = undiciTransport({ redirect: "follow" });
  const http: HttpTransport = (req) => {
    requests.push(`${req.method} ${req.url}`);
    return real(req);
  };
  const secrets = { resolve: (ref: SecretRef) => ("env" in ref && env[ref.env] !== undefined ? Promise.resolve(env[ref.env] ?? "") : Promise.reject(new Error("no such secret"))) };
  const clock = { now: () => Date.now(), sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)) };
  return { registries: new Registries(registriesConfigSchema.parse(config), { http, secrets, clock }), requests };
}

describe("registry client on a real registry", () => {
  let dir: string;
  let open: Running;
  let basic: Running;
  let token: Running;
  let tokens: Awaited<ReturnType<typeof startTokenServer>>;
  let proxy: Awaited<ReturnType<typeof startRegistryFront>>;
  const pushed: Record<string, string> = {};

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "sluice-registry-it-"));
    const data = join(dir, "data");
    await writeFile(join(dir, "htpasswd"), HTPASSWD);
    tokens = await startTokenServer(dir);
    open = await serveRegistry(dir, "open", data, {});
    basic = await serveRegistry(dir, "basic", data, { auth: { htpasswd: { realm: "sluice-test", path: join(dir, "htpasswd") } } });
    token = await serveRegistry(dir, "token", data, { auth: { token: { realm: `${tokens.url}/token`, service: SERVICE, issuer: ISSUER, rootcertbundle: tokens.certFile } } });
    proxy = await startRegistryFront(open.url);
    for (const tag of ["1.0.0", "1.1.0", "1.2.0", "2.0.0-rc.1", "latest"]) pushed[`team/app:${tag}`] = (await pushImage(open.url, "team/app", tag)).digest;
    pushed["team/oci:1.0.0"] = (await pushImage(open.url, "team/oci", "1.0.0", { oci: true })).digest;
    pushed["public/app:1.0.0"] = (await pushImage(open.url, "public/app", "1.0.0")).digest;
  });

  afterAll(async () => {
    await proxy?.close();
    for (const r of [token, basic, open]) await r?.stop();
    await tokens?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("lists every tag across pages of ?n=2, following the Link headers", async () => {
    // Prepare
    const { registries: r, requests } = registries([{ host: proxy.host, pageSize: 2 }]);

    // Act
    const tags = await r.for(`${proxy.host}/team/app`).client?.listTags("team/app");

    // Assess
    expect(tags).toEqual(["1.0.0", "1.1.0", "1.2.0", "2.0.0-rc.1", "latest"]);
    expect(requests).toEqual([
      `GET ${proxy.url}/v2/team/app/tags/list?n=2`,
      `GET ${proxy.url}/v2/team/app/tags/list?last=1.1.0&n=2`,
      `GET ${proxy.url}/v2/team/app/tags/list?last=2.0.0-rc.1&n=2`,
    ]);
  });

  it("lists every tag of a registry that ignores ?n= and answers in one page", async () => {
    const tags = await registries([{ host: open.host, pageSize: 2 }]).registries.for(`${open.host}/team/app`).client?.listTags("team/app");
    expect(tags?.slice().sort()).toEqual(["1.0.0", "1.1.0", "1.2.0", "2.0.0-rc.1", "latest"]);
  });

  it("reads the digests of Docker v2 and OCI manifests with one HEAD each", async () => {
    // Prepare
    const { registries: r, requests } = registries([]);
    const client = r.for(`${open.host}/team/app`).client;

    // Act
    const docker = await client?.headManifest("team/app", "1.1.0");
    const oci = await client?.headManifest("team/oci", "1.0.0");

    // Assess
    expect(docker).toEqual({ digest: pushed["team/app:1.1.0"], mediaType: "application/vnd.docker.distribution.manifest.v2+json" });
    expect(oci).toEqual({ digest: pushed["team/oci:1.0.0"], mediaType: "application/vnd.oci.image.manifest.v1+json" });
    expect(requests.map((q) => q.split(" ")[0])).toEqual(["HEAD", "HEAD"]);
  });

  it("reads an image's build time from its config", async () => {
    const { registries: r } = registries([]);
    const created = await r.for(`${open.host}/team/app`).client?.createdAt("team/app", pushed["team/app:1.0.0"] ?? "");
    expect(created?.toISOString()).toBe("2024-01-01T00:00:00.000Z");
  });

  it("reports an unknown repository and an unknown tag as permanent, in the registry's words", async () => {
    // Prepare
    const client = registries([]).registries.for(`${open.host}/team/nope`).client;

    // Act
    const repo = await client?.listTags("team/nope").then(() => undefined, (e: unknown) => e);
    const tag = await client?.headManifest("team/app", "9.9.9").then(() => undefined, (e: unknown) => e);

    // Assess
    expect(repo).toBeInstanceOf(RegistryPermanentError);
    expect((repo as Error).message).toBe(`${open.host}: tags of team/nope: 404 NAME_UNKNOWN: repository name not known to registry`);
    expect(tag).toBeInstanceOf(RegistryPermanentError);
    expect((tag as RegistryPermanentError).status).toBe(404);
  });

  it("waits out a short 429 from a proxy in front of the registry, and gives a long one back as transient", async () => {
    // Prepare
    const { registries: r } = registries([{ host: proxy.host }]);
    const client = r.for(`${proxy.host}/team/app`).client;
    const before = proxy.seen.length;
    proxy.throttle(1, "1");

    // Act
    const tags = await client?.listTags("team/app");
    proxy.throttle(1, "3600");
    const later = await client?.headManifest("team/app", "1.0.0").then(() => undefined, (e: unknown) => e);

    // Assess
    expect(tags).toHaveLength(5);
    expect(proxy.seen.slice(before).filter((s) => s.includes("tags/list"))).toHaveLength(2);
    expect(later).toBeInstanceOf(RegistryTransientError);
    expect((later as RegistryTransientError).retryAfterMs).toBe(3_600_000);
  });

  it("signs in with Basic credentials to a registry with htpasswd auth, and says when they are missing or wrong", async () => {
    // Prepare
    const good = registries([{ host: basic.host, credentials: { username: "bot", password: { env: "PW" } } }], { PW: "s3cret" }).registries;
    const wrong = registries([{ host: basic.host, credentials: { username: "bot", password: { env: "PW" } } }], { PW: "nope" }).registries;
    const none = registries([]).registries;

    // Act
    const tags = await good.for(`${basic.host}/team/app`).client?.listTags("team/app");
    const refused = await wrong.for(`${basic.host}/team/app`).client?.listTags("team/app").then(() => undefined, (e: unknown) => e);
    const missing = await none.for(`${basic.host}/team/app`).client?.listTags("team/app").then(() => undefined, (e: unknown) => e);

    // Assess
    expect(tags).toHaveLength(5);
    expect(refused).toBeInstanceOf(RegistryPermanentError);
    expect((refused as Error).message).toMatch(/401 UNAUTHORIZED/);
    expect((missing as Error).message).toMatch(/no credentials are configured for 127\.0\.0\.1:\d+ under registries:/);
  });

  it("follows the registry's token flow: anonymous for what is public, with credentials for the rest", async () => {
    // Prepare
    const anonymous = registries([]).registries;
    const credentialed = registries([{ host: token.host, credentials: { username: "bot", password: { env: "PW" } } }], { PW: "s3cret" }).registries;
    const before = tokens.logins.length;

    // Act
    const publicTags = await anonymous.for(`${token.host}/public/app`).client?.listTags("public/app");
    const denied = await anonymous.for(`${token.host}/team/app`).client?.listTags("team/app").then(() => undefined, (e: unknown) => e);
    const client = credentialed.for(`${token.host}/team/app`).client;
    const privateTags = await client?.listTags("team/app");
    const digest = await client?.headManifest("team/app", "1.2.0");

    // Assess: one token per scope and client, reused for the HEAD.
    expect(publicTags).toEqual(["1.0.0"]);
    expect(denied).toBeInstanceOf(RegistryPermanentError);
    expect(privateTags).toHaveLength(5);
    expect(digest?.digest).toBe(pushed["team/app:1.2.0"]);
    expect(tokens.logins.slice(before)).toEqual([undefined, undefined, "bot:s3cret"]);
  });
});
