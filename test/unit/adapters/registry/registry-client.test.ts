import { describe, expect, it } from "vitest";
import { RegistryClient } from "../../../../src/adapters/registry/registry-client.ts";
import type { CredentialSource } from "../../../../src/adapters/registry/registry-credentials.ts";
import { RegistryPermanentError, RegistryTransientError } from "../../../../src/adapters/registry/registry-errors.ts";
import type { HttpTransport } from "../../../../src/adapters/http/http-transport.ts";
import { RequestBudget } from "../../../../src/adapters/registry/request-budget.ts";
import { fakeClock, fakeRegistryHttp, type FakeAnswer } from "./fake-registry-http.ts";

const BASE = "https://r.example";

function client(http: HttpTransport, options: { credentials?: CredentialSource; pageSize?: number; clock?: ReturnType<typeof fakeClock>; budget?: number } = {}) {
  const clock = options.clock ?? fakeClock();
  return new RegistryClient({
    host: "r.example",
    baseUrl: BASE,
    http,
    credentials: options.credentials ?? (() => Promise.resolve({ kind: "anonymous" })),
    budget: new RequestBudget("r.example", options.budget ?? 1000, 60, clock),
    clock,
    pageSize: options.pageSize ?? 100,
  });
}

const json = (body: unknown, headers: Record<string, string> = {}): FakeAnswer => ({ status: 200, headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });

