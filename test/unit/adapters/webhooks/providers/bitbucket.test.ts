import { beforeEach, describe, expect, it } from "vitest";
import { handleWebhook, type IntakeDeps } from "../../../../../src/jobs/intake/handle-webhook.ts";
import type { FakeQueue } from "../../../jobs/intake/fake-queue.ts";
import { fixture, fixtureJson, intakeDeps, post, sign, toBody } from "../../../jobs/intake/intake-test-deps.ts";

const PATH = "/hooks/git/bitbucket";
const bitbucket = (body: Uint8Array, headers: Record<string, string> = {}) =>
  post(PATH, body, { "x-event-key": "repo:push", "x-request-uuid": "2a9a6ac4-1c1c-4b0a-9c8d-3d2f0b0f1a11", "x-hub-signature": sign.bitbucket(body), ...headers });

describe("Bitbucket Cloud provider", () => {
  let deps: IntakeDeps;
  let queue: FakeQueue;
  beforeEach(() => ({ deps, queue } = intakeDeps()));

  it("queues a sync for the pushed branch; Bitbucket lists no files, so the app's path cannot rule it out", async () => {
    const response = await handleWebhook(bitbucket(fixture("bitbucket/repo-push.json")), deps);

    expect(response.body).toMatchObject({ status: "queued", deliveryId: "2a9a6ac4-1c1c-4b0a-9c8d-3d2f0b0f1a11", jobs: [{ app: "bb-app", revision: "709d658dc5b6d6afcd46049c2f332ee3f515a67d" }] });
    expect(queue.jobs).toHaveLength(1);
  });

  it("ignores a branch that was closed", async () => {
    const closed = fixtureJson("bitbucket/repo-push.json") as { push: { changes: Record<string, unknown>[] } };
    for (const change of closed.push.changes) Object.assign(change, { new: null, closed: true });

    const response = await handleWebhook(bitbucket(toBody(closed)), deps);

    expect(response.body).toMatchObject({ status: "ignored", reasons: ["branch name-of-branch deleted: nothing to deploy"] });
  });

  it("recognises Sluice's own commit only when Bitbucket's list was not truncated", async () => {
    const own = fixtureJson("bitbucket/repo-push.json") as { push: { changes: { truncated: boolean; commits: { message: string; author: { raw: string } }[] }[] } };
    const change = own.push.changes[0];
    if (!change?.commits[0]) throw new Error("fixture has no commit");
    change.commits[0].message = "[skip ci] sluice: bb-app registry.example.com/app 1.0.0 -> 1.1.0\n";
    const complete = await handleWebhook(bitbucket(toBody(own)), deps);
    change.truncated = true;
    const truncated = await handleWebhook(bitbucket(toBody(own)), deps);

    expect(complete.body).toMatchObject({ status: "ignored", reasons: [expect.stringMatching(/^Sluice's own commit/)] });
    expect(truncated.body).toMatchObject({ status: "queued" });
  });

  it("answers 401 without a signature: Sluice requires the webhook secret", async () => {
    const response = await handleWebhook(bitbucket(fixture("bitbucket/repo-push.json"), { "x-hub-signature": "" }), deps);
    expect(response.status).toBe(401);
  });
});
