// Bitbucket Server / Data Center, Azure DevOps and JFrog Artifactory, on their documented samples.
import { createHmac } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { handleWebhook, type IntakeDeps } from "../../../../../src/jobs/intake/handle-webhook.ts";
import type { FakeQueue } from "../../../jobs/intake/fake-queue.ts";
import { CONFIG, fixture, fixtureJson, intakeDeps, OLD_SECRET, post, SECRET, toBody } from "../../../jobs/intake/intake-test-deps.ts";

const app = (name: string, source: string, images = "[]") => `  - name: ${name}
    source: ${source}
    render: { helm: {} }
    destination: { directory: /tmp/sluice-test/${name}, namespace: ${name} }
    images: ${images}
`;
const MORE = `${CONFIG.replace("webhooks:\n", `webhooks:
  bitbucketServer: { secrets: [{ env: HOOK_SECRET }], url: "https://bitbucket.example.com/" }
  azureDevops: { secrets: [{ env: HOOK_SECRET }, { env: OLD_SECRET }] }
  artifactory: { secrets: [{ env: HOOK_SECRET }] }
`)}${app("bbs-app", "{ repo: https://bitbucket.example.com/scm/proj/repository.git, branch: master }")}${
  app("ado-app", "{ repo: https://fabrikam-fiber-inc.visualstudio.com/DefaultCollection/_git/Fabrikam-Fiber-Git, branch: master }")}${
  app("jfrog-app", "{ repo: https://git.example.com/acme/charts.git, path: charts/jfrog }", `
      - repository: example.jfrog.io/docker-remote-cache/library/ubuntu
        policy: { regex: ".*" }
        write: { file: values.yaml, tag: image.tag }`)}`;

const hmac = (body: Uint8Array, secret = SECRET) => createHmac("sha256", secret).update(body).digest("hex");
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;

describe("more senders", () => {
  let deps: IntakeDeps;
  let queue: FakeQueue;
  beforeEach(() => ({ deps, queue } = intakeDeps(MORE)));

  describe("Bitbucket Server and Data Center", () => {
    const bbs = (body: Uint8Array, headers: Record<string, string>) => post("/hooks/git/bitbucket-server", body, headers);

    it("queues repo:refs_changed signed with X-Hub-Signature, naming the repository under the server URL", async () => {
      const body = fixture("bitbucket-server/refs-changed.json");

      const response = await handleWebhook(bbs(body, { "x-event-key": "repo:refs_changed", "x-request-id": "bbs-1", "x-hub-signature": `sha256=${hmac(body)}` }), deps);

      expect(response.body).toMatchObject({ status: "queued", deliveryId: "bbs-1", jobs: [{ app: "bbs-app", revision: "178864a7d521b6f5e720b386b2c2b0ef8563e0dc" }] });
      expect(queue.jobs[0]?.job).toMatchObject({ kind: "sync", app: "bbs-app" });
    });

    it("refuses an unsigned or wrongly signed delivery and ignores a ping", async () => {
      const body = fixture("bitbucket-server/refs-changed.json");
      const unsigned = await handleWebhook(bbs(body, { "x-event-key": "repo:refs_changed" }), deps);
      const wrong = await handleWebhook(bbs(body, { "x-event-key": "repo:refs_changed", "x-hub-signature": `sha256=${hmac(body, "nope")}` }), deps);
      const pingBody = toBody({ test: true });
      const ping = await handleWebhook(bbs(pingBody, { "x-event-key": "diagnostics:ping", "x-hub-signature": `sha256=${hmac(pingBody)}` }), deps);

      expect([unsigned.status, wrong.status]).toEqual([401, 401]);
      expect(ping.body).toMatchObject({ status: "ignored", reasons: ["diagnostics:ping: nothing to deploy"] });
    });
  });

  describe("Azure DevOps Services", () => {
    const ado = (authorization: string) => post("/hooks/git/azure-devops", fixture("azure-devops/git-push.json"), { authorization });

    it("queues git.push sent with basic auth whose password is the secret, also the one being rotated out", async () => {
      const current = await handleWebhook(ado(basic("sluice", SECRET)), deps);
      const old = await handleWebhook(ado(basic("anyone", OLD_SECRET)), deps);

      expect(current.body).toMatchObject({ status: "queued", deliveryId: "03c164c2-8912-4d5e-8009-3707d5f83734", jobs: [{ app: "ado-app", revision: "33b55f7cb7e7e245323987634f960cf4a6e6bc74" }] });
      expect(old.status).toBe(202);
    });

    it("refuses a missing or wrong password and ignores other events", async () => {
      const none = await handleWebhook(post("/hooks/git/azure-devops", fixture("azure-devops/git-push.json"), {}), deps);
      const wrong = await handleWebhook(ado(basic("sluice", "nope")), deps);
      const other = await handleWebhook(post("/hooks/git/azure-devops", toBody({ ...fixtureJson("azure-devops/git-push.json"), eventType: "git.pullrequest.created" }),
        { authorization: basic("sluice", SECRET) }), deps);

      expect([none.status, wrong.status]).toEqual([401, 401]);
      expect(other.body).toMatchObject({ status: "ignored", reasons: ["git.pullrequest.created event: Sluice reads git.push"] });
    });
  });

  describe("JFrog Artifactory", () => {
    const jfrog = (body: Uint8Array, auth?: string) => post("/hooks/registry/artifactory", body, auth === undefined ? {} : { "x-jfrog-event-auth": auth });

    it.each([["the secret token", SECRET], ["the body signed with it", "signed"]])("queues a Docker push authenticated by %s", async (_name, auth) => {
      const body = fixture("artifactory/docker-pushed.json");

      const response = await handleWebhook(jfrog(body, auth === "signed" ? hmac(body) : auth), deps);

      expect(response.body).toMatchObject({ status: "queued", jobs: [{ app: "jfrog-app", repository: "example.jfrog.io/docker-remote-cache/library/ubuntu", tag: "latest" }] });
      expect(queue.jobs[0]?.job).toMatchObject({ digest: "sha256:35c4a2c15539c6c1e4e5fa4e554dac323ad0107d8eb5c582d6ff386b383b7dce" });
    });

    it("refuses a missing or wrong token and ignores other domains", async () => {
      const body = fixture("artifactory/docker-pushed.json");
      const none = await handleWebhook(jfrog(body), deps);
      const wrong = await handleWebhook(jfrog(body, "nope"), deps);
      const artifact = await handleWebhook(jfrog(toBody({ ...fixtureJson("artifactory/docker-pushed.json"), domain: "artifact", event_type: "deployed" }), SECRET), deps);

      expect([none.status, wrong.status]).toEqual([401, 401]);
      expect(artifact.body).toMatchObject({ status: "ignored", reasons: ["artifact deployed event: only Docker pushes deploy"] });
    });
  });
});
