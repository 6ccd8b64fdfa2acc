import { readFileSync } from "node:fs";
import { branchWriteGroupId } from "../../../../src/core/queue/deduplication-id.ts";
import { beforeEach, describe, expect, it } from "vitest";
import { parseConfig } from "../../../../src/core/config/load-config.ts";
import { SecretResolver } from "../../../../src/adapters/secrets/secret-resolver.ts";
import { handleWebhook, type IntakeDeps } from "../../../../src/jobs/intake/handle-webhook.ts";
import type { WebhookRequest } from "../../../../src/adapters/webhooks/webhook-request.ts";
import { silentLogger } from "../../../../src/core/log/logger.ts";
import { FakeQueue } from "./fake-queue.ts";
import { CONFIG as ALL_ENDPOINTS, fixture as webhookFixture, intakeDeps as allEndpointDeps, PATH_SECRET, post, SECRET, sign } from "./intake-test-deps.ts";

const fixture = readFileSync(new URL("../../../fixtures/webhooks/distribution/push-v1.json", import.meta.url), "utf8");
const PATH = "/hooks/registry/distribution";
const CONTENT_TYPE = "application/vnd.docker.distribution.events.v1+json";

const CONFIG = `
webhooks:
  distribution:
    secrets: [{ env: TOKEN_NEW }, { env: TOKEN_OLD }]
limits: { bodyBytes: 4096 }
apps:
  - name: team-app
    source: { repo: https://git.example.com/acme/charts.git, path: charts/app }
    render: { helm: { valueFiles: [values.yaml] } }
    destination: { directory: /tmp/out, namespace: app }
    images:
      - repository: 127.0.0.1:45500/team/app
        policy: { semver: ">=1.0.0" }
        write: { file: charts/app/values.yaml, tag: image.tag }
  - name: other
    source: { repo: https://git.example.com/acme/charts.git, path: charts/other }
    render: { helm: {} }
    destination: { directory: /tmp/out2, namespace: other }
    images:
      - repository: 127.0.0.1:45500/team/other
        policy: { semver: ">=1.0.0" }
        write: { file: charts/other/values.yaml, tag: image.tag }
`;

function request(overrides: Partial<Omit<WebhookRequest, "body">> & { body?: string | Uint8Array } = {}): WebhookRequest {
  const { body = fixture, ...rest } = overrides;
  return {
    method: "POST",
    path: PATH,
    headers: { "content-type": CONTENT_TYPE, authorization: "Bearer new-secret" },
    ...rest,
    body: typeof body === "string" ? Buffer.from(body) : body,
  };
}

describe("handleWebhook with the distribution provider", () => {
  let queue: FakeQueue;
  let deps: IntakeDeps;

  beforeEach(() => {
    queue = new FakeQueue();
    deps = {
      config: parseConfig(CONFIG, "test.yaml"),
      secrets: new SecretResolver({ env: { TOKEN_NEW: "new-secret", TOKEN_OLD: "old-secret" } }),
      queue,
      logger: silentLogger,
    };
  });

  it("queues one job for the app tracking the pushed repository", async () => {
    const response = await handleWebhook(request(), deps);

    expect(response.status).toBe(202);
    expect(response.body).toMatchObject({ status: "queued", deliveryId: "e790e93f-cef2-4860-8f15-db122e80d913", jobs: [{ app: "team-app", repository: "127.0.0.1:45500/team/app", tag: "v1.2.3" }] });
    expect(queue.jobs).toHaveLength(1);
    // One writer per branch: the group is the chart repo's branch, not the app.
    expect(queue.jobs[0]?.groupId).toBe(branchWriteGroupId("https://git.example.com/acme/charts.git", "main"));
    expect(queue.jobs[0]?.job).toMatchObject({ kind: "image-update", app: "team-app", tag: "v1.2.3", digest: "sha256:00c53df0aa9c1921b7564bcfa75ec2d72a797baf7cdcb6ed26fc2637cef826f9" });
  });

  it("gives a redelivered notification the same deduplication id", async () => {
    await handleWebhook(request(), deps);
    await handleWebhook(request(), deps);

    expect(queue.jobs).toHaveLength(2);
    expect(queue.jobs[0]?.deduplicationId).toBe(queue.jobs[1]?.deduplicationId);
    expect(queue.jobs[0]?.deduplicationId).toMatch(/^[0-9a-f]{64}$/);
  });

  it("accepts every configured secret, for rotation", async () => {
    const response = await handleWebhook(request({ headers: { "content-type": CONTENT_TYPE, authorization: "Bearer old-secret" } }), deps);
    expect(response.status).toBe(202);
  });

  it.each([
    ["a wrong token", { authorization: "Bearer nope" }],
    ["no Authorization header", {}],
    ["a token without the Bearer scheme", { authorization: "new-secret" }],
  ])("answers 401 to %s and queues nothing", async (_name, auth) => {
    const response = await handleWebhook(request({ headers: { "content-type": CONTENT_TYPE, ...auth } }), deps);

    expect(response.status).toBe(401);
    expect(queue.jobs).toHaveLength(0);
    expect(JSON.stringify(response.body)).not.toContain("new-secret");
  });

  it.each([
    ["not JSON", "{ nope"],
    ["JSON of the wrong shape", JSON.stringify({ events: [{ action: "push" }] })],
    ["invalid UTF-8", new Uint8Array([0xff, 0xfe, 0x7b])],
  ])("answers 400 to a body that is %s", async (_name, body) => {
    const response = await handleWebhook(request({ body }), deps);

    expect(response.status).toBe(400);
    expect(response.body["error"]).toMatch(/body/);
    expect(queue.jobs).toHaveLength(0);
  });

  it("ignores a pull event with its reason", async () => {
    const pull = fixture.replace('"action": "push"', '"action": "pull"');
    const response = await handleWebhook(request({ body: pull }), deps);

    expect(response).toMatchObject({ status: 202, body: { status: "ignored", reasons: [expect.stringMatching(/^pull event for team\/app:v1.2.3/)] } });
    expect(queue.jobs).toHaveLength(0);
  });

  it("ignores a blob push, which has no tag", async () => {
    const blob = JSON.parse(fixture) as { events: { target: Record<string, unknown> }[] };
    const target = blob.events[0]?.target ?? {};
    delete target["tag"];
    target["mediaType"] = "application/octet-stream";
    const response = await handleWebhook(request({ body: JSON.stringify(blob) }), deps);

    expect(response).toMatchObject({ status: 202, body: { status: "ignored", reasons: [expect.stringMatching(/without a tag/)] } });
  });

  it("ignores a push to a repository no app tracks", async () => {
    const response = await handleWebhook(request({ body: fixture.replaceAll("team/app", "team/unknown") }), deps);

    expect(response).toMatchObject({ status: 202, body: { status: "ignored", reasons: ["no app tracks 127.0.0.1:45500/team/unknown"] } });
  });

  it("answers 415 to another content type, 405 to another method, 404 elsewhere", async () => {
    expect((await handleWebhook(request({ headers: { "content-type": "text/plain", authorization: "Bearer new-secret" } }), deps)).status).toBe(415);
    expect((await handleWebhook(request({ method: "PUT" }), deps)).status).toBe(405);
    expect((await handleWebhook(request({ path: "/hooks/registry/nope" }), deps)).status).toBe(404);
    expect(queue.jobs).toHaveLength(0);
  });

  it("answers 413 over the body limit", async () => {
    const response = await handleWebhook(request({ body: " ".repeat(5000) }), deps);
    expect(response.status).toBe(413);
  });

  it("keeps an endpoint with no secret off", async () => {
    deps.config = parseConfig(CONFIG.replace(/webhooks:\n {2}distribution:\n {4}secrets: .*\n/, ""), "test.yaml");
    const response = await handleWebhook(request(), deps);

    expect(response.status).toBe(404);
    expect(response.body["error"]).toMatch(/off/);
  });

  it("answers 503 when the queue is down, so the sender retries", async () => {
    queue.down = true;
    const response = await handleWebhook(request(), deps);
    expect(response.status).toBe(503);
  });

  it("uses the configured registry host instead of the one the registry saw", async () => {
    deps.config = parseConfig(CONFIG.replace("secrets: [{ env: TOKEN_NEW }, { env: TOKEN_OLD }]", "secrets: [{ env: TOKEN_NEW }]\n    registryHost: registry.example.com").replace("127.0.0.1:45500/team/app", "registry.example.com/team/app"), "test.yaml");
    const response = await handleWebhook(request(), deps);

    expect(response.body).toMatchObject({ status: "queued", jobs: [{ repository: "registry.example.com/team/app" }] });
  });
});

