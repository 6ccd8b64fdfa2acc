import { beforeEach, describe, expect, it } from "vitest";
import { SecretResolver } from "../../../../../src/adapters/secrets/secret-resolver.ts";
import { handleWebhook, type IntakeDeps } from "../../../../../src/jobs/intake/handle-webhook.ts";
import type { FakeQueue } from "../../../jobs/intake/fake-queue.ts";
import { CONFIG, fixture, fixtureJson, intakeDeps, OLD_SECRET, PATH_SECRET, post, SECRET, sign, toBody } from "../../../jobs/intake/intake-test-deps.ts";

describe("registry providers", () => {
  let deps: IntakeDeps;
  let queue: FakeQueue;
  beforeEach(() => ({ deps, queue } = intakeDeps()));

  describe("Harbor", () => {
    const harbor = (body: Uint8Array, authorization: string) => post("/hooks/registry/harbor", body, { authorization });

    it.each([["Bearer <secret>", `Bearer ${SECRET}`], ["the bare secret", SECRET]])("queues PUSH_ARTIFACT with the auth header as %s", async (_name, header) => {
      const response = await handleWebhook(harbor(fixture("harbor/push-artifact.json"), header), deps);

      expect(response.body).toMatchObject({ status: "queued", jobs: [{ app: "registries", repository: "hub.harbor.com/test-webhook/debian", tag: "latest" }] });
      expect(queue.jobs[0]?.job).toMatchObject({ digest: "sha256:8a9e9863dbb6e10edb5adfe917c00da84e1700fa76e7ed02476aa6e6fb8ee0d8" });
    });

    it("ignores a pull and refuses a wrong header", async () => {
      const pull = await handleWebhook(harbor(toBody({ ...fixtureJson("harbor/push-artifact.json"), type: "PULL_ARTIFACT" }), SECRET), deps);
      const wrong = await handleWebhook(harbor(fixture("harbor/push-artifact.json"), "Bearer nope"), deps);

      expect(pull.body).toMatchObject({ status: "ignored", reasons: ["PULL_ARTIFACT event: only PUSH_ARTIFACT deploys"] });
      expect(wrong.status).toBe(401);
    });
  });

  describe("Docker Hub and Quay, with the secret in the path", () => {
    it("queues a Docker Hub push sent to the secret URL", async () => {
      const response = await handleWebhook(post(`/hooks/registry/dockerhub/${PATH_SECRET}`, fixture("dockerhub/push.json"), {}), deps);

      expect(response.body).toMatchObject({ status: "queued", jobs: [{ app: "registries", repository: "docker.io/svendowideit/testhook", tag: "latest" }] });
    });

    it("queues each updated Quay tag", async () => {
      const response = await handleWebhook(post(`/hooks/registry/quay/${PATH_SECRET}`, toBody({ ...fixtureJson("quay/repo-push.json"), updated_tags: ["1.0.0", "1.0"] }), {}), deps);

      expect(response.body).toMatchObject({ status: "queued", jobs: [{ repository: "quay.io/dgangaia/test", tag: "1.0.0" }, { repository: "quay.io/dgangaia/test", tag: "1.0" }] });
      expect(new Set(queue.jobs.map((q) => q.deduplicationId)).size).toBe(2);
    });

    it("answers 401 to a wrong secret and to the bare path, without echoing the secret", async () => {
      const wrong = await handleWebhook(post(`/hooks/registry/dockerhub/${PATH_SECRET.slice(1)}x`, fixture("dockerhub/push.json"), {}), deps);
      const bare = await handleWebhook(post("/hooks/registry/quay", fixture("quay/repo-push.json"), {}), deps);

      expect([wrong.status, bare.status]).toEqual([401, 401]);
      expect(JSON.stringify([wrong.body, bare.body])).not.toContain(PATH_SECRET.slice(1, 20));
    });

    it("keeps the endpoint off when its secret is shorter than 32 random bytes", async () => {
      const short = intakeDeps(CONFIG);
      short.deps.secrets = new SecretResolver({ env: { HOOK_SECRET: SECRET, OLD_SECRET, PATH_SECRET: "short-secret" } });

      const response = await handleWebhook(post("/hooks/registry/dockerhub/short-secret", fixture("dockerhub/push.json"), {}), short.deps);

      expect(response).toMatchObject({ status: 404, body: { error: "the dockerhub endpoint is off: its secret is shorter than 32 random bytes" } });
    });
  });

  describe("Azure Container Registry", () => {
    const acr = (body: Uint8Array, token = SECRET) => post("/hooks/registry/acr", body, { authorization: `Bearer ${token}`, "content-type": "application/json; charset=utf-8" });

    it("queues an image push under the registry's host", async () => {
      const response = await handleWebhook(acr(fixture("acr/push.json")), deps);

      expect(response.body).toMatchObject({ status: "queued", deliveryId: "cb8c3971-9adc-488b-xxxx-43cbb4974ff5", jobs: [{ repository: "myregistry.azurecr.io/hello-world", tag: "v1" }] });
    });

    it("ignores a Helm chart push and refuses a wrong token", async () => {
      const chart = await handleWebhook(acr(fixture("acr/chart-push.json")), deps);
      const wrong = await handleWebhook(acr(fixture("acr/push.json"), "nope"), deps);

      expect(chart.body).toMatchObject({ status: "ignored", reasons: ["chart_push event for repo:wordpress-5.4.0.tgz: only image pushes deploy"] });
      expect(wrong.status).toBe(401);
    });
  });

  describe("generic HMAC hook", () => {
    const generic = (body: Uint8Array, headers: Record<string, string> = {}) => post("/hooks/generic", body, { "x-signature": sign.generic(body), ...headers });

    it.each([
      ["an image reference", { image: "registry.example.com/team/app:2.0.0" }],
      ["repository and tag", { repository: "registry.example.com/team/app", tag: "2.0.0" }],
    ])("queues %s signed over the raw body", async (_name, payload) => {
      const response = await handleWebhook(generic(toBody(payload), { "x-delivery-id": "ci-run-4711" }), deps);

      expect(response.body).toMatchObject({ status: "queued", deliveryId: "ci-run-4711", jobs: [{ app: "registries", repository: "registry.example.com/team/app", tag: "2.0.0" }] });
    });

    it("reads an image without a tag as :latest, drops a digest that is none, and ignores a non-reference", async () => {
      const untagged = await handleWebhook(generic(toBody({ image: "registry.example.com/team/app" })), deps);
      const badDigest = await handleWebhook(generic(toBody({ image: "registry.example.com/team/app:2.0.2@sha256:abc" })), deps);
      const nonsense = await handleWebhook(generic(toBody({ image: "{{ .Values.image }}" })), deps);

      expect(untagged.body).toMatchObject({ status: "queued", jobs: [{ repository: "registry.example.com/team/app", tag: "latest" }] });
      expect(badDigest.body).toMatchObject({ status: "queued", jobs: [{ tag: "2.0.2" }] });
      expect(nonsense.body).toMatchObject({ status: "ignored", reasons: ["the image is not an image reference"] });
    });

    it("accepts the old secret, refuses no signature, and answers 400 to an unknown field", async () => {
      const body = toBody({ image: "registry.example.com/team/app:2.0.1" });
      const old = await handleWebhook(generic(body, { "x-signature": sign.generic(body, OLD_SECRET) }), deps);
      const unsigned = await handleWebhook(generic(body, { "x-signature": "" }), deps);
      const extra = toBody({ image: "registry.example.com/team/app:2.0.1", app: "registries" });
      const unknownField = await handleWebhook(generic(extra), deps);

      expect([old.status, unsigned.status, unknownField.status]).toEqual([202, 401, 400]);
    });
  });
});
