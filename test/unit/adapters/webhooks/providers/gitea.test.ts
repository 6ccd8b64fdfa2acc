import { beforeEach, describe, expect, it } from "vitest";
import { handleWebhook, type IntakeDeps } from "../../../../../src/jobs/intake/handle-webhook.ts";
import type { FakeQueue } from "../../../jobs/intake/fake-queue.ts";
import { fixture, intakeDeps, OLD_SECRET, post, sign } from "../../../jobs/intake/intake-test-deps.ts";

const PATH = "/hooks/git/gitea";
const body = fixture("gitea/push.json");

describe("Gitea and Forgejo provider", () => {
  let deps: IntakeDeps;
  let queue: FakeQueue;
  beforeEach(() => ({ deps, queue } = intakeDeps()));

  it("queues a sync for a push signed as Gitea signs it (bare hex)", async () => {
    const response = await handleWebhook(post(PATH, body, { "x-gitea-event": "push", "x-gitea-delivery": "f6266f16-1bf3-46a5-9ea4-602e06ead473", "x-gitea-signature": sign.gitea(body) }), deps);

    expect(response.body).toMatchObject({ status: "queued", deliveryId: "f6266f16-1bf3-46a5-9ea4-602e06ead473", jobs: [{ app: "gitea-app", revision: "bffeb74224043ba2feb48d137756c8a9331c449a" }] });
    expect(queue.jobs).toHaveLength(1);
  });

  it("reads Forgejo's own headers, and the secret being rotated out", async () => {
    const response = await handleWebhook(post(PATH, body, { "x-forgejo-event": "push", "x-forgejo-signature": sign.gitea(body, OLD_SECRET) }), deps);
    expect(response.body).toMatchObject({ status: "queued", jobs: [{ app: "gitea-app" }] });
  });

  it.each([
    ["a GitHub-style prefixed signature", `sha256=${sign.gitea(body)}`],
    ["another secret's signature", sign.gitea(body, "nope")],
    ["a truncated signature", sign.gitea(body).slice(0, 40)],
  ])("answers 401 to %s", async (_name, signature) => {
    const response = await handleWebhook(post(PATH, body, { "x-gitea-event": "push", "x-gitea-signature": signature }), deps);
    expect(response.status).toBe(401);
    expect(queue.jobs).toHaveLength(0);
  });
});
