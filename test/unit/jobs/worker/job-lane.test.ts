import { describe, expect, it } from "vitest";
import { branchWriteGroupId } from "../../../../src/core/queue/deduplication-id.ts";
import { jobLane } from "../../../../src/jobs/worker/job-lane.ts";
import { processFifoBatch } from "../../../../src/jobs/worker/process-fifo-batch.ts";

const GROUP = branchWriteGroupId("https://git.example.com/charts.git", "main");
const bump = (id: string, app: string, tag: string) => ({
  id, groupId: GROUP, body: JSON.stringify({ kind: "image-update", app, repository: `reg.example.com/${app}`, tag, deliveryId: id }),
});

describe("jobLane in a branch's write group", () => {
  it("runs different apps' bumps side by side and one app's in order; a failure holds back only that app's later bumps", async () => {
    // Prepare: web 1.1 then 1.2, api 2.0, and worker 3.0 — web 1.1 fails
    const messages = [bump("w1", "web", "1.1.0"), bump("w2", "web", "1.2.0"), bump("a1", "api", "2.0.0"), bump("k1", "worker", "3.0.0")];
    const running = new Set<string>();
    let most = 0;
    const ran: string[] = [];
    const handle = async (m: { id: string }) => {
      running.add(m.id);
      most = Math.max(most, running.size);
      await new Promise((resolve) => setImmediate(resolve));
      running.delete(m.id);
      ran.push(m.id);
      if (m.id === "w1") throw new Error("push refused");
    };

    // Act
    const failed = await processFifoBatch(messages, handle, jobLane);

    // Assess
    expect(most).toBe(3);
    expect(ran.sort()).toEqual(["a1", "k1", "w1"]);
    expect(failed).toEqual(["w1", "w2"]);
  });

  it("keeps a group's order outside write groups, and for a body that is no job", () => {
    // Act
    const lanes = [jobLane({ id: "1", groupId: "web", body: "{}" }), jobLane({ id: "2", groupId: GROUP, body: "not json" })];

    // Assess
    expect(lanes).toEqual(["web", GROUP]);
  });
});
