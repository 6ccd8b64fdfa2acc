import { describe, expect, it } from "vitest";
import { handleWebhook } from "../../../../../src/jobs/intake/handle-webhook.ts";
import { CONFIG, fixture, fixtureJson, intakeDeps, post, SECRET } from "../../../jobs/intake/intake-test-deps.ts";

// Notifications recorded from a real distribution 2.8.2 by test/integration/intake-registry.test.ts.
const captured = (kind: string) => ({
  body: fixture(`distribution/captured-${kind}.json`),
  headers: fixtureJson(`distribution/captured-${kind}.headers.json`) as Record<string, string>,
});

describe("distribution provider on captured notifications", () => {
  it("queues the tag push under the host the registry saw, with its digest", async () => {
    const { body, headers } = captured("push-tag");
    const event = (JSON.parse(body.toString()) as { events: { request: { host: string }; target: { digest: string } }[] }).events[0];
    const { deps, queue } = intakeDeps(CONFIG.replace("127.0.0.1:45500/team/app", `${event?.request.host}/team/app`));

    const response = await handleWebhook(post("/hooks/registry/distribution", body, { "content-type": headers["content-type"] ?? "", authorization: `Bearer ${SECRET}` }), deps);

    expect(response.body).toMatchObject({ status: "queued", jobs: [{ repository: `${event?.request.host}/team/app`, tag: "1.2.0" }] });
    expect(queue.jobs[0]?.job).toMatchObject({ digest: event?.target.digest });
  });

  it.each(["push-blob", "pull", "mount"])("ignores the captured %s notification with its reason", async (kind) => {
    const { body, headers } = captured(kind);
    const { deps, queue } = intakeDeps();

    const response = await handleWebhook(post("/hooks/registry/distribution", body, { "content-type": headers["content-type"] ?? "", authorization: `Bearer ${SECRET}` }), deps);

    expect(response.body).toMatchObject({ status: "ignored", reasons: [expect.stringMatching(/^(push of application\/octet-stream .* without a tag|pull event|mount event)/)] });
    expect(queue.jobs).toHaveLength(0);
  });
});