describe("handleWebhook across providers", () => {
  it("logs each accepted delivery once with provider, delivery id and jobs, and no secret anywhere", async () => {
    const entries: { level: string; fields: Record<string, unknown> }[] = [];
    const record = (level: string) => (_message: string, fields: Record<string, unknown> = {}) => void entries.push({ level, fields });
    const { deps } = allEndpointDeps();
    deps.logger = { debug: record("debug"), info: record("info"), warn: record("warn"), error: record("error") };
    const body = webhookFixture("gitea/push.json");

    await handleWebhook(post("/hooks/git/gitea", body, { "x-gitea-event": "push", "x-gitea-delivery": "d-1", "x-gitea-signature": sign.gitea(body) }), deps);
    await handleWebhook(post(`/hooks/registry/dockerhub/${PATH_SECRET}x`, webhookFixture("dockerhub/push.json"), {}), deps);

    const accepted = entries.filter((e) => e.fields["deliveryId"] !== undefined);
    expect(accepted).toEqual([{ level: "info", fields: { provider: "gitea", deliveryId: "d-1", jobs: [{ app: "gitea-app", revision: "bffeb74224043ba2feb48d137756c8a9331c449a" }], ignored: [] } }]);
    expect(entries.find((e) => e.fields["status"] === 401)?.fields["path"]).toBe("/hooks/registry/dockerhub/…");
    expect(JSON.stringify(entries)).not.toContain(PATH_SECRET);
    expect(JSON.stringify(entries)).not.toContain(SECRET);
  });

  it("answers 503 when the secret store cannot be read, so the sender retries", async () => {
    const { deps } = allEndpointDeps();
    deps.secrets = new SecretResolver({ env: {} });
    const body = webhookFixture("gitea/push.json");

    const response = await handleWebhook(post("/hooks/git/gitea", body, { "x-gitea-event": "push", "x-gitea-signature": sign.gitea(body) }), deps);

    expect(response.status).toBe(503);
  });

  it("answers 404 for an endpoint that is not configured and for an unknown path", async () => {
    const { deps } = allEndpointDeps(ALL_ENDPOINTS.replace(/ {2}gitlab: .*\n/, ""));
    const off = await handleWebhook(post("/hooks/git/gitlab", "{}", { "x-gitlab-event": "Push Hook", "x-gitlab-token": SECRET }), deps);
    const unknown = await handleWebhook(post("/hooks/git/gogs", "{}", {}), deps);

    expect(off).toMatchObject({ status: 404, body: { error: "the gitlab endpoint is off: it has no secret configured" } });
    expect(unknown.status).toBe(404);
  });
});
