import { beforeEach, describe, expect, it } from "vitest";
import { handleWebhook, type IntakeDeps } from "../../../../../src/jobs/intake/handle-webhook.ts";
import type { FakeQueue } from "../../../jobs/intake/fake-queue.ts";
import { fixture, fixtureJson, intakeDeps, OLD_SECRET, post, SECRET, toBody } from "../../../jobs/intake/intake-test-deps.ts";

const PATH = "/hooks/git/gitlab";
// GitLab sends the secret token as is, unsigned; Idempotency-Key stays the same across its retries.
const gitlab = (event: string, body: Uint8Array, headers: Record<string, string> = {}) =>
  post(PATH, body, { "x-gitlab-event": event, "x-gitlab-token": SECRET, "x-gitlab-event-uuid": "13792a34-cac6-4fda-95a8-c58e00a3954e", "idempotency-key": "f5e5f430-f57b-4e6e-9fac-d9128cd7232f", ...headers });

describe("GitLab provider", () => {
  let deps: IntakeDeps;
  let queue: FakeQueue;
  beforeEach(() => ({ deps, queue } = intakeDeps()));

  it("syncs every app on the branch when GitLab listed 2 of 4 commits", async () => {
    const response = await handleWebhook(gitlab("Push Hook", fixture("gitlab/push.json")), deps);

    expect(response.body).toMatchObject({ status: "queued", deliveryId: "f5e5f430-f57b-4e6e-9fac-d9128cd7232f", jobs: [{ app: "gl-app", revision: "da1560886d4f094c3e6c9ef40349f7d38b5d27d7" }] });
    expect(queue.jobs.map((q) => q.job.app)).toEqual(["gl-app"]);
  });

  it("matches on the listed paths once the list is whole", async () => {
    const whole = { ...fixtureJson("gitlab/push.json"), total_commits_count: 2 };
    const docsOnly = fixtureJson("gitlab/push.json") as { total_commits_count: number; commits: Record<string, unknown>[] };
    docsOnly.total_commits_count = 2;
    for (const c of docsOnly.commits) Object.assign(c, { added: ["README.md"], modified: [] });

    const queued = await handleWebhook(gitlab("Push Hook", toBody(whole)), deps);
    const ignored = await handleWebhook(gitlab("Push Hook", toBody(docsOnly)), deps);

    expect(queued.body).toMatchObject({ status: "queued", jobs: [{ app: "gl-app" }] });
    expect(ignored.body).toMatchObject({ status: "ignored", reasons: ["gl-app: no changed path under app"] });
  });

  it("ignores a tag push: apps follow branches", async () => {
    const response = await handleWebhook(gitlab("Tag Push Hook", fixture("gitlab/tag-push.json")), deps);

    expect(response.body).toMatchObject({ status: "ignored", reasons: ["tag v1.0.0 pushed to http://example.com/jsmith/example.git: apps follow branches, not tags"] });
  });

  it("compares the token against every configured secret", async () => {
    const old = await handleWebhook(gitlab("Push Hook", fixture("gitlab/push.json"), { "x-gitlab-token": OLD_SECRET }), deps);
    const wrong = await handleWebhook(gitlab("Push Hook", fixture("gitlab/push.json"), { "x-gitlab-token": `${SECRET}x` }), deps);
    const none = await handleWebhook(gitlab("Push Hook", fixture("gitlab/push.json"), { "x-gitlab-token": "" }), deps);

    expect([old.status, wrong.status, none.status]).toEqual([202, 401, 401]);
    expect(JSON.stringify([wrong.body, none.body])).not.toContain(SECRET);
  });

  it("ignores events other than pushes", async () => {
    const response = await handleWebhook(gitlab("Issue Hook", toBody({ object_kind: "issue" })), deps);
    expect(response.body).toMatchObject({ status: "ignored", reasons: ["Issue Hook event: Sluice reads Push Hook, Tag Push Hook and Merge Request Hook"] });
  });

  it("falls back to X-Gitlab-Event-UUID as the delivery id on older GitLab", async () => {
    const response = await handleWebhook(gitlab("Push Hook", fixture("gitlab/push.json"), { "idempotency-key": "" }), deps);
    expect(response.body["deliveryId"]).toBe("13792a34-cac6-4fda-95a8-c58e00a3954e");
  });
});