describe("RegistryClient.listTags", () => {
  it("follows Link pagination to the last page", async () => {
    // Prepare: three pages of two, each linking the next relatively, as distribution does.
    const http = fakeRegistryHttp((req) => {
      const last = new URL(req.url).searchParams.get("last");
      if (last === null) return json({ name: "team/app", tags: ["1.0.0", "1.1.0"] }, { link: '</v2/team/app/tags/list?last=1.1.0&n=2>; rel="next"' });
      if (last === "1.1.0") return json({ name: "team/app", tags: ["1.2.0", "2.0.0"] }, { link: '</v2/team/app/tags/list?last=2.0.0&n=2>; rel="next"' });
      return json({ name: "team/app", tags: ["2.1.0"] });
    });

    // Act
    const tags = await client(http, { pageSize: 2 }).listTags("team/app");

    // Assess
    expect(tags).toEqual(["1.0.0", "1.1.0", "1.2.0", "2.0.0", "2.1.0"]);
    expect(http.requests.map((r) => r.url)).toEqual([
      `${BASE}/v2/team/app/tags/list?n=2`,
      `${BASE}/v2/team/app/tags/list?last=1.1.0&n=2`,
      `${BASE}/v2/team/app/tags/list?last=2.0.0&n=2`,
    ]);
  });

  it("reads tags: null (every tag deleted) as no tags", async () => {
    const http = fakeRegistryHttp(() => json({ name: "team/app", tags: null }));
    expect(await client(http).listTags("team/app")).toEqual([]);
  });

  it("refuses a Link that loops back to a page already read", async () => {
    const http = fakeRegistryHttp(() => json({ name: "a", tags: ["x"] }, { link: '</v2/a/tags/list?n=100>; rel="next"' }));
    await expect(client(http).listTags("a")).rejects.toThrow(/links back to a page already read/);
  });

  it("reports a 404 as permanent, with the registry's own words", async () => {
    // Prepare
    const http = fakeRegistryHttp(() => ({ status: 404, body: JSON.stringify({ errors: [{ code: "NAME_UNKNOWN", message: "repository name not known to registry", detail: { name: "nope" } }] }) }));

    // Act
    const error = await client(http).listTags("nope").then(() => undefined, (e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(RegistryPermanentError);
    expect((error as RegistryPermanentError).status).toBe(404);
    expect((error as Error).message).toBe("r.example: tags of nope: 404 NAME_UNKNOWN: repository name not known to registry");
  });

  it("refuses an answer that is not a tag list", async () => {
    const http = fakeRegistryHttp(() => json({ tags: "1.0.0" }));
    await expect(client(http).listTags("a")).rejects.toThrow(RegistryPermanentError);
  });
});

describe("RegistryClient sign-in", () => {
  const challenge = { "www-authenticate": 'Bearer realm="https://auth.r.example/token",service="r.example",scope="repository:team/app:pull"' };

  it("follows the anonymous token flow and reuses the token until it expires", async () => {
    // Prepare
    const http = fakeRegistryHttp((req) => {
      if (req.url.startsWith("https://auth.r.example/")) return json({ token: "anon-token", expires_in: 300 });
      if (req.headers.authorization !== "Bearer anon-token") return { status: 401, headers: challenge, body: '{"errors":[{"code":"UNAUTHORIZED"}]}' };
      return json({ name: "team/app", tags: ["1.0.0"] });
    });
    const c = client(http);

    // Act
    await c.listTags("team/app");
    await c.listTags("team/app");

    // Assess: one token request, no credentials sent to it, the scope from the challenge.
    const tokenRequests = http.requests.filter((r) => r.url.startsWith("https://auth.r.example/"));
    expect(tokenRequests).toHaveLength(1);
    expect(tokenRequests[0]?.url).toBe("https://auth.r.example/token?service=r.example&scope=repository%3Ateam%2Fapp%3Apull");
    expect(tokenRequests[0]?.headers.authorization).toBeUndefined();
    expect(http.requests.filter((r) => r.url.includes("/v2/"))).toHaveLength(3);
  });

  it("logs in to the token server with configured credentials (access_token spelling)", async () => {
    // Prepare
    const basic = `Basic ${Buffer.from("bot:s3cret").toString("base64")}`;
    const http = fakeRegistryHttp((req) => {
      if (req.url.startsWith("https://auth.r.example/")) return req.headers.authorization === basic ? json({ access_token: "user-token" }) : { status: 401, body: "bad credentials" };
      return req.headers.authorization === "Bearer user-token" ? json({ name: "team/app", tags: ["1.0.0"] }) : { status: 401, headers: challenge };
    });

    // Act
    const tags = await client(http, { credentials: () => Promise.resolve({ kind: "basic", username: "bot", password: "s3cret" }) }).listTags("team/app");

    // Assess
    expect(tags).toEqual(["1.0.0"]);
  });

  it("reports a token server's refusal as permanent, naming the user", async () => {
    const http = fakeRegistryHttp((req) => (req.url.startsWith("https://auth.r.example/") ? { status: 401, body: "bad credentials" } : { status: 401, headers: challenge }));
    await expect(client(http, { credentials: () => Promise.resolve({ kind: "basic", username: "bot", password: "wrong" }) }).listTags("team/app"))
      .rejects.toThrow(/token server https:\/\/auth\.r\.example refused user bot for repository:team\/app:pull: 401 bad credentials/);
  });

  it("answers a Basic challenge with the credentials, then sends them up front", async () => {
    // Prepare
    const basic = `Basic ${Buffer.from("bot:pw").toString("base64")}`;
    const http = fakeRegistryHttp((req) => (req.headers.authorization === basic ? json({ name: "a", tags: [] }) : { status: 401, headers: { "www-authenticate": 'Basic realm="Registry Realm"' } }));
    const c = client(http, { credentials: () => Promise.resolve({ kind: "basic", username: "bot", password: "pw" }) });

    // Act
    await c.listTags("a");
    await c.listTags("a");

    // Assess: one 401, then Basic every time.
    expect(http.requests.map((r) => r.headers.authorization ?? "none")).toEqual(["none", basic, basic]);
  });

  it("sends a static bearer token on every request", async () => {
    const http = fakeRegistryHttp((req) => (req.headers.authorization === "Bearer static" ? json({ name: "a", tags: ["1"] }) : { status: 401 }));
    expect(await client(http, { credentials: () => Promise.resolve({ kind: "bearer", token: "static" }) }).listTags("a")).toEqual(["1"]);
  });

  it("says so when a registry wants credentials and none are configured", async () => {
    const http = fakeRegistryHttp(() => ({ status: 401, headers: { "www-authenticate": 'Basic realm="x"' } }));
    await expect(client(http).listTags("a")).rejects.toThrow(/401 the registry wants credentials; no credentials are configured for r\.example/);
  });
});

describe("RegistryClient transient errors", () => {
  it("waits out a 429's Retry-After, then succeeds", async () => {
    // Prepare
    const clock = fakeClock();
    const http = fakeRegistryHttp((_, n) => (n === 1 ? { status: 429, headers: { "retry-after": "2" }, body: '{"errors":[{"code":"TOOMANYREQUESTS","message":"slow down"}]}' } : json({ name: "a", tags: ["1"] })));

    // Act
    const tags = await client(http, { clock }).listTags("a");

    // Assess
    expect(tags).toEqual(["1"]);
    expect(clock.slept).toEqual([2000]);
  });

  it("gives a long Retry-After back to the queue as transient, and holds the registry's other requests", async () => {
    // Prepare
    const clock = fakeClock();
    const http = fakeRegistryHttp(() => ({ status: 429, headers: { "retry-after": "120" } }));
    const c = client(http, { clock });

    // Act
    const first = await c.listTags("a").then(() => undefined, (e: unknown) => e);
    const second = await c.headManifest("b", "1").then(() => undefined, (e: unknown) => e);

    // Assess: one request reached the registry; both jobs were told to come back in two minutes.
    expect(http.requests).toHaveLength(1);
    expect(first).toBeInstanceOf(RegistryTransientError);
    expect((first as RegistryTransientError).retryAfterMs).toBe(120_000);
    expect(second).toBeInstanceOf(RegistryTransientError);
  });

  it("retries 5xx with back-off, then reports them as transient", async () => {
    // Prepare
    const clock = fakeClock();
    const http = fakeRegistryHttp(() => ({ status: 503, body: "upstream unavailable" }));

    // Act
    const error = await client(http, { clock }).listTags("a").then(() => undefined, (e: unknown) => e);

    // Assess
    expect(http.requests).toHaveLength(3);
    expect(clock.slept).toHaveLength(2);
    expect(error).toBeInstanceOf(RegistryTransientError);
    expect((error as Error).message).toMatch(/503 upstream unavailable/);
  });

  it("reports an unreachable registry as transient", async () => {
    const http: HttpTransport = () => Promise.reject(new TypeError("fetch failed"));
    await expect(client(http).listTags("a")).rejects.toThrow(RegistryTransientError);
  });
});

describe("RegistryClient manifests", () => {
  it("reads the digest from a HEAD that accepts Docker and OCI manifests and indexes", async () => {
    // Prepare
    const http = fakeRegistryHttp(() => ({ status: 200, headers: { "docker-content-digest": "sha256:abc", "content-type": "application/vnd.oci.image.manifest.v1+json" } }));

    // Act
    const head = await client(http).headManifest("team/app", "1.0.0");

    // Assess
    expect(head).toEqual({ digest: "sha256:abc", mediaType: "application/vnd.oci.image.manifest.v1+json" });
    expect(http.requests[0]?.method).toBe("HEAD");
    for (const type of ["application/vnd.docker.distribution.manifest.v2+json", "application/vnd.docker.distribution.manifest.list.v2+json", "application/vnd.oci.image.manifest.v1+json", "application/vnd.oci.image.index.v1+json"]) {
      expect(http.requests[0]?.headers.accept).toContain(type);
    }
  });

  it("reads an image's build time through an index, once per digest", async () => {
    // Prepare
    const http = fakeRegistryHttp((req) => {
      if (req.url.endsWith("/manifests/sha256%3Aindex")) return json({ mediaType: "application/vnd.oci.image.index.v1+json", manifests: [{ digest: "sha256:arm", platform: { os: "linux", architecture: "arm64" } }, { digest: "sha256:amd", platform: { os: "linux", architecture: "amd64" } }] });
      if (req.url.endsWith("/manifests/sha256%3Aamd")) return json({ config: { digest: "sha256:cfg" } });
      if (req.url.endsWith("/blobs/sha256:cfg")) return json({ created: "2024-05-01T10:00:00Z", architecture: "amd64" });
      return { status: 404 };
    });
    const c = client(http);

    // Act
    const first = await c.createdAt("team/app", "sha256:index");
    const again = await c.createdAt("team/app", "sha256:index");

    // Assess
    expect(first?.toISOString()).toBe("2024-05-01T10:00:00.000Z");
    expect(again).toEqual(first);
    expect(http.requests).toHaveLength(3);
  });
});
