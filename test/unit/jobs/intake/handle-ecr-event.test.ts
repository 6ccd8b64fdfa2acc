import { describe, expect, it } from "vitest";
import { branchWriteGroupId } from "../../../../src/core/queue/deduplication-id.ts";
import { handleEcrEvent } from "../../../../src/jobs/intake/handle-ecr-event.ts";
import { CONFIG, fixtureJson, intakeDeps } from "./intake-test-deps.ts";

describe("handleEcrEvent", () => {
  it("queues the documented ECR push event for the app tracking the repository", async () => {
    const { deps, queue } = intakeDeps();

    const outcome = await handleEcrEvent(fixtureJson("ecr/image-push.json"), deps);

    expect(outcome).toMatchObject({ status: "queued", deliveryId: "13cde686-328b-6117-af20-0e5566167482", jobs: [{ app: "registries", repository: "123456789012.dkr.ecr.us-west-2.amazonaws.com/my-repository-name", tag: "latest" }] });
    expect(queue.jobs[0]?.groupId).toBe(branchWriteGroupId("https://git.example.com/acme/charts.git", "main"));
  });

  it("ignores a failed push and a push by digest only", async () => {
    const { deps, queue } = intakeDeps();
    const event = fixtureJson("ecr/image-push.json") as { detail: Record<string, unknown> };

    const failed = await handleEcrEvent({ ...event, detail: { ...event.detail, result: "FAILURE" } }, deps);
    const untagged = await handleEcrEvent({ ...event, detail: { ...event.detail, "image-tag": undefined } }, deps);

    expect(failed).toMatchObject({ status: "ignored", ignored: [expect.stringMatching(/^PUSH FAILURE/)] });
    expect(untagged).toMatchObject({ status: "ignored", ignored: [expect.stringMatching(/without a tag/)] });
    expect(queue.jobs).toHaveLength(0);
  });

  it("refuses other events and other accounts without throwing, and is off unless configured", async () => {
    const restricted = intakeDeps(CONFIG.replace("  ecr: {}", "  ecr: { accounts: [\"210987654321\"] }"));
    const off = intakeDeps(CONFIG.replace("  ecr: {}\n", ""));

    const other = await handleEcrEvent({ source: "aws.s3", "detail-type": "Object Created" }, restricted.deps);
    const account = await handleEcrEvent(fixtureJson("ecr/image-push.json"), restricted.deps);
    const disabled = await handleEcrEvent(fixtureJson("ecr/image-push.json"), off.deps);

    expect([other.status, account.status, disabled.status]).toEqual(["refused", "refused", "off"]);
    expect(restricted.queue.jobs.length + off.queue.jobs.length).toBe(0);
  });

  it("names China-region repositories under amazonaws.com.cn", async () => {
    const { deps } = intakeDeps();
    const outcome = await handleEcrEvent({ ...fixtureJson("ecr/image-push.json"), region: "cn-north-1" }, deps);
    expect(outcome).toMatchObject({ status: "ignored", ignored: ["no app tracks 123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/my-repository-name"] });
  });

  it("lets a queue outage propagate, so EventBridge retries the invocation", async () => {
    const { deps, queue } = intakeDeps();
    queue.down = true;
    await expect(handleEcrEvent(fixtureJson("ecr/image-push.json"), deps)).rejects.toThrow(/queue down/);
  });
});
